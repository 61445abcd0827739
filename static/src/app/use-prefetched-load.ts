import { useCallback, useEffect, useReducer, useRef } from 'react';

/**
 * Runs a screen's first backend read, starting from the request `routes.tsx` already sent while the
 * feature's chunk downloaded, and reads again on `retry`. Every outcome goes to `onResult`.
 */
export function usePrefetchedLoad<T>(firstLoad: Promise<T>, load: () => Promise<T>, onResult: (result: T) => void): () => void {
  // The first load reuses the prefetched request; a retry asks again.
  const pendingLoad = useRef<Promise<T> | null>(firstLoad);
  const latest = useRef({ load, onResult });
  latest.current = { load, onResult };
  const [attempt, bumpAttempt] = useReducer((n: number) => n + 1, 0);

  useEffect(() => {
    let current = true;
    let settled = false;
    const request = pendingLoad.current ?? latest.current.load();
    pendingLoad.current = null;
    void request.then((result) => {
      settled = true;
      if (current) latest.current.onResult(result);
    });
    return () => {
      current = false;
      // StrictMode runs effects twice: hand a request still in flight to the second run rather than
      // sending another one.
      if (!settled) pendingLoad.current = request;
    };
  }, [attempt]);

  return useCallback(() => bumpAttempt(), []);
}
