import type { PayloadOf, ResolverKey, ResultOf } from '@contract/resolvers.contract';
import { ERROR_CODES, type ErrorCode, type ResolverError, type ResolverResult } from '@contract/result';

/** The shape of `@forge/bridge`'s `invoke`, so tests can pass a plain function instead of the bridge. */
export type InvokeFn = (functionKey: string, payload?: Record<string, unknown>) => Promise<unknown>;

export type CallResolver = <K extends ResolverKey>(key: K, payload: PayloadOf<K>) => Promise<ResolverResult<ResultOf<K>>>;

export const BACKEND_UNREACHABLE_MESSAGE = 'Firebreak could not reach its backend. Reload the issue and try again.';

const unreachable: ResolverResult<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: BACKEND_UNREACHABLE_MESSAGE },
};

export const CONSENT_NEEDED_MESSAGE = 'Firebreak needs your permission to act for you in Jira. Choose "Allow access", then try again.';

const consentNeeded: ResolverResult<never> = { ok: false, error: { code: 'FORBIDDEN', message: CONSENT_NEEDED_MESSAGE } };

/**
 * Whether a rejected invoke failed because the user has not yet allowed the app to act for them: the
 * backend let `@forge/api`'s NEEDS_AUTHENTICATION_ERR ("Authentication Required") through, and Jira
 * shows "Allow access" over the app. How the rejection reads in the frame is not documented, so this
 * looks for either name; anything else stays the generic failure.
 * @see https://developer.atlassian.com/platform/forge/add-scopes-to-call-an-atlassian-rest-api/
 */
const isConsentRequest = (error: unknown): boolean =>
  error instanceof Error && /NEEDS_AUTHENTICATION_ERR|Authentication Required/.test(`${error.name} ${error.message}`);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isKnownCode = (code: unknown): code is ErrorCode => (ERROR_CODES as readonly unknown[]).includes(code);

/**
 * Checks that a resolver reply is the contract's envelope. The data inside is not re-validated here:
 * the backend parsed it with the contract's schema before answering, and zod in the UI would cost
 * most of the bundle budget. Anything else (an older backend, a platform error page, `undefined`)
 * becomes the generic INTERNAL error, so the UI always has a sentence to show.
 */
export function toResolverResult<T>(reply: unknown): ResolverResult<T> {
  if (!isRecord(reply)) return unreachable;
  if (reply['ok'] === true && 'data' in reply) return { ok: true, data: reply['data'] as T };
  if (reply['ok'] !== false || !isRecord(reply['error'])) return unreachable;

  const { code, message, field } = reply['error'];
  if (typeof message !== 'string' || message.trim() === '') return unreachable;
  // A code this UI does not know yet (newer backend) stays readable: keep the message, treat as INTERNAL.
  const error: ResolverError = {
    code: isKnownCode(code) ? code : 'INTERNAL',
    message,
    ...(typeof field === 'string' ? { field } : {}),
  };
  return { ok: false, error };
}

/**
 * The typed resolver client: keys, payloads and results all come from `resolverContract`, so the UI
 * and the backend cannot drift apart. Never rejects.
 */
export function createResolverClient(invokeFn: InvokeFn): CallResolver {
  return async (key, payload) => {
    try {
      return toResolverResult(await invokeFn(key, payload as Record<string, unknown>));
    } catch (error) {
      // The bridge rejects on platform failures (timeouts, rate limit of the bridge itself, network),
      // and when the user's consent is needed: say that, so nothing reads as a broken backend.
      return isConsentRequest(error) ? consentNeeded : unreachable;
    }
  };
}
