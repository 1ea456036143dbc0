// Runs a long engine call as a job: polls its progress while it runs and can
// cancel it. The same polling works over IPC and HTTP.
import type { JobProgress } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';
import type { Invoke } from '../../shared/transport.js';

const POLL_MS = 200;
let counter = 0;

export function newJobId(): string {
  counter += 1;
  return `ui-${Date.now().toString(36)}-${counter}`;
}

export async function withProgress<T>(
  invoke: Invoke,
  jobId: string,
  call: Promise<Result<T>>,
  onProgress: (progress: JobProgress) => void,
): Promise<Result<T>> {
  let finished = false;
  const poll = async () => {
    while (!finished) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (finished) break;
      const progress = await invoke('jobs.progress', { jobId });
      if (progress.ok && !finished) onProgress(progress.value);
    }
  };
  void poll();
  try {
    return await call;
  } finally {
    finished = true;
  }
}
