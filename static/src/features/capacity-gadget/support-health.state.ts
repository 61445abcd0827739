import type { ResolverError, ResolverResult } from '@contract/result';
import type { SupportHealthView } from '@contract/support-health.contract';

/**
 * The Health view's state: a read, and reads again (Try again, Refresh). Each request carries a
 * sequence number and an answer to an overtaken one is dropped, so a double click or a slow first
 * answer arriving after a second never puts old figures on screen.
 */
export type HealthState =
  | { readonly status: 'loading'; readonly seq: number }
  | { readonly status: 'failed'; readonly seq: number; readonly error: ResolverError }
  | { readonly status: 'ready'; readonly seq: number; readonly view: SupportHealthView; readonly refreshing: boolean; readonly error: ResolverError | null };

export type HealthAction = { readonly type: 'started'; readonly seq: number } | { readonly type: 'answered'; readonly seq: number; readonly result: ResolverResult<SupportHealthView> };

export const initialHealthState: HealthState = { status: 'loading', seq: 0 };

export function reduceHealth(state: HealthState, action: HealthAction): HealthState {
  if (action.type === 'started') {
    // Keep the figures on screen while they are read again.
    return state.status === 'ready' ? { ...state, seq: action.seq, refreshing: true, error: null } : { status: 'loading', seq: action.seq };
  }
  if (action.seq !== state.seq) return state;
  if (action.result.ok) return { status: 'ready', seq: action.seq, view: action.result.data, refreshing: false, error: null };
  // A failed refresh leaves the figures shown, with the failure above them.
  return state.status === 'ready' ? { ...state, refreshing: false, error: action.result.error } : { status: 'failed', seq: action.seq, error: action.result.error };
}
