/**
 * What a refused change means for the screen, shared by every Firebreak form. The rules come from
 * the result envelope's stable codes (`@contract/result`), never from the wording of a message.
 */
import type { ResolverError } from '@contract/result';

export type ChangeFailure =
  /** Keep editing; mark the named field with the message. */
  | { readonly kind: 'field'; readonly field: string; readonly message: string }
  /** Someone else changed the data first: keep what the person typed and reload. */
  | { readonly kind: 'conflict'; readonly message: string }
  /** Stop offering the change; keep what the person typed so it is not lost. */
  | { readonly kind: 'forbidden'; readonly message: string }
  /** Keep editing; show the message above the form. */
  | { readonly kind: 'banner'; readonly message: string };

/**
 * @param fieldOf maps the payload path in `error.field` (`fields.actualResult`, `reason`,
 *   `config.manualItems.0.label`) to a field the screen shows, or `undefined` when it shows none.
 * @param conflictMessage the screen's own words for a conflict (the backend's sentence names no
 *   screen).
 */
export function describeChangeFailure(
  error: ResolverError,
  fieldOf: (path: string | undefined) => string | undefined,
  conflictMessage: string,
): ChangeFailure {
  switch (error.code) {
    case 'TOO_LARGE':
    case 'INVALID_INPUT': {
      const field = fieldOf(error.field);
      return field === undefined ? { kind: 'banner', message: error.message } : { kind: 'field', field, message: error.message };
    }
    case 'CONFLICT':
      return { kind: 'conflict', message: conflictMessage };
    case 'FORBIDDEN':
      return { kind: 'forbidden', message: error.message };
    default:
      return { kind: 'banner', message: error.message };
  }
}

/** Failures that may pass on their own are worth a "Try again" button; the others are not. */
export function isRetryable(error: ResolverError): boolean {
  return error.code === 'RATE_LIMITED' || error.code === 'JIRA_UNAVAILABLE' || error.code === 'INTERNAL';
}
