import { z } from 'zod';

import type { Sandbox } from '../sandbox';
import { playDemoStory } from '../scenarios/demo-story';
import { sendSignedTestAlert } from './test-alert';

export interface ControlAnswer {
  readonly status: number;
  readonly body: unknown;
  /** Sign-in: the server turns this into the session cookie. */
  readonly setSession?: string;
}

const sessionSchema = z.object({ accountId: z.string() });
const consentSchema = z.object({ accountId: z.string(), allowed: z.boolean() });
const routerSchema = z.object({ refuseModuleNavigation: z.boolean() });
const searchLagSchema = z.object({ ms: z.number().int().nonnegative() });
const invokeSchema = z.object({
  accountId: z.string().optional(),
  moduleKey: z.string(),
  functionKey: z.string(),
  payload: z.unknown(),
  extension: z.record(z.string(), z.unknown()).default({}),
});
const scenarioSchema = z.union([z.object({ name: z.string() }), z.object({ path: z.string() }), z.object({ scenario: z.record(z.string(), z.unknown()) })]);
const faultSchema = z.object({
  method: z.string().optional(),
  pathPattern: z.string(),
  kind: z.enum(['429', '500', '403', 'latency']),
  retryAfterSeconds: z.number().nonnegative().optional(),
  latencyMs: z.number().nonnegative().optional(),
  times: z.number().int().positive().optional(),
  afterWrite: z.boolean().optional(),
});
const latencySchema = z.union([
  z.object({ ms: z.number().int().nonnegative() }).transform(({ ms }) => ({ minMs: ms, maxMs: ms })),
  z.object({ minMs: z.number().int().nonnegative(), maxMs: z.number().int().nonnegative() }),
]);
const forgeSchema = z
  .object({
    asUserEditsAreSelf: z.boolean().optional(),
    kvsConditionFailure: z.object({ status: z.number().int().min(400).max(599), code: z.string().min(1) }).strict().optional(),
  })
  .strict();
const jiraAsSchema = z.object({
  as: z.union([z.literal('app'), z.object({ accountId: z.string() })]).default('app'),
  method: z.string().default('GET'),
  path: z.string(),
  body: z.unknown().optional(),
});

const outgoingEmailSchema = z.object({ enabled: z.boolean() });
const testAlertSchema = z.object({ sourceId: z.string().min(1) }).strict();

/** Part: updates. Queued emails, newest first, with the people's names beside their account ids. */
export const outbox = (sandbox: Sandbox) => {
  const name = (accountId: string) => sandbox.scenario.users.find((user) => user.accountId === accountId)?.displayName ?? (accountId === sandbox.scenario.site.appAccountId ? sandbox.scenario.site.appName : accountId);
  return [...sandbox.jira.notificationsSent()].reverse().map((mail) => ({ ...mail, fromName: name(mail.from), toNames: mail.to.map(name) }));
};

const forgeReadings = (sandbox: Sandbox) => ({ asUserEditsAreSelf: sandbox.runtime.asUserEditsAreSelf, kvsConditionFailure: sandbox.kvs.conditionFailure });

/**
 * The sandbox's control API (documented in README "Control API"): what tests, benchmarks and a
 * developer use to steer the fake site. Never part of the app.
 */
export const handleControl = async (
  sandbox: Sandbox,
  method: string,
  path: string,
  rawBody: string | undefined,
): Promise<ControlAnswer> => {
  let body: unknown;
  try {
    body = rawBody === undefined || rawBody === '' ? {} : JSON.parse(rawBody);
  } catch {
    return { status: 400, body: { message: 'The body is not JSON.' } };
  }
  const route = `${method} ${path}`;
  const bad = (error: z.ZodError): ControlAnswer => ({ status: 400, body: { message: z.prettifyError(error) } });

  switch (route) {
    case 'GET /__control/state':
      return {
        status: 200,
        body: {
          scenario: sandbox.scenario.name,
          users: sandbox.scenario.users.map(({ accountId, displayName, role }) => ({
            accountId,
            displayName,
            role,
            allowedAppAccess: sandbox.runtime.hasAllowedAccess(accountId),
          })),
          projects: sandbox.scenario.projects.map(({ key, name }) => ({ key, name })),
          modules: sandbox.manifest.modules().map(({ key, type }) => ({ key, type })),
        },
      };
    case 'POST /__control/intake/test-alert': {
      // intake (issue 17): the sandbox signs the source kind's sample with its stored secret and sends it to the source's URL over HTTP.
      const parsed = testAlertSchema.safeParse(body);
      if (!parsed.success) return bad(parsed.error);
      return sendSignedTestAlert(sandbox, parsed.data.sourceId);
    }
    case 'POST /__control/session': {
      const parsed = sessionSchema.safeParse(body);
      if (!parsed.success) return bad(parsed.error);
      const user = sandbox.scenario.users.find((candidate) => candidate.accountId === parsed.data.accountId);
      if (user === undefined) return { status: 404, body: { message: `No user ${parsed.data.accountId} in this scenario.` } };
      return { status: 200, body: { accountId: user.accountId, displayName: user.displayName }, setSession: user.accountId };
    }
    case 'POST /__control/consent': {
      // Forge's user consent: grant plays the user choosing "Allow access", revoke plays a user who never has.
      const parsed = consentSchema.safeParse(body);
      if (!parsed.success) return bad(parsed.error);
      const { accountId, allowed } = parsed.data;
      if (!sandbox.scenario.users.some((user) => user.accountId === accountId)) return { status: 404, body: { message: `No user ${accountId} in this scenario.` } };
      sandbox.runtime.setAllowedAccess(accountId, allowed);
      return { status: 200, body: { accountId, allowedAppAccess: allowed } };
    }
    case 'POST /__control/router': {
      // router.navigate to { target: 'module' } is Preview: this switch makes the host refuse it.
      const parsed = routerSchema.safeParse(body);
      if (!parsed.success) return bad(parsed.error);
      sandbox.refuseModuleNavigation = parsed.data.refuseModuleNavigation;
      return { status: 200, body: parsed.data };
    }
    case 'POST /__control/invoke': {
      const parsed = invokeSchema.safeParse(body);
      if (!parsed.success) return bad(parsed.error);
      try {
        const value = await sandbox.runtime.invokeUi({ ...parsed.data, accountId: parsed.data.accountId });
        return { status: 200, body: { ok: true, value } };
      } catch (error) {
        return { status: 200, body: { ok: false, message: error instanceof Error ? error.message : String(error) } };
      }
    }
    case 'POST /__control/scenario': {
      const parsed = scenarioSchema.safeParse(body);
      if (!parsed.success) return bad(parsed.error);
      try {
        const data = parsed.data;
        await sandbox.load('name' in data ? data.name : 'path' in data ? data.path : (data.scenario as never));
        return { status: 200, body: { scenario: sandbox.scenario.name } };
      } catch (error) {
        return { status: 400, body: { message: error instanceof Error ? error.message : String(error) } };
      }
    }
    case 'POST /__control/reset':
      await sandbox.reset();
      return { status: 200, body: { scenario: sandbox.scenario.name } };
    case 'POST /__control/demo-story':
      // The demo's story of a team using Firebreak (what `npm start` plays), on the current site.
      try {
        return { status: 200, body: await playDemoStory(sandbox) };
      } catch (error) {
        return { status: 409, body: { message: error instanceof Error ? error.message : String(error) } };
      }
    case 'GET /__control/metering':
      return { status: 200, body: sandbox.jira.metering.snapshot() };
    case 'DELETE /__control/metering':
      sandbox.jira.metering.reset();
      return { status: 204, body: undefined };
    case 'GET /__control/faults':
      return { status: 200, body: sandbox.jira.faults.list() };
    case 'POST /__control/faults': {
      const parsed = faultSchema.safeParse(body);
      if (!parsed.success) return bad(parsed.error);
      const fault = Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined)) as z.infer<typeof faultSchema>;
      return { status: 201, body: { id: sandbox.jira.faults.add(fault as never) } };
    }
    case 'DELETE /__control/faults':
      sandbox.jira.faults.clear();
      return { status: 204, body: undefined };
    case 'GET /__control/latency':
      return { status: 200, body: sandbox.jiraLatency };
    case 'POST /__control/latency': {
      const parsed = latencySchema.safeParse(body);
      if (!parsed.success) return bad(parsed.error);
      try {
        sandbox.setJiraLatency(parsed.data);
      } catch (error) {
        return { status: 400, body: { message: error instanceof Error ? error.message : String(error) } };
      }
      return { status: 200, body: sandbox.jiraLatency };
    }
    case 'GET /__control/kvs-latency':
      return { status: 200, body: sandbox.kvsLatency };
    case 'POST /__control/kvs-latency': {
      const parsed = latencySchema.safeParse(body);
      if (!parsed.success) return bad(parsed.error);
      try {
        sandbox.setKvsLatency(parsed.data);
      } catch (error) {
        return { status: 400, body: { message: error instanceof Error ? error.message : String(error) } };
      }
      return { status: 200, body: sandbox.kvsLatency };
    }
    case 'GET /__control/search-lag':
      return { status: 200, body: { ms: sandbox.jira.searchLag } };
    case 'POST /__control/search-lag': {
      const parsed = searchLagSchema.safeParse(body);
      if (!parsed.success) return bad(parsed.error);
      sandbox.jira.setSearchLag(parsed.data.ms);
      return { status: 200, body: { ms: sandbox.jira.searchLag } };
    }
    case 'POST /__control/jira': {
      const parsed = jiraAsSchema.safeParse(body);
      if (!parsed.success) return bad(parsed.error);
      const { as, method: jiraMethod, path: jiraPath, body: jiraBody } = parsed.data;
      const answer = await sandbox.jira.handle(as === 'app' ? { kind: 'app' } : { kind: 'user', accountId: as.accountId }, {
        method: jiraMethod.toUpperCase(),
        path: jiraPath,
        ...(jiraBody === undefined ? {} : { body: JSON.stringify(jiraBody) }),
      });
      return { status: 200, body: { status: answer.status, body: answer.body === '' ? null : (JSON.parse(answer.body) as unknown) } };
    }
    case 'GET /__control/forge':
      return { status: 200, body: forgeReadings(sandbox) };
    case 'POST /__control/forge': {
      // Readings of Forge behaviour the docs leave open, switchable until the next scenario load.
      const parsed = forgeSchema.safeParse(body);
      if (!parsed.success) return bad(parsed.error);
      if (parsed.data.asUserEditsAreSelf !== undefined) sandbox.runtime.asUserEditsAreSelf = parsed.data.asUserEditsAreSelf;
      if (parsed.data.kvsConditionFailure !== undefined) sandbox.kvs.conditionFailure = parsed.data.kvsConditionFailure;
      return { status: 200, body: forgeReadings(sandbox) };
    }
    case 'POST /__control/events/drain':
      await sandbox.runtime.drain();
      return { status: 200, body: { deliveries: sandbox.runtime.deliveries } };
    case 'GET /__control/kvs':
      return { status: 200, body: sandbox.kvs.dump() };
    // Part: updates (issue 16): the emails Jira queued through `POST issue/{key}/notify`, newest first.
    case 'GET /__control/outbox':
      return { status: 200, body: outbox(sandbox) };
    case 'POST /__control/outgoing-email': {
      const parsed = outgoingEmailSchema.safeParse(body);
      if (!parsed.success) return bad(parsed.error);
      sandbox.jira.setOutgoingEmail(parsed.data.enabled);
      return { status: 200, body: parsed.data };
    }
    default: {
      const scheduled = /^POST \/__control\/scheduled\/([\w-]+)\/run$/.exec(route);
      if (scheduled?.[1] !== undefined) {
        try {
          return { status: 200, body: { result: await sandbox.runtime.runScheduledTrigger(scheduled[1]) } };
        } catch (error) {
          // What Forge records for a failed run (424 for a response it does not understand).
          return { status: 424, body: { message: error instanceof Error ? error.message : String(error) } };
        }
      }
      return { status: 404, body: { message: `No control endpoint ${route}. See README "Control API".` } };
    }
  }
};
