// The analysis every view reads: the shared controls (period, range, as-of,
// method, segment rule, filters), kept in the workspace, and the engine's
// result for them. A newer request cancels the stale one; views never compute
// a metric themselves.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { AnalysisResult } from '../../shared/analysis.js';
import type { JobProgress } from '../../shared/contract.js';
import { DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings } from '../../shared/metrics.js';
import type { Invoke } from '../../shared/transport.js';
import { newJobId, withProgress } from '../api/jobs.js';

export interface AnalysisState {
  invoke: Invoke;
  /** Changes when another workspace is opened or data is imported: results kept under an older key are stale. */
  workspaceKey: string;
  settings: AnalysisSettings;
  update(change: Partial<AnalysisSettings>): void;
  result: AnalysisResult | null;
  loading: boolean;
  progress: JobProgress | null;
  error: string | null;
  /** Runs the analysis again (after an import). */
  refresh(): void;
}

const AnalysisContext = createContext<AnalysisState | null>(null);

export function useAnalysis(): AnalysisState {
  const state = useContext(AnalysisContext);
  if (!state) throw new Error('useAnalysis outside AnalysisProvider');
  return state;
}

/** `workspaceKey` changes when another workspace is opened or data is imported. */
export function AnalysisProvider({ invoke, workspaceKey, children }: { invoke: Invoke; workspaceKey: string; children: ReactNode }) {
  const [settings, setSettings] = useState<AnalysisSettings>(DEFAULT_ANALYSIS_SETTINGS);
  const [loaded, setLoaded] = useState(false);
  const [result, setResult] = useState<AnalysisResult | null>(null);
  const [loading, setLoading] = useState(false);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const running = useRef<string | null>(null);

  // Restore the controls saved in this workspace.
  useEffect(() => {
    let live = true;
    setLoaded(false);
    void invoke('ui.settings.get', {}).then((saved) => {
      if (!live) return;
      setSettings({ ...DEFAULT_ANALYSIS_SETTINGS, ...(saved.ok && saved.value.settings ? saved.value.settings : {}) });
      setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [invoke, workspaceKey]);

  useEffect(() => {
    if (!loaded) return;
    const jobId = newJobId();
    const stale = running.current;
    running.current = jobId;
    if (stale) void invoke('jobs.cancel', { jobId: stale });
    setLoading(true);
    setError(null);
    void withProgress(invoke, jobId, invoke('analysis.run', { settings, jobId }), setProgress).then((answer) => {
      if (running.current !== jobId) return; // a newer request won
      running.current = null;
      setLoading(false);
      setProgress(null);
      if (answer.ok) setResult(answer.value);
      else if (answer.error.code === 'not_found') setResult(null);
      else if (answer.error.code !== 'cancelled') setError(answer.error.message);
    });
  }, [invoke, settings, loaded, generation, workspaceKey]);

  const update = useCallback(
    (change: Partial<AnalysisSettings>) => {
      setSettings((current) => {
        const next = { ...current, ...change };
        void invoke('ui.settings.set', { settings: next });
        return next;
      });
    },
    [invoke],
  );
  const refresh = useCallback(() => setGeneration((g) => g + 1), []);

  return (
    <AnalysisContext.Provider value={{ invoke, workspaceKey, settings, update, result, loading, progress, error, refresh }}>{children}</AnalysisContext.Provider>
  );
}
