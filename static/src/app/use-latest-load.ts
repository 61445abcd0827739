import { useEffect, useRef } from 'react';

/**
 * A section's own backend read: asks when the section mounts and again whenever `load` changes or
 * `reloadKey` does (a new issue, a new report revision), and hands the answer to `settle` only
 * while it is still the latest ask. An older, slower answer never overwrites a newer one, and
 * nothing is set after the section went away.
 */
export function useLatestLoad<T>(load: () => Promise<T>, settle: (answer: T) => void, reloadKey?: unknown): void {
  const latestSettle = useRef(settle);
  latestSettle.current = settle;
  useEffect(() => {
    let current = true;
    void load().then((answer) => {
      if (current) latestSettle.current(answer);
    });
    return () => {
      current = false;
    };
  }, [load, reloadKey]);
}
