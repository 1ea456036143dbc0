// Long work the frame shows with progress and a Cancel button: an engine job
// (polled for progress, cancelled through the engine) or an upload to the
// browser-mode host (aborted in the page). One thing at a time.
import { useState } from 'react';
import type { JobProgress } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';
import type { Client } from '../api/client.js';
import { newJobId, withProgress } from '../api/jobs.js';

export interface Busy {
  /** What is under way: a key of the common namespace and its values, translated when shown. */
  label: { key: string; values?: Record<string, unknown> };
  jobId: string | null;
  percent: number | null;
  detail: string;
  abort?: AbortController;
}

export function useBusy(client: Client, setError: (message: string | null) => void) {
  const { invoke } = client;
  const [busy, setBusy] = useState<Busy | null>(null);

  /** Runs an engine job with progress; its value, or null when it failed (the error is shown). */
  async function runJob<T>(label: Busy['label'], start: (jobId: string) => Promise<Result<T>>): Promise<T | null> {
    const jobId = newJobId();
    setError(null);
    setBusy({ label, jobId, percent: null, detail: '' });
    const onProgress = (p: JobProgress) => setBusy((b) => (b && b.jobId === jobId ? { ...b, percent: p.percent, detail: p.message } : b));
    const result = await withProgress(invoke, jobId, start(jobId), onProgress);
    setBusy(null);
    if (!result.ok) {
      setError(result.error.message);
      return null;
    }
    return result.value;
  }

  /** Browser mode: sends the files to the host; their paths there, or null when it failed. */
  async function upload(files: File[]): Promise<string[] | null> {
    if (!client.upload || files.length === 0) return null;
    const abort = new AbortController();
    const paths: string[] = [];
    for (const file of files) {
      setBusy({ label: { key: 'busy.uploading', values: { name: file.name } }, jobId: null, percent: 0, detail: '', abort });
      const uploaded = await client.upload(file, (fraction) => setBusy((b) => (b ? { ...b, percent: Math.round(fraction * 100) } : b)), abort.signal);
      if (!uploaded.ok) {
        setBusy(null);
        setError(uploaded.error.message);
        return null;
      }
      paths.push(uploaded.value.path);
    }
    setBusy(null);
    return paths;
  }

  async function cancel() {
    if (busy?.abort) busy.abort.abort();
    if (busy?.jobId) await invoke('jobs.cancel', { jobId: busy.jobId });
  }

  return { busy, runJob, upload, cancel };
}
