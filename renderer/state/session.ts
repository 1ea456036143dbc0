// State that outlives a screen: a view unmounts when the user switches to
// another, and coming back should find the work as it was left (a scenario
// half-typed, its last run). Kept in memory for the page's life, by key; a
// reload starts afresh, as the workspace holds what must be kept for good.
import { useCallback, useState, type Dispatch, type SetStateAction } from 'react';

const kept = new Map<string, unknown>();

/** Like useState, but the value is still there when the component mounts again. */
export function useSessionState<T>(key: string, initial: T | (() => T)): [T, Dispatch<SetStateAction<T>>] {
  const [value, setValue] = useState<T>(() => {
    if (kept.has(key)) return kept.get(key) as T;
    const first = typeof initial === 'function' ? (initial as () => T)() : initial;
    kept.set(key, first);
    return first;
  });
  const set = useCallback<Dispatch<SetStateAction<T>>>(
    (next) =>
      setValue((current) => {
        const resolved = typeof next === 'function' ? (next as (previous: T) => T)(current) : next;
        kept.set(key, resolved);
        return resolved;
      }),
    [key],
  );
  return [value, set];
}
