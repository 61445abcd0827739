import { expect } from 'vitest';

import type { PayloadOf, ResolverKey, ResultOf } from '../../src/contract/resolvers.contract';
import type { ErrorCode, ResolverResult } from '../../src/contract/result';
import type { Sandbox } from '../../sandbox/sandbox';
import { invokeAs } from './sandbox-harness';

type Area = ResolverKey extends `${infer A}/${string}` ? A : never;

/**
 * The screen that calls each area's resolvers in the real UI. Every module shares one resolver
 * function and the backend does not branch on the module, so this only keeps the emulated context
 * honest; a test that calls from another screen passes `moduleKey`. Keyed by the contract's areas,
 * so a new area does not compile until it names its screen.
 */
const MODULE_OF_AREA: Readonly<Record<Area, string>> = {
  report: 'production-report-panel',
  triage: 'production-report-panel',
  oncall: 'production-report-panel',
  dor: 'definition-of-ready-panel',
  config: 'project-settings',
  policy: 'project-settings',
  capacity: 'capacity-gadget',
  postmortem: 'postmortems',
  validator: 'severity-policy-validator',
  // log part (issue 16)
  log: 'production-report-panel',
  // process review (issue 16 part 5): a project's on its settings page, the site's on the admin page
  processReview: 'project-settings',
  updates: 'production-report-panel', // part: updates (issue 16)
  // disputes (issue 16 part 4)
  dispute: 'production-report-panel',
  // intake (issue 17): alert sources
  intake: 'project-settings',
};

const SITE_POLICY_KEYS: readonly ResolverKey[] = ['policy/getSite', 'policy/saveSite', 'processReview/getSite', 'processReview/saveSite'];

const moduleOf = (key: ResolverKey): string =>
  SITE_POLICY_KEYS.includes(key) ? 'severity-policy-admin' : MODULE_OF_AREA[key.slice(0, key.indexOf('/')) as Area];

/**
 * Calls a resolver through the Forge runtime emulator as the given user (or nobody), with the
 * payload and result typed by `resolverContract`. For a payload the contract would refuse to type
 * (a tampering test), use `invokeAs` from `sandbox-harness.ts`.
 */
export const invokeResolver = async <K extends ResolverKey>(
  sandbox: Sandbox,
  as: string | undefined,
  key: K,
  payload: PayloadOf<K>,
  moduleKey: string = moduleOf(key),
): Promise<ResolverResult<ResultOf<K>>> => (await invokeAs(sandbox, as, key, payload, moduleKey)) as ResolverResult<ResultOf<K>>;

/** The data of a result the test expects to succeed; a refusal fails the test with its code and message. */
export const dataOf = <T>(result: ResolverResult<T>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
};

/**
 * Asserts that the resolver refused with `code`, and, when given, that its sentence matches `message`
 * (a string is looked for anywhere in it). A missing result (a `find` that found nothing) fails too.
 */
export const expectRefusal = (result: ResolverResult<unknown> | undefined, code: ErrorCode, message?: RegExp | string): void => {
  expect(result).toMatchObject({ ok: false, error: { code } });
  if (message !== undefined && result?.ok === false) expect(result.error.message).toMatch(message);
};
