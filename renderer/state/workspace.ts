// The open workspace and the table selected in it: read from the engine, and
// read again whenever the workspace or its tables change.
import { useCallback, useEffect, useState } from 'react';
import type { WorkspaceInfo } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';
import type { Invoke } from '../../shared/transport.js';

export function useWorkspace(invoke: Invoke, setError: (message: string | null) => void) {
  const [workspace, setWorkspace] = useState<WorkspaceInfo | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  /** Reads the workspace again; selects `select`, else keeps the selection while its table exists. */
  const refresh = useCallback(
    async (select?: string) => {
      const info = await invoke('workspace.info', {});
      if (!info.ok) return setError(info.error.message);
      setWorkspace(info.value);
      setSelected((current) => select ?? (info.value.tables.some((t) => t.name === current) ? current : (info.value.tables[0]?.name ?? null)));
    },
    [invoke, setError],
  );

  useEffect(() => {
    void refresh();
  }, [refresh]);

  /** Opens another workspace (or a scratch one) and shows its tables. */
  async function switchTo(call: Promise<Result<WorkspaceInfo>>) {
    const result = await call;
    if (!result.ok) return setError(result.error.message);
    setSelected(null);
    await refresh();
  }

  const table = workspace?.tables.find((t) => t.name === selected) ?? null;
  return { workspace, selected, setSelected, table, refresh, switchTo };
}
