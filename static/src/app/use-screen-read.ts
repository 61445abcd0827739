import type { ResolverResult } from '@contract/result';
import { useCallback } from 'react';

import { usePrefetchedLoad } from './use-prefetched-load';

/** What a screen's reducer hears about the read it shows: the first answer, a read after a conflict, "Try again". */
export type ReadAction<T> =
  | { readonly type: 'loaded'; readonly result: ResolverResult<T> }
  | { readonly type: 'reloaded'; readonly result: ResolverResult<T> }
  | { readonly type: 'retry' };

export interface ScreenRead {
  /** Reads again after the first read failed. */
  readonly retry: () => void;
  /** After a refused change: `CONFLICT` means a newer version exists, so read it for the screen to show. */
  readonly reloadOnConflict: (result: ResolverResult<unknown>) => void;
}

/**
 * The read behind a screen's reducer: the answer `routes.tsx` prefetched arrives as `loaded`, "Try
 * again" reads anew, and a change refused for a conflict reads the newer version (`reloaded`).
 */
export function useScreenRead<T>(dispatch: (action: ReadAction<T>) => void, firstLoad: Promise<ResolverResult<T>>, load: () => Promise<ResolverResult<T>>): ScreenRead {
  const reload = usePrefetchedLoad(firstLoad, load, (result) => dispatch({ type: 'loaded', result }));

  const retry = useCallback(() => {
    dispatch({ type: 'retry' });
    reload();
  }, [dispatch, reload]);

  const reloadOnConflict = useCallback(
    (result: ResolverResult<unknown>) => {
      if (!result.ok && result.error.code === 'CONFLICT') void load().then((reloaded) => dispatch({ type: 'reloaded', result: reloaded }));
    },
    [dispatch, load],
  );

  return { retry, reloadOnConflict };
}
