/**
 * The shapes every screen's state machine shares: before its first read answers, after it failed,
 * and the sentence a refused change leaves on the screen. Pure types.
 */
import type { ResolverError } from '@contract/result';

/** A screen's state: its first read is on its way, has failed, or the screen is `Ready`. */
export type ScreenState<Ready> = { readonly status: 'loading' } | { readonly status: 'failed'; readonly error: ResolverError } | Ready;

/** A sentence shown as a banner after a refused change or a conflict. */
export interface Notice {
  readonly tone: 'error' | 'warning';
  readonly message: string;
}
