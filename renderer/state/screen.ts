// Which screen the frame shows: a table of the workspace, the data-quality
// audit (with the import just made, if any), an analysis screen, or the SQL
// console. The console, once opened, stays mounted while hidden so its tabs
// survive; "Open in console" from any screen brings it up with the SQL.
import { useEffect, useState } from 'react';
import type { ImportSummary } from '../../shared/model.js';
import { OPEN_IN_CONSOLE_EVENT } from './openInConsole.js';
import type { AnalysisView } from '../views/registry.js';

export type Screen =
  | { kind: 'table' }
  | { kind: 'audit'; summary: ImportSummary | null }
  | { kind: 'analysis'; view: AnalysisView }
  | { kind: 'console' };

export function useScreen() {
  const [screen, setScreen] = useState<Screen>({ kind: 'table' });
  const [consoleOpened, setConsoleOpened] = useState(false);
  const [consoleIncoming, setConsoleIncoming] = useState<{ sql: string; seq: number } | null>(null);

  const showConsole = () => {
    setConsoleOpened(true);
    setScreen({ kind: 'console' });
  };

  useEffect(() => {
    const onOpen = (event: Event) => {
      const sql = (event as CustomEvent<unknown>).detail;
      if (typeof sql !== 'string') return;
      setConsoleIncoming((previous) => ({ sql, seq: (previous?.seq ?? 0) + 1 }));
      showConsole();
    };
    window.addEventListener(OPEN_IN_CONSOLE_EVENT, onOpen);
    return () => window.removeEventListener(OPEN_IN_CONSOLE_EVENT, onOpen);
  }, []);

  return { screen, setScreen, showConsole, consoleOpened, consoleIncoming };
}
