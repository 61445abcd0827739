import type { z } from 'zod';

/** What a slice handler learns about the slice it runs. */
export interface SliceContext {
  /** The run this slice belongs to (a new id per start). */
  readonly jobId: string;
  /** The job's subject, as given to `startJob` (for example `board-12:sprint-34`). */
  readonly key: string;
  /** The slice's position in the list given to `startJob`, from 0. */
  readonly index: number;
  /** 0 on the first delivery; Forge's `retryContext.retryCount` after a retry. */
  readonly retryCount: number;
}

/**
 * One kind of background job: how its slices look (checked again when Forge hands one back, since
 * it travelled through the queue) and what one slice does.
 *
 * `runSlice` must be idempotent: Forge delivers each event at least once, and a slice whose result
 * could not be recorded (storage busy) runs again. Throw a `JiraError` (429/5xx) or a
 * `ForgeKvsAPIError` (429/5xx) to have the slice retried later; anything else thrown fails the slice
 * for good, and the job goes on with the others. Build Jira clients inside `runSlice`
 * (`forgeJiraClients()`), so each slice keeps to its own 8 requests in flight. A slice runs as the
 * app (no user is behind an async event): read only what every viewer's figures may rest on, and
 * filter by the viewer's permissions when the result is shown.
 */
export interface JobKind<S> {
  readonly kind: string;
  readonly slice: z.ZodType<S>;
  readonly runSlice: (slice: S, context: SliceContext) => Promise<void>;
  /**
   * At most this many slices of this kind run at once across the site (Forge's `concurrency` on
   * each pushed event). Default 2: a slice may have up to 8 Jira requests in flight, and every
   * slice draws on the app's one rate-limit budget.
   */
  readonly concurrency?: number;
}

const kinds = new Map<string, JobKind<unknown>>();

/** Adds a job kind. The app's kinds are listed in `job-kinds.ts`; tests may add their own. */
export const registerJobKind = <S>(definition: JobKind<S>): void => {
  const existing = kinds.get(definition.kind);
  if (existing !== undefined && existing !== (definition as JobKind<unknown>)) throw new Error(`Background job kind "${definition.kind}" is registered twice.`);
  kinds.set(definition.kind, definition as JobKind<unknown>);
};

export const jobKindOf = (kind: string): JobKind<unknown> | undefined => kinds.get(kind);
