/**
 * The envelope every resolver answers with. Errors are values at the edge (STYLE.md §5): a stable
 * `code` the UI can branch on, and a `message` written for the person in front of the screen.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'TOO_LARGE',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'JIRA_UNAVAILABLE',
  /** A multi-step action is already under way (a retry, a second click, someone else): nothing new was started; try again shortly. */
  'IN_PROGRESS',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ResolverError {
  readonly code: ErrorCode;
  /** One sentence that says what happened and what to do. Never a stack trace. */
  readonly message: string;
  /** The payload field at fault, as a dotted path (`report.stepsToReproduce`). */
  readonly field?: string;
}

export type ResolverResult<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: ResolverError };

export const ok = <T>(data: T): ResolverResult<T> => ({ ok: true, data });

export const fail = (code: ErrorCode, message: string, field?: string): ResolverResult<never> => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});
