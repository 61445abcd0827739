/**
 * The gadget editor's backend reads: boards and the chosen board's sprints. Both start in
 * `routes.tsx` while the editor's chunk downloads, so the editor picks them up instead of asking
 * again; a retry or a newly chosen board asks the backend.
 */
import type { ResultOf } from '@contract/resolvers.contract';
import type { ResolverError, ResolverResult } from '@contract/result';
import { useEffect, useReducer, useRef, useState } from 'react';

import type { CallResolver } from '../../api/client';

export type BoardList = ResultOf<'capacity/listBoards'>;
export type SprintList = ResultOf<'capacity/listSprints'>;

export type Loaded<T> = { readonly status: 'loading' } | { readonly status: 'ready'; readonly data: T } | { readonly status: 'failed'; readonly error: ResolverError };

const fromResult = <T,>(result: ResolverResult<T>): Loaded<T> => (result.ok ? { status: 'ready', data: result.data } : { status: 'failed', error: result.error });

/** A backend read that started in `routes.tsx`, with a retry that asks again. */
export function useLoad<T>(first: Promise<ResolverResult<T>>, load: () => Promise<ResolverResult<T>>): Loaded<T> & { readonly retry: () => void } {
  const [attempt, bump] = useReducer((n: number) => n + 1, 0);
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let current = true;
    const request = attempt === 0 ? first : loadRef.current();
    void request.then((result) => {
      if (current) setState(fromResult(result));
    });
    return () => {
      current = false;
    };
  }, [attempt, first]);
  return {
    ...state,
    retry: () => {
      setState({ status: 'loading' });
      bump();
    },
  };
}

/** The chosen board's sprints; the saved board's list was requested by `routes.tsx` already. */
export function useSprints(callResolver: CallResolver, boardId: number | null, savedBoardId: number | null, first: Promise<ResolverResult<SprintList>> | null): Loaded<SprintList> & { readonly boardId: number | null } {
  const [state, setState] = useState<Loaded<SprintList> & { readonly boardId: number | null }>({ status: 'loading', boardId });
  useEffect(() => {
    if (boardId === null) return undefined;
    let current = true;
    setState({ status: 'loading', boardId });
    const request = boardId === savedBoardId && first !== null ? first : callResolver('capacity/listSprints', { boardId });
    void request.then((result) => {
      if (current) setState({ ...fromResult(result), boardId });
    });
    return () => {
      current = false;
    };
  }, [callResolver, boardId, savedBoardId, first]);
  return state.boardId === boardId ? state : { status: 'loading', boardId };
}

export type ProjectCriteria = ResultOf<'capacity/projectCriteria'>;

/**
 * The chosen board's project's default criteria, for "Use the project's defaults"; asked only while
 * that option is chosen, once per project. `projectKey` null: no board with a project yet.
 */
export function useProjectCriteria(callResolver: CallResolver, projectKey: string | null, wanted: boolean): Loaded<ProjectCriteria> & { readonly retry: () => void } {
  const [attempt, bump] = useReducer((n: number) => n + 1, 0);
  const [state, setState] = useState<Loaded<ProjectCriteria> & { readonly key: string }>({ status: 'loading', key: '' });
  const key = `${projectKey ?? ''}#${String(attempt)}`;
  const ask = wanted && projectKey !== null && state.key !== key;
  useEffect(() => {
    if (!ask) return undefined;
    let current = true;
    void callResolver('capacity/projectCriteria', { projectKey }).then((result) => {
      if (current) setState({ ...fromResult(result), key });
    });
    return () => {
      current = false;
    };
  }, [ask, callResolver, projectKey, key]);
  const shown: Loaded<ProjectCriteria> = state.key === key ? state : { status: 'loading' };
  return { ...shown, retry: bump };
}
