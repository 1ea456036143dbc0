// The analysis every view reads: the shared controls (period, range, as-of,
// method, segment rule, filters), kept in the workspace, and the engine's
// result for them. Only the metric families the current screen draws are
// asked for (`families`); what another screen loaded is kept and merged, and
// a screen shows a result only once its own families are in it. A newer
// request (other controls, another screen) cancels the stale one, so a
// screen left behind never delays the one on view; views never compute a
// metric themselves.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { AnalysisResult } from '../../shared/analysis.js';
import type { JobProgress } from '../../shared/contract.js';
import { DEFAULT_ANALYSIS_SETTINGS, type AnalysisFamily, type AnalysisSettings } from '../../shared/metrics.js';
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

/** The parts of the result each family fills (shared/metrics.ts ANALYSIS_FAMILIES). */
const FAMILY_FIELDS: Record<AnalysisFamily, (keyof AnalysisResult)[]> = {
  periods: ['periods', 'headline'],
  segments: ['segments'],
  cohorts: ['cohorts'],
  customers: ['churn_reasons', 'churn_types', 'at_risk'],
  comparison: ['methodology_comparison'],
};

/** `previous` with the families of `next` (and its settings) put in. */
function merged(previous: AnalysisResult | null, next: AnalysisResult, families: readonly AnalysisFamily[]): AnalysisResult {
  if (!previous) return next;
  const fields = Object.fromEntries(families.flatMap((f) => FAMILY_FIELDS[f]).map((field) => [field, next[field]]));
  return { ...previous, ...fields, settings: next.settings };
}

/**
 * `workspaceKey` changes when another workspace is opened or data is imported;
 * `families` are what the screen on view draws.
 */
export function AnalysisProvider({
  invoke,
  workspaceKey,
  families,
  children,
}: {
  invoke: Invoke;
  workspaceKey: string;
  families: readonly AnalysisFamily[];
  children: ReactNode;
}) {
  const [settings, setSettings] = useState<AnalysisSettings>(DEFAULT_ANALYSIS_SETTINGS);
  const [loaded, setLoaded] = useState(false);
  const [merge, setMerge] = useState<{ result: AnalysisResult | null; held: Set<AnalysisFamily>; fresh: Set<AnalysisFamily> }>({
    result: null,
    held: new Set(),
    fresh: new Set(),
  });
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

  // Other controls or other data: what was loaded is shown until the new answer comes, but is no longer fresh.
  useEffect(() => {
    setMerge((m) => ({ ...m, fresh: new Set() }));
  }, [settings, generation, workspaceKey]);

  const familiesKey = [...families].sort().join(',');
  const missing = families.filter((f) => !merge.fresh.has(f));
  const missingKey = missing.join(',');
  useEffect(() => {
    if (!loaded || !missingKey) return;
    const asked = missingKey.split(',') as AnalysisFamily[];
    const jobId = newJobId();
    const stale = running.current;
    running.current = jobId;
    if (stale) void invoke('jobs.cancel', { jobId: stale });
    setLoading(true);
    setError(null);
    void withProgress(invoke, jobId, invoke('analysis.run', { settings, families: asked, jobId }), setProgress).then((answer) => {
      if (running.current !== jobId) return; // a newer request won
      running.current = null;
      setLoading(false);
      setProgress(null);
      if (answer.ok) {
        setMerge((m) => ({
          result: merged(m.result, answer.value, asked),
          held: new Set([...m.held, ...asked]),
          fresh: new Set([...m.fresh, ...asked]),
        }));
      } else if (answer.error.code === 'not_found') setMerge({ result: null, held: new Set(), fresh: new Set() });
      else if (answer.error.code !== 'cancelled') setError(answer.error.message);
    });
    // familiesKey: the same families on another screen ask for nothing new.
  }, [invoke, settings, loaded, generation, workspaceKey, missingKey, familiesKey]);
  // A screen sees a result once its own families are in it (fresh or, while they load again, from before).
  const result = families.every((f) => merge.held.has(f)) ? merge.result : null;

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
