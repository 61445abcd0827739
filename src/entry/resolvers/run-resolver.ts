import type { z } from 'zod';

import { REPORT_FIELD_LABELS } from '../../contract/report.contract';
import { fail, type ResolverResult } from '../../contract/result';
import { needsUserConsent } from '../../jira/forge-transport';
import { isJiraError, type JiraError } from '../../jira/jira-error';
import type { JiraClients } from '../../jira/jira-transport';
import { StoredDataError } from '../../storage/stored-data-error';
import { Refusal } from '../refusal';
import { authorize } from './authorize';
import { payloadSchemaOf, type AnyResolverDefinition, type ResolverDefinition } from './resolver-definition';
import type { ResolverKey } from '../../contract/resolvers.contract';

export interface ResolverDeps {
  readonly jira: JiraClients;
  readonly now: () => Date;
  readonly log: (message: string, detail?: unknown) => void;
}

/** The part of Forge's resolver context we read. `accountId` is set by @forge/resolver from the signed principal. */
export interface InvocationContext {
  readonly accountId?: string | undefined;
}

/**
 * The whole life of one resolver call: parse → authorize (as the user) → handle → map errors.
 * Nothing in here trusts the payload for identity, and nothing escapes as an exception but one:
 * Forge's request for the user's consent, which only the platform can act on (it shows "Allow
 * access" in place of the Custom UI).
 */
export const runResolver = async (
  definition: AnyResolverDefinition,
  rawPayload: unknown,
  context: InvocationContext,
  deps: ResolverDeps,
): Promise<ResolverResult<unknown>> => {
  const parsed = payloadSchemaOf(definition.key).safeParse(rawPayload);
  if (!parsed.success) return describeInvalidPayload(parsed.error);
  // The registry pairs each key with its own schema, so the parsed payload has the handler's type.
  const typed = definition as ResolverDefinition<ResolverKey>;
  try {
    const access = await authorize(typed.access, parsed.data as never, context.accountId, deps.jira.asUser);
    if (!access.ok) return access;
    return await typed.handle(parsed.data as never, { access: access.data, jira: deps.jira, now: deps.now });
  } catch (error) {
    if (needsUserConsent(error)) throw error;
    return describeFailure(definition.key, error, deps);
  }
};

export const describeInvalidPayload = (error: z.ZodError): ResolverResult<never> => {
  const [issue] = error.issues;
  if (issue === undefined) return fail('INVALID_INPUT', 'The request was not understood. Reload the page and try again.');
  const field = issue.path.map(String).join('.');
  const label = labelOf(issue.path.map(String));
  const at = field === '' ? undefined : field;
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'string'
        ? fail('TOO_LARGE', `${label} is too long: at most ${Number(issue.maximum).toLocaleString('en-US')} characters fit.`, at)
        : fail('INVALID_INPUT', `${label} is too large.`, at);
    case 'unrecognized_keys':
      return fail('INVALID_INPUT', `The request has fields Firebreak does not accept: ${issue.keys.join(', ')}.`, at);
    case 'invalid_type':
      return fail('INVALID_INPUT', `${label} must be ${article(issue.expected)}. Reload the page and try again.`, at);
    default:
      return fail('INVALID_INPUT', `${label} is not valid: ${issue.message.replace(/\.?$/, '.')}`, at);
  }
};

/** "fields.stepsToReproduce" → "Steps to reproduce": people see labels, not payload paths. */
const labelOf = (path: readonly string[]): string => {
  const named = path.filter((segment) => !/^\d+$/.test(segment));
  const last = named.at(-1);
  if (last === undefined) return 'The request';
  const position = path.length > named.length ? ` (entry ${Number(path.at(-1)) + 1})` : '';
  const known = (REPORT_FIELD_LABELS as Readonly<Record<string, string>>)[last];
  if (known !== undefined) return `${known}${position}`;
  const words = last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}${position}`;
};

const article = (expected: string): string => (/^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`);

const describeFailure = (key: string, error: unknown, deps: ResolverDeps): ResolverResult<never> => {
  if (error instanceof Refusal) return error.toResult();
  if (isJiraError(error)) return describeJiraError(error);
  if (error instanceof StoredDataError) {
    deps.log(`${key}: stored data failed validation`, error.message);
    return fail('INTERNAL', `${error.message} Ask a Jira admin to check what Firebreak stored there.`);
  }
  deps.log(`${key}: unexpected failure`, error instanceof Error ? error.stack : error);
  return fail('INTERNAL', 'Something went wrong in Firebreak. Nothing was changed; try again, and tell your Jira admin if it keeps happening.');
};

/** Requests that only read: GETs and the POSTs Jira uses for searches, counts and bulk lookups (operation names as `src/jira` gives them). */
const READING_POSTS = /^POST (search\/jql|approximate-count|permissions\/check|issue\/bulkfetch|workflows \(bulk get\))/;
const isRead = (operation: string): boolean => operation.startsWith('GET ') || READING_POSTS.test(operation);

export const describeJiraError = (error: JiraError): ResolverResult<never> => {
  switch (error.kind) {
    case 'rate-limited':
      return fail(
        'RATE_LIMITED',
        `Jira is busy and asked Firebreak to slow down. Nothing was changed; try again in ${Math.max(error.retryAfterSeconds ?? 0, 5)} seconds.`,
      );
    case 'unavailable':
      return fail('JIRA_UNAVAILABLE', `Jira could not complete the request (HTTP ${error.status}). Nothing was changed; try again in a minute.`);
    case 'forbidden':
    case 'unauthorized':
    case 'not-found':
      return fail('FORBIDDEN', 'Jira refused this for your account. Ask a Jira admin for access.');
    case 'bad-request': {
      const reason = error.jiraMessages.join(' ').replace(/[.\s]+$/, '') || 'no reason given';
      // A read Jira refused (a search, a lookup) changed nothing: say so, not "rejected the change".
      return isRead(error.operation)
        ? fail('INVALID_INPUT', `Jira could not answer what Firebreak asked: ${reason}. Nothing was changed.`)
        : fail('INVALID_INPUT', `Jira rejected the change: ${reason}.`);
    }
    case 'conflict':
      return fail('CONFLICT', 'Jira reported a conflicting change. Reload and try again.');
    case 'unexpected':
      return fail('INTERNAL', 'Jira answered in a way Firebreak did not expect. Nothing was changed; try again.');
  }
};
