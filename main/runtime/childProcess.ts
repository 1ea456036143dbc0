// Work that parses untrusted bytes runs in a process of its own, so a native
// crash or a runaway read ends that process and not the engine. Node starts
// it with child_process.fork; the desktop app, whose Electron binary cannot
// act as Node (the RunAsNode fuse is off), with utilityProcess
// (main/electron/readerProcess.ts hands that launcher to the engine).
import { fork } from 'node:child_process';

/** A started child process, whichever way it was started. */
export interface ChildProcessLike {
  /** The operating system's id of the process, once started (tests watch it). */
  readonly pid: number | undefined;
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once when the process ends: its exit code, or the signal that ended it. */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(): void;
  /**
   * Whether the process keeps its parent running: yes while it works for it,
   * no while it waits idle (a process kept warm must never keep Node alive).
   */
  holdParent(hold: boolean): void;
}

/** Starts `entry` (a JavaScript module; TypeScript when the engine runs from source) with Node options `execArgv`. */
export type ProcessLauncher = (entry: string, execArgv: string[]) => ChildProcessLike;

/**
 * The child's environment: this process's, without NODE_EXTRA_CA_CERTS. Node
 * 20 reads and parses that bundle of certificates as it starts, before any
 * script runs (a system bundle of some 140: 35 ms of a 58 ms start, on the
 * critical path of every reader start, the command line's inspect included),
 * and the child opens no connection.
 */
export function childEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const { NODE_EXTRA_CA_CERTS: _certificates, ...rest } = env;
  return rest;
}

export const forkLauncher: ProcessLauncher = (entry, execArgv) => {
  // No stdio: the child answers through IPC only (and a crash prints nothing worth showing).
  const child = fork(entry, [], { execArgv, env: childEnv(), stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  // A send to a child that already died fails with an 'error' event: its 'exit' reports the death.
  child.on('error', () => {});
  return {
    get pid() {
      return child.pid;
    },
    send: (message) => {
      child.send(message as object);
    },
    onMessage: (listener) => {
      child.on('message', listener);
    },
    onExit: (listener) => {
      // 'close', not 'exit': it comes after the last message the child sent (the IPC channel is drained).
      child.once('close', listener);
    },
    kill: () => {
      child.kill('SIGKILL');
    },
    holdParent: (hold) => {
      // The IPC channel holds the event loop as well as the process handle does.
      if (hold) {
        child.ref();
        child.channel?.ref();
      } else {
        child.unref();
        child.channel?.unref();
      }
    },
  };
};

let launcher: ProcessLauncher = forkLauncher;

/** The desktop shell's launcher (set once at start); Node's fork otherwise. */
export function setProcessLauncher(next: ProcessLauncher): void {
  launcher = next;
}

export function launchProcess(entry: string, execArgv: string[]): ChildProcessLike {
  return launcher(entry, execArgv);
}
