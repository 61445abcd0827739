import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JiraEmulator, loadScenario, loadScenarioFile, MINIMAL_SCENARIO_PATH, type Caller, type ProductEvent, type Scenario, type ScenarioInput } from './index.js';

const APP: Caller = { kind: 'app' };
const DEV: Caller = { kind: 'user', accountId: 'acc-devon-oncall' }; // browse+edit+administer SHOP
const REPORTER: Caller = { kind: 'user', accountId: 'acc-rita-support' }; // browse only
const OUTSIDER: Caller = { kind: 'user', accountId: 'acc-otto-ops' }; // no access
const NOW = Date.parse('2026-11-20T09:00:00+00:00');

let scenario: Scenario;
let jira: JiraEmulator;
let events: ProductEvent[];
let clock: number;

beforeAll(async () => {
  scenario = await loadScenarioFile(MINIMAL_SCENARIO_PATH);
});
beforeEach(() => {
  events = [];
  clock = NOW;
  jira = JiraEmulator.fromScenario(scenario, { onEvent: (e) => events.push(e) }, { now: () => clock, searchAliases: new Map([['prodseverity', { alias: 'prodSeverity', propertyKey: 'prod-report', path: 'severity', type: 'string' }]]) });
});

async function call(caller: Caller, method: string, path: string, body?: unknown) {
  const r = await jira.handle(caller, { method, path, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  return { status: r.status, headers: r.headers, json: r.body === '' ? undefined : (JSON.parse(r.body) as Record<string, unknown>) };
}
const search = async (caller: Caller, jql: string) => {
  const r = await call(caller, 'POST', '/rest/api/3/search/jql', { jql, fields: ['key'], maxResults: 5000 });
  if (r.status !== 200) throw new Error(JSON.stringify(r.json));
  return (r.json?.['issues'] as Array<{ key: string }>).map((i) => i.key).sort();
};

describe('JQL evaluation', () => {
  it.each([
    ['project = SHOP', ['SHOP-1', 'SHOP-2', 'SHOP-3', 'SHOP-4']],
    ['issuetype = Bug', ['SHOP-2']],
    ['status = "In Progress" OR status = Resolved', ['SHOP-1', 'SHOP-3']],
    ['statusCategory = Done', ['SHOP-3']],
    ['resolution = Unresolved', ['SHOP-1', 'SHOP-2', 'SHOP-4']],
    ['labels IN (payments, checkout)', ['SHOP-1', 'SHOP-2']],
    ['assignee IS EMPTY', ['SHOP-2', 'SHOP-4']],
    ['assignee != acc-devon-oncall', []],
    ['sprint in openSprints()', ['SHOP-1']],
    ['sprint in closedSprints()', ['SHOP-1']],
    ['sprint = "SHOP Sprint 1"', ['SHOP-1']],
    ['created >= "2026-11-18" AND created < "2026-11-19 00:00"', ['SHOP-2', 'SHOP-3']],
    ['created >= -2d', ['SHOP-2', 'SHOP-3', 'SHOP-4']],
    ['key > SHOP-2', ['SHOP-3', 'SHOP-4']],
    ['"Story Points" >= 5', ['SHOP-1']],
    ['summary ~ checkout', ['SHOP-2', 'SHOP-3']],
    ['NOT priority = Highest AND project = SHOP', ['SHOP-1', 'SHOP-2', 'SHOP-4']],
    ["issue.property['sandbox-note'].seeded = true", ['SHOP-3']],
  ])('%s', async (jql, expected) => {
    expect(await search(APP, jql)).toEqual(expected);
  });

  it('resolves currentUser() per caller and search aliases from the manifest', async () => {
    expect(await search(DEV, 'assignee = currentUser()')).toEqual(['SHOP-1', 'SHOP-3']);
    await call(APP, 'PUT', '/rest/api/3/issue/SHOP-2/properties/prod-report', { severity: 'S1' });
    expect(await search(APP, 'prodSeverity = S1')).toEqual(['SHOP-2']);
  });

  it('orders by ORDER BY fields', async () => {
    const r = await call(APP, 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('project = SHOP ORDER BY key DESC')}&fields=key`);
    expect((r.json?.['issues'] as Array<{ key: string }>).map((i) => i.key)).toEqual(['SHOP-4', 'SHOP-3', 'SHOP-2', 'SHOP-1']);
  });

  it.each([
    ['foo = 1', /Field 'foo' does not exist/],
    ['status = Nonsense', /The value 'Nonsense' does not exist for the field 'status'/],
    ['status ~ open', /operator '~' is not supported by the 'status' field/],
    ['created > "yesterday-ish"', /Date value/],
    ['ORDER BY key', /Unbounded JQL/],
    ['sprint in weirdFunction()', /Unable to find JQL function/],
  ])('answers 400 naming the unsupported part: %s', async (jql, message) => {
    const r = await call(APP, 'POST', '/rest/api/3/search/jql', { jql });
    expect(r.status).toBe(400);
    expect((r.json?.['errorMessages'] as string[])[0]).toMatch(message);
  });
});

describe('paging', () => {
  it('pages search with nextPageToken and caps maxResults', async () => {
    const first = await call(APP, 'GET', `/rest/api/3/search/jql?jql=project%3DSHOP&maxResults=3`);
    expect(first.json?.['issues']).toHaveLength(3);
    expect(first.json?.['isLast']).toBe(false);
    const second = await call(APP, 'GET', `/rest/api/3/search/jql?jql=project%3DSHOP&maxResults=3&nextPageToken=${String(first.json?.['nextPageToken'])}`);
    expect(second.json?.['issues']).toHaveLength(1);
    expect(second.json?.['isLast']).toBe(true);
    expect(second.json).not.toHaveProperty('nextPageToken');
  });

  it('pages changelog with startAt/maxResults/total/isLast', async () => {
    await call(APP, 'PUT', '/rest/api/3/issue/SHOP-1', { fields: { summary: 'A' } });
    await call(APP, 'PUT', '/rest/api/3/issue/SHOP-1', { fields: { summary: 'B' } });
    const r = await call(APP, 'GET', '/rest/api/3/issue/SHOP-1/changelog?startAt=1&maxResults=1');
    expect(r.json).toMatchObject({ startAt: 1, maxResults: 1, total: 3, isLast: false });
  });

  it('orders histories as Jira does: newest first with expand=changelog, oldest first from /changelog and bulkfetch', async () => {
    // The minimal scenario's clock is frozen, so both edits share one `created`: the id breaks the tie.
    await call(APP, 'PUT', '/rest/api/3/issue/SHOP-1', { fields: { summary: 'A' } });
    await call(APP, 'PUT', '/rest/api/3/issue/SHOP-1', { fields: { summary: 'B' } });
    const summaries = (histories: unknown): Array<string | null> =>
      (histories as Array<{ items: Array<{ field: string; toString: string | null }> }>).map((h) => h.items[0]?.field === 'summary' ? (h.items[0].toString ?? null) : null);

    const expanded = await call(APP, 'GET', '/rest/api/3/issue/SHOP-1?expand=changelog');
    expect(summaries((expanded.json?.['changelog'] as { histories: unknown }).histories)).toEqual(['B', 'A', null]);
    const paged = await call(APP, 'GET', '/rest/api/3/issue/SHOP-1/changelog');
    expect(summaries(paged.json?.['values'])).toEqual([null, 'A', 'B']);
    const bulk = await call(APP, 'POST', '/rest/api/3/changelog/bulkfetch', { issueIdsOrKeys: ['SHOP-1'] });
    expect(summaries((bulk.json?.['issueChangeLogs'] as Array<{ changeHistories: unknown }>)[0]?.changeHistories)).toEqual([null, 'A', 'B']);
  });

  it('pages bulk users (10 by default), skips unknown accounts, and refuses none or more than 200', async () => {
    const ids = (list: string[]) => list.map((id) => `accountId=${id}`).join('&');
    const known = ['acc-rita-support', 'acc-devon-oncall', 'acc-otto-ops'];
    const first = await call(REPORTER, 'GET', `/rest/api/3/user/bulk?${ids([...known, 'acc-gone'])}&maxResults=2`);
    expect(first.json).toMatchObject({ startAt: 0, maxResults: 2, total: 3, isLast: false });
    expect((first.json?.['values'] as Array<{ accountId: string }>).map((u) => u.accountId)).toEqual(['acc-rita-support', 'acc-devon-oncall']);
    const second = await call(REPORTER, 'GET', `/rest/api/3/user/bulk?${ids([...known, 'acc-gone'])}&maxResults=2&startAt=2`);
    expect(second.json).toMatchObject({ startAt: 2, total: 3, isLast: true, values: [{ accountId: 'acc-otto-ops', displayName: expect.any(String) as unknown }] });
    expect((await call(REPORTER, 'GET', `/rest/api/3/user/bulk?${ids(known)}`)).json).toMatchObject({ maxResults: 10, isLast: true });

    expect((await call(REPORTER, 'GET', '/rest/api/3/user/bulk')).status).toBe(400);
    const many = Array.from({ length: 201 }, (_, i) => `acc-${String(i)}`);
    expect((await call(REPORTER, 'GET', `/rest/api/3/user/bulk?${ids(many)}`)).status).toBe(400);
    expect((await call(REPORTER, 'GET', `/rest/api/3/user/bulk?${ids(many.slice(1))}`)).json).toMatchObject({ total: 0, values: [] });
  });
});

describe('permissions', () => {
  it('answers 404 for issues the user cannot browse, and filters search', async () => {
    expect((await call(OUTSIDER, 'GET', '/rest/api/3/issue/SHOP-1')).status).toBe(404);
    expect(await search(OUTSIDER, 'project = SHOP')).toEqual([]);
    expect((await call(APP, 'GET', '/rest/api/3/issue/SHOP-1')).status).toBe(200);
  });

  it('needs edit to write (403 for a browse-only user)', async () => {
    expect((await call(REPORTER, 'PUT', '/rest/api/3/issue/SHOP-1', { fields: { summary: 'x' } })).status).toBe(403);
    expect((await call(REPORTER, 'PUT', '/rest/api/3/issue/SHOP-1/properties/p', { a: 1 })).status).toBe(403);
    expect((await call(REPORTER, 'POST', '/rest/api/3/issue/SHOP-1/comment', { body: { type: 'doc', version: 1, content: [] } })).status).toBe(201);
    expect((await call(DEV, 'PUT', '/rest/api/3/issue/SHOP-1', { fields: { summary: 'x' } })).status).toBe(204);
  });

  it('mypermissions: false everywhere for an unbrowsable issue, 404 for an unknown one', async () => {
    const r = await call(OUTSIDER, 'GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS,EDIT_ISSUES&issueKey=SHOP-1');
    expect(r.json).toMatchObject({ permissions: { BROWSE_PROJECTS: { havePermission: false }, EDIT_ISSUES: { havePermission: false } } });
    expect((await call(OUTSIDER, 'GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS&issueKey=SHOP-99')).status).toBe(404);
    const admin = await call(DEV, 'GET', '/rest/api/3/mypermissions?permissions=ADMINISTER_PROJECTS,ADMINISTER&projectKey=SHOP');
    expect(admin.json).toMatchObject({ permissions: { ADMINISTER_PROJECTS: { havePermission: true }, ADMINISTER: { havePermission: false } } });
  });
});

describe('assignable users', () => {
  const assignable = async (caller: Caller, query: string) => {
    const r = await call(caller, 'GET', `/rest/api/3/user/assignable/search?${query}`);
    return { status: r.status, ids: Array.isArray(r.json) ? (r.json as Array<{ accountId: string }>).map((user) => user.accountId) : undefined };
  };

  it('finds an account by id only where it holds Assignable user: never a browse-only user, an outsider, the app or a stranger', async () => {
    expect(await assignable(REPORTER, 'project=SHOP&accountId=acc-devon-oncall')).toEqual({ status: 200, ids: ['acc-devon-oncall'] });
    expect(await assignable(DEV, 'project=SHOP&accountId=acc-rita-support')).toEqual({ status: 200, ids: [] });
    expect(await assignable(DEV, 'project=SHOP&accountId=acc-otto-ops')).toEqual({ status: 200, ids: [] });
    expect(await assignable(DEV, `project=SHOP&accountId=${scenario.site.appAccountId}`)).toEqual({ status: 200, ids: [] });
    expect(await assignable(DEV, 'project=SHOP&accountId=acc-nobody')).toEqual({ status: 200, ids: [] });
    expect(await assignable(DEV, 'issueKey=SHOP-1&accountId=acc-devon-oncall')).toEqual({ status: 200, ids: ['acc-devon-oncall'] });
  });

  it('matches a query against the start of names and email addresses', async () => {
    expect(await assignable(DEV, 'project=SHOP&query=dev')).toEqual({ status: 200, ids: ['acc-devon-oncall'] });
    expect(await assignable(DEV, 'project=SHOP&query=park')).toEqual({ status: 200, ids: ['acc-devon-oncall'] });
    expect(await assignable(DEV, 'project=SHOP&query=rita')).toEqual({ status: 200, ids: [] });
  });

  it('needs a project or issue and an account id or query (400), and hides what the caller cannot browse (404)', async () => {
    expect((await assignable(DEV, 'accountId=acc-devon-oncall')).status).toBe(400);
    expect((await assignable(DEV, 'project=SHOP')).status).toBe(400);
    expect((await assignable(OUTSIDER, 'project=SHOP&accountId=acc-devon-oncall')).status).toBe(404);
    expect((await assignable(OUTSIDER, 'issueKey=SHOP-1&accountId=acc-devon-oncall')).status).toBe(404);
    expect((await assignable(DEV, 'project=NOPE&accountId=acc-devon-oncall')).status).toBe(404);
  });
});

describe('entity properties', () => {
  it('rejects values over 32,768 characters with 400 and stores nothing', async () => {
    const before = jira.stateFingerprint();
    const big = JSON.stringify({ text: 'x'.repeat(32_768) });
    const r = await call(APP, 'PUT', '/rest/api/3/issue/SHOP-1/properties/big', big);
    expect(r.status).toBe(400);
    expect((r.json?.['errorMessages'] as string[])[0]).toMatch(/too long/);
    expect(jira.stateFingerprint()).toBe(before);
    expect((await call(APP, 'PUT', '/rest/api/3/issue/SHOP-1/properties/ok', JSON.stringify({ text: 'x'.repeat(32_000) }))).status).toBe(201);
  });
});

describe('changelog and events', () => {
  it('records every change with from/to and emits updated events with the changelog', async () => {
    await call(DEV, 'PUT', '/rest/api/3/issue/SHOP-2', { fields: { summary: 'Checkout 500', priority: { name: 'Highest' } }, update: { labels: [{ add: 'sev1' }] } });
    const issue = await call(APP, 'GET', '/rest/api/3/issue/SHOP-2?expand=changelog');
    const histories = (issue.json?.['changelog'] as { histories: Array<{ author: { accountId: string }; items: Array<{ field: string; fromString: string | null; toString: string | null }> }> }).histories;
    const last = histories.at(-1);
    expect(last?.author.accountId).toBe('acc-devon-oncall');
    expect(last?.items).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'summary', fromString: 'Checkout returns HTTP 500', toString: 'Checkout 500' }),
      expect.objectContaining({ field: 'priority', fromString: 'High', toString: 'Highest' }),
      expect.objectContaining({ field: 'labels', fromString: 'checkout customer-reported', toString: 'checkout customer-reported sev1' }),
    ]));
    const event = events.find((e) => e.eventType === 'avi:jira:updated:issue');
    expect(event?.actor).toEqual(DEV);
    expect(event?.changelog?.items).toHaveLength(3);
    expect(Object.keys(event?.issue.fields ?? {})).not.toContain('customfield_10042');
  });

  it('editing a comment keeps its created time and sends avi:jira:commented:issue again, as Forge documents', async () => {
    const body = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
    const created = await call(REPORTER, 'POST', '/rest/api/3/issue/SHOP-1/comment', { body: body('Still failing for ACME') });
    const id = String(created.json?.['id']);
    clock = NOW + 10 * 60_000;
    events = [];

    const edited = await call(REPORTER, 'PUT', `/rest/api/3/issue/SHOP-1/comment/${id}`, { body: body('Still failing for ACME and Globex') });

    expect(edited).toMatchObject({ status: 200, json: { id, created: '2026-11-20T09:00:00.000+0000', updated: '2026-11-20T09:10:00.000+0000', updateAuthor: { accountId: 'acc-rita-support' } } });
    expect(events.map((event) => event.eventType)).toEqual(['avi:jira:commented:issue']);
    expect(events[0]).toMatchObject({ actor: REPORTER, issue: { key: 'SHOP-1' }, comment: { id, created: '2026-11-20T09:00:00.000+0000', updated: '2026-11-20T09:10:00.000+0000' } });
  });

  it('lets only the author or a holder of Edit All Comments edit a comment', async () => {
    const body = { body: { type: 'doc', version: 1, content: [] } };
    const id = String((await call(DEV, 'POST', '/rest/api/3/issue/SHOP-1/comment', body)).json?.['id']);
    const before = jira.stateFingerprint();

    expect((await call(REPORTER, 'PUT', `/rest/api/3/issue/SHOP-1/comment/${id}`, body)).status).toBe(403);
    expect((await call(OUTSIDER, 'PUT', `/rest/api/3/issue/SHOP-1/comment/${id}`, body)).status).toBe(404);
    expect(jira.stateFingerprint()).toBe(before);
    const mine = String((await call(REPORTER, 'POST', '/rest/api/3/issue/SHOP-1/comment', body)).json?.['id']);
    expect((await call(DEV, 'PUT', `/rest/api/3/issue/SHOP-1/comment/${mine}`, body)).status).toBe(200);
  });

  it('transition: validators can block (400, nothing changes); success sets resolution', async () => {
    jira.upsertTransitionRule('firebreak-support-workflow', '11', { key: 'severity-validator', configuration: '{"x":1}' });
    jira.setHooks({ runValidators: (check) => Promise.resolve(check.rules[0]?.configuration === '{"x":1}' ? ['Severity is required'] : []) });
    const before = jira.stateFingerprint();
    const blocked = await call(DEV, 'POST', '/rest/api/3/issue/SHOP-2/transitions', { transition: { id: '11' } });
    expect(blocked).toMatchObject({ status: 400, json: { errorMessages: ['Severity is required'], errors: {} } });
    expect(jira.stateFingerprint()).toBe(before);
    jira.setHooks({});
    expect((await call(DEV, 'POST', '/rest/api/3/issue/SHOP-1/transitions', { transition: { id: '51' } })).status).toBe(204);
    expect(await search(APP, 'resolution = Done')).toEqual(['SHOP-1', 'SHOP-3']);
  });
});

describe('search lag', () => {
  /** An emulator whose clock the test moves, with search lagging `lagMs` behind writes. */
  const lagging = (lagMs: number) => {
    let now = NOW;
    const emulator = JiraEmulator.fromScenario({ ...scenario, site: { ...scenario.site, searchLagMs: lagMs } }, {}, { now: () => now });
    const send = async (method: string, path: string, body: unknown) => {
      const r = await emulator.handle(APP, { method, path, body: JSON.stringify(body) });
      return JSON.parse(r.body === '' ? 'null' : r.body) as Record<string, unknown>;
    };
    const keys = async (jql: string, reconcileIssues?: number[]) =>
      ((await send('POST', '/rest/api/3/search/jql', { jql, fields: ['key'], ...(reconcileIssues === undefined ? {} : { reconcileIssues }) }))['issues'] as Array<{ key: string }>).map((i) => i.key).sort();
    return { emulator, send, keys, advance: (ms: number) => (now += ms) };
  };

  it('keeps recent writes out of search and counts until the lag has passed', async () => {
    const site = lagging(5_000);
    await site.send('PUT', '/rest/api/3/issue/SHOP-2', { update: { labels: [{ add: 'fresh' }] } });
    const created = await site.send('POST', '/rest/api/3/issue', { fields: { project: { key: 'SHOP' }, issuetype: { name: 'Bug' }, summary: 'New', labels: ['fresh'] } });

    expect(await site.keys('labels = fresh')).toEqual([]);
    expect(await site.send('POST', '/rest/api/3/search/approximate-count', { jql: 'labels = fresh' })).toEqual({ count: 0 });
    site.advance(4_999);
    expect(await site.keys('labels = fresh')).toEqual([]);
    site.advance(1);
    expect(await site.keys('labels = fresh')).toEqual(['SHOP-2', String(created['key'])].sort());
  });

  it('answers reads by key at once, and search for the issues named in reconcileIssues', async () => {
    const site = lagging(60_000);
    const created = await site.send('POST', '/rest/api/3/issue', { fields: { project: { key: 'SHOP' }, issuetype: { name: 'Bug' }, summary: 'New', labels: ['fresh'] } });

    expect(await site.send('GET', `/rest/api/3/issue/${String(created['key'])}?fields=labels`, undefined)).toMatchObject({ fields: { labels: ['fresh'] } });
    expect(await site.keys('labels = fresh', [Number(created['id'])])).toEqual([created['key']]);
    expect(await site.keys('project = SHOP')).toEqual(['SHOP-1', 'SHOP-2', 'SHOP-3', 'SHOP-4']);
  });

  it('can be switched on and off while the site runs', async () => {
    const site = lagging(0);
    site.emulator.setSearchLag(10_000);
    await site.send('PUT', '/rest/api/3/issue/SHOP-2', { update: { labels: [{ add: 'fresh' }] } });
    expect(await site.keys('labels = fresh')).toEqual([]);
    site.emulator.setSearchLag(0);
    expect(await site.keys('labels = fresh')).toEqual(['SHOP-2']);
  });
});

describe('screens', () => {
  /** SHOP with Bug screens that leave out Labels and Due date on create and Priority on edit. */
  const withScreens = (): JiraEmulator =>
    JiraEmulator.fromScenario({
      ...scenario,
      projects: scenario.projects.map((project) => ({
        ...project,
        screens: [
          { issueTypeIds: ['10002'], create: ['summary', 'description', 'assignee', 'priority'], edit: ['summary', 'description', 'assignee', 'labels', 'duedate'] },
          { create: ['summary', 'description', 'labels', 'duedate', 'priority', 'assignee'], edit: ['summary', 'labels', 'priority', 'duedate'] },
        ],
      })),
    });
  const send = async (emulator: JiraEmulator, method: string, path: string, body: unknown) => {
    const r = await emulator.handle(DEV, { method, path, body: JSON.stringify(body) });
    return { status: r.status, json: r.body === '' ? undefined : (JSON.parse(r.body) as Record<string, unknown>) };
  };

  it('refuses, keyed by field id, every field the create screen does not hold, creating nothing', async () => {
    const emulator = withScreens();
    const before = emulator.stateFingerprint();

    const refused = await send(emulator, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'SHOP' }, issuetype: { name: 'Bug' }, summary: 'Broken', labels: ['x'], duedate: '2026-12-04' },
      update: { issuelinks: [{ add: { type: { name: 'Relates' }, outwardIssue: { key: 'SHOP-1' } } }] },
    });

    expect(refused).toEqual({
      status: 400,
      json: {
        errorMessages: [],
        errors: {
          labels: "Field 'labels' cannot be set. It is not on the appropriate screen, or unknown.",
          duedate: "Field 'duedate' cannot be set. It is not on the appropriate screen, or unknown.",
          issuelinks: "Field 'issuelinks' cannot be set. It is not on the appropriate screen, or unknown.",
        },
      },
    });
    expect(emulator.stateFingerprint()).toBe(before);
    const created = await send(emulator, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'SHOP' }, issuetype: { name: 'Story' }, summary: 'Fine', labels: ['x'], duedate: '2026-12-04' } });
    expect(created.status).toBe(201);
    const stored = await send(emulator, 'GET', `/rest/api/3/issue/${String(created.json?.['key'])}?fields=labels,duedate`, undefined);
    expect(stored.json?.['fields']).toEqual({ labels: ['x'], duedate: '2026-12-04' });
  });

  it('refuses an edit of a field the edit screen does not hold, in fields or update, changing nothing', async () => {
    const emulator = withScreens();
    const before = emulator.stateFingerprint();

    const refused = await send(emulator, 'PUT', '/rest/api/3/issue/SHOP-2', { fields: { priority: { name: 'Highest' } }, update: { labels: [{ add: 'sev' }] } });

    expect(refused.status).toBe(400);
    expect(refused.json?.['errors']).toEqual({ priority: "Field 'priority' cannot be set. It is not on the appropriate screen, or unknown." });
    expect(emulator.stateFingerprint()).toBe(before);
    expect((await send(emulator, 'PUT', '/rest/api/3/issue/SHOP-2', { update: { labels: [{ add: 'sev' }] } })).status).toBe(204);
  });

  it('lets every field be set in a project that models no screens', async () => {
    const created = await call(DEV, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'SHOP' }, issuetype: { name: 'Bug' }, summary: 'Any', labels: ['x'], duedate: '2026-12-04' } });
    expect(created.status).toBe(201);
  });
});

describe('issue deletion', () => {
  it('deletes with Delete issues (204): the issue vanishes from reads, search, links and bulk fetch, with an event', async () => {
    expect((await call(DEV, 'DELETE', '/rest/api/3/issue/SHOP-2')).status).toBe(204);

    expect((await call(DEV, 'GET', '/rest/api/3/issue/SHOP-2')).status).toBe(404);
    expect(await search(APP, 'project = SHOP')).toEqual(['SHOP-1', 'SHOP-3', 'SHOP-4']);
    const linked = await call(APP, 'GET', '/rest/api/3/issue/SHOP-3?fields=issuelinks');
    expect(linked.json?.['fields']).toMatchObject({ issuelinks: [] });
    const bulk = await call(APP, 'POST', '/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: ['SHOP-1', 'SHOP-2'], fields: ['status'] });
    // Jira leaves missing issues out of the answer; issueErrors is for retriable failures only.
    expect((bulk.json?.['issues'] as Array<{ key: string }>).map((issue) => issue.key)).toEqual(['SHOP-1']);
    expect(bulk.json?.['issueErrors']).toEqual([]);
    expect(events.map((event) => [event.eventType, event.issue.key])).toContainEqual(['avi:jira:deleted:issue', 'SHOP-2']);
  });

  it('refuses without Delete issues (403) and hides unbrowsable issues (404), deleting nothing', async () => {
    const before = jira.stateFingerprint();
    expect((await call(REPORTER, 'DELETE', '/rest/api/3/issue/SHOP-2')).status).toBe(403);
    expect((await call(OUTSIDER, 'DELETE', '/rest/api/3/issue/SHOP-2')).status).toBe(404);
    expect(jira.stateFingerprint()).toBe(before);
  });

  it('keeps an issue with sub-tasks unless deleteSubtasks=true, then deletes them too', async () => {
    const sub = await call(DEV, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'SHOP' }, issuetype: { name: 'Sub-task' }, summary: 'Part', parent: { key: 'SHOP-1' } } });
    const subKey = String(sub.json?.['key']);

    expect((await call(DEV, 'DELETE', '/rest/api/3/issue/SHOP-1')).status).toBe(400);
    expect((await call(DEV, 'DELETE', '/rest/api/3/issue/SHOP-1?deleteSubtasks=true')).status).toBe(204);

    expect((await call(APP, 'GET', `/rest/api/3/issue/${subKey}`)).status).toBe(404);
  });
});

describe('faults and metering', () => {
  it('answers 429 with Retry-After for `times` requests, then recovers; faulted calls are metered', async () => {
    jira.faults.add({ pathPattern: '^/rest/api/3/issue/[^/]+$', kind: '429', retryAfterSeconds: 7, times: 2 });
    const a = await call(APP, 'GET', '/rest/api/3/issue/SHOP-1');
    expect(a.status).toBe(429);
    expect(a.headers).toMatchObject({ 'Retry-After': '7', 'RateLimit-Reason': 'jira-burst-based' });
    expect((await call(APP, 'GET', '/rest/api/3/issue/SHOP-2')).status).toBe(429);
    expect((await call(APP, 'GET', '/rest/api/3/issue/SHOP-2')).status).toBe(200);
    expect(jira.faults.list()).toEqual([]);
    expect(jira.metering.snapshot().byOperation['GET /rest/api/3/issue/{issueIdOrKey}']).toEqual({ calls: 3, points: 4 });
  });

  it('500 and latency faults', async () => {
    jira.faults.add({ method: 'POST', pathPattern: 'search', kind: '500', times: 1 });
    jira.faults.add({ pathPattern: 'myself', kind: 'latency', latencyMs: 30, times: 1 });
    expect((await call(APP, 'POST', '/rest/api/3/search/jql', { jql: 'project = SHOP' })).status).toBe(500);
    const started = Date.now();
    expect((await call(APP, 'GET', '/rest/api/3/myself')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('a 500 after the write: Jira did the work, then the answer was lost (a gateway timing out on a create that went through)', async () => {
    jira.faults.add({ method: 'POST', pathPattern: '^/rest/api/3/issue$', kind: '500', afterWrite: true, times: 1 });

    const created = await call(DEV, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'SHOP' }, issuetype: { name: 'Task' }, summary: 'Created though unanswered' } });

    expect(created.status).toBe(500);
    expect(await search(APP, 'summary ~ "Created though unanswered"')).toHaveLength(1);
  });

  it('counts 1 + objects for reads and 1 for writes', async () => {
    await call(APP, 'GET', '/rest/api/3/search/jql?jql=project%3DSHOP&maxResults=3');
    await call(APP, 'GET', '/rest/agile/1.0/board/1/sprint');
    await call(APP, 'PUT', '/rest/api/3/issue/SHOP-1', { fields: { summary: 'x' } });
    const snap = jira.metering.snapshot();
    expect(snap.byOperation['GET /rest/api/3/search/jql']).toEqual({ calls: 1, points: 4 });
    expect(snap.byOperation['GET /rest/agile/1.0/board/{boardId}/sprint']).toEqual({ calls: 1, points: 3 });
    expect(snap.byOperation['PUT /rest/api/3/issue/{issueIdOrKey}']).toEqual({ calls: 1, points: 1 });
    expect(snap.total).toEqual({ calls: 3, points: 8 });
    jira.metering.reset();
    expect(jira.metering.snapshot().total).toEqual({ calls: 0, points: 0 });
  });
});

describe('loadScenario', () => {
  it('lists each problem with its JSON path, including cross references', () => {
    const broken = structuredClone(scenario) as unknown as { issues: Array<Record<string, unknown>>; sprints: Array<Record<string, unknown>> };
    const first = broken.issues[0];
    if (first !== undefined) first['reporter'] = 'u-x';
    const second = broken.issues[1];
    if (second !== undefined) second['sprintIds'] = [99];
    expect(() => loadScenario(broken)).toThrow(/issues\[0\]\.reporter: unknown user "u-x"[\s\S]*issues\[1\]\.sprintIds\[0\]: unknown sprint 99/);
    expect(() => loadScenario({ version: 2 })).toThrow(/version/);
  });

  it('refuses a team-managed project that shares its workflow, since Jira scopes those workflows to one project', () => {
    const shared = structuredClone(scenario);
    const shop = shared.projects[0];
    if (shop === undefined) throw new Error('the minimal scenario has a project');
    shared.projects.push({ ...shop, id: '10009', key: 'MOB', name: 'Mobile app', style: 'next-gen' });
    expect(() => loadScenario(shared)).toThrow(/projects\[1\]\.workflowKey: team-managed project "MOB" shares its workflow with "SHOP"/);
  });
});

describe('projects as Jira describes them', () => {
  it('says a team-managed project is next-gen and simplified, a company-managed one classic', async () => {
    const withTeamProject = structuredClone(scenario);
    const [workflow] = withTeamProject.workflows;
    const [shop] = withTeamProject.projects;
    if (workflow === undefined || shop === undefined) throw new Error('the minimal scenario has a workflow and a project');
    withTeamProject.workflows.push({ ...structuredClone(workflow), key: 'mob-workflow' });
    withTeamProject.projects.push({ ...structuredClone(shop), id: '10009', key: 'MOB', name: 'Mobile app', style: 'next-gen', workflowKey: 'mob-workflow' });
    jira = JiraEmulator.fromScenario(loadScenario(withTeamProject));
    expect((await call(APP, 'GET', '/rest/api/3/project/MOB')).json).toMatchObject({ key: 'MOB', style: 'next-gen', simplified: true });
    expect((await call(APP, 'GET', '/rest/api/3/project/SHOP')).json).toMatchObject({ key: 'SHOP', style: 'classic', simplified: false });
  });
});

describe('project roles and groups', () => {
  /** SHOP with Devon an Administrator, a Developers role held by a group, and Rita only in the default role, by group. */
  const withRoles = (): Scenario => {
    const copy = structuredClone(scenario) as ScenarioInputLike;
    copy.groups = [
      { name: 'jira-software-users', groupId: 'g-users', members: ['acc-devon-oncall', 'acc-rita-support'] },
      { name: 'shop-developers', groupId: 'g-shop-devs', members: ['acc-devon-oncall'] },
    ];
    const [shop] = copy.projects;
    if (shop === undefined) throw new Error('the minimal scenario has a project');
    shop.roleActors = { Administrators: { users: ['acc-devon-oncall'] }, Developers: { groups: ['shop-developers'] }, Users: { groups: ['jira-software-users'] } };
    return loadScenario(copy);
  };
  type ScenarioInputLike = ScenarioInput;

  beforeEach(() => {
    jira = JiraEmulator.fromScenario(withRoles());
  });

  it('lists the project roles to a project admin, and only theirs with currentMember=true (a group actor counts)', async () => {
    const all = await call(DEV, 'GET', '/rest/api/3/project/SHOP/roledetails?excludeConnectAddons=true');
    expect(all.status).toBe(200);
    expect((all.json as unknown as Array<{ name: string }>).map((role) => role.name)).toEqual(['Administrators', 'Developers', 'Users']);
    const mine = await call(DEV, 'GET', '/rest/api/3/project/SHOP/roledetails?currentMember=true');
    expect((mine.json as unknown as Array<{ name: string }>).map((role) => role.name)).toEqual(['Administrators', 'Developers', 'Users']);
    const withAddons = await call(APP, 'GET', '/rest/api/3/project/SHOP/roledetails');
    expect((withAddons.json as unknown as Array<{ name: string }>).map((role) => role.name)).toContain('atlassian-addons-project-access');
  });

  it('refuses role details to a user who does not administer the project, as Jira documents', async () => {
    expect((await call(REPORTER, 'GET', '/rest/api/3/project/SHOP/roledetails?currentMember=true')).status).toBe(403);
    expect((await call(REPORTER, 'GET', '/rest/api/3/project/SHOP/role/10001')).status).toBe(403);
    expect((await call(OUTSIDER, 'GET', '/rest/api/3/project/SHOP/roledetails')).status).toBe(404);
    expect((await call(DEV, 'GET', '/rest/api/3/project/NOPE/roledetails')).status).toBe(404);
  });

  it('answers a role of a project with its actors, users and groups', async () => {
    const developers = await call(APP, 'GET', '/rest/api/3/project/SHOP/role/10001');
    expect(developers.json).toMatchObject({
      name: 'Developers',
      id: 10001,
      actors: [{ type: 'atlassian-group-role-actor', name: 'shop-developers', actorGroup: { name: 'shop-developers', groupId: 'g-shop-devs' } }],
    });
    const admins = await call(APP, 'GET', '/rest/api/3/project/SHOP/role/10002');
    expect(admins.json).toMatchObject({ actors: [{ type: 'atlassian-user-role-actor', actorUser: { accountId: 'acc-devon-oncall' } }] });
    expect((await call(APP, 'GET', '/rest/api/3/project/SHOP/role/99999')).status).toBe(404);
  });

  it('lists the caller’s groups on /myself only with expand=groups', async () => {
    const plain = await call(REPORTER, 'GET', '/rest/api/3/myself');
    expect(plain.json?.['groups']).toEqual({ size: 1, items: [] });
    const expanded = await call(REPORTER, 'GET', '/rest/api/3/myself?expand=groups');
    expect(expanded.json?.['groups']).toMatchObject({ size: 1, items: [{ name: 'jira-software-users', groupId: 'g-users' }] });
  });

  it('refuses a scenario whose roles name unknown roles, groups or people', () => {
    const broken = structuredClone(scenario) as ScenarioInputLike;
    broken.groups = [{ name: 'devs', groupId: 'g1', members: ['acc-nobody'] }];
    const [shop] = broken.projects;
    if (shop === undefined) throw new Error('the minimal scenario has a project');
    shop.roleActors = { Wizards: { users: [] }, Developers: { users: ['acc-ghost'], groups: ['nobody-group'] } };
    expect(() => loadScenario(broken)).toThrow(/groups\[0\]\.members\[0\]: unknown user "acc-nobody"[\s\S]*roleActors\.Wizards: unknown project role "Wizards"[\s\S]*roleActors\.Developers\.users\[0\]: unknown user "acc-ghost"[\s\S]*roleActors\.Developers\.groups\[0\]: unknown group "nobody-group"/);
  });
});

describe('paging a search', () => {
  const page = async (jql: string, nextPageToken?: string) => {
    const r = await call(APP, 'POST', '/rest/api/3/search/jql', { jql, fields: ['summary'], maxResults: 2, ...(nextPageToken === undefined ? {} : { nextPageToken }) });
    return r.json as { issues: Array<{ key: string }>; nextPageToken?: string };
  };

  it('answers later pages of the same query from its first run, and runs it again after a write', async () => {
    const first = await page('project = SHOP ORDER BY key ASC');
    expect(first.issues.map((issue) => issue.key)).toEqual(['SHOP-1', 'SHOP-2']);
    const second = await page('project = SHOP ORDER BY key ASC', first.nextPageToken);
    expect(second.issues.map((issue) => issue.key)).toEqual(['SHOP-3', 'SHOP-4']);

    // A write between pages: the next page reads the index as it is now, as paging a live index does.
    const again = await page('project = SHOP ORDER BY key ASC');
    expect((await call(APP, 'DELETE', '/rest/api/3/issue/SHOP-2')).status).toBe(204);
    expect((await page('project = SHOP ORDER BY key ASC', again.nextPageToken)).issues.map((issue) => issue.key)).toEqual(['SHOP-4']);
  });
});
