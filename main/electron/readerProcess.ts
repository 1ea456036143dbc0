// The desktop app's way to start the import's reader process: Electron's
// utilityProcess. child_process.fork would need the Electron binary to act
// as Node, which the RunAsNode fuse turns off (electron-builder.yml). Only the
// launch differs: the reader (child.ts, which answers through parentPort), the
// protocol and keeping one reader warm between reads (warm.ts) are shared.
import { utilityProcess } from 'electron';
import type { ProcessLauncher } from '../runtime/childProcess.js';

export const utilityProcessLauncher: ProcessLauncher = (entry, execArgv) => {
  const child = utilityProcess.fork(entry, [], { execArgv, stdio: 'ignore', serviceName: 'Churn Workbench file reader' });
  // Messages wait until the process has started.
  let started = false;
  const queued: unknown[] = [];
  child.once('spawn', () => {
    started = true;
    for (const message of queued.splice(0)) child.postMessage(message);
  });
  return {
    get pid() {
      return child.pid;
    },
    send: (message) => {
      if (started) child.postMessage(message);
      else queued.push(message);
    },
    onMessage: (listener) => {
      child.on('message', listener);
    },
    // The exit code only: a crash shows as a code other than 0.
    onExit: (listener) => {
      child.once('exit', (code) => listener(code, null));
    },
    kill: () => {
      child.kill();
    },
    // A utility process never keeps the app running: Electron quits on its own events and ends it.
    holdParent: () => {},
  };
};
