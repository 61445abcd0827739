/**
 * Generates sandbox/scenarios/demo.json and minimal.json deterministically (seeded PRNG, fixed "now").
 * Run: node_modules/.bin/tsx sandbox/scenarios/generate-demo.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadScenario } from './scenario.loader.js';
import type { ScenarioInput } from './scenario.schema.js';

type Issue = NonNullable<ScenarioInput['issues']>[number];
type History = NonNullable<Issue['changelog']>[number];
type Sprint = NonNullable<ScenarioInput['sprints']>[number];

const NOW = Date.parse('2026-11-20T12:00:00+00:00');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** mulberry32: tiny, seedable, good enough for demo data. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
  };
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', '+00:00').replace(/\.\d{3}Z$/, '+00:00');
const adf = (...paragraphs: string[]) => ({ type: 'doc' as const, version: 1 as const, content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });

// --- reference data -----------------------------------------------------------------

const USERS = {
  reporter: 'acc-rita-support',
  dev: 'acc-devon-oncall',
  scrum: 'acc-sam-scrum',
  admin: 'acc-ada-admin',
  ops: 'acc-otto-ops',
  dev2: 'acc-mia-dev',
  dev3: 'acc-liam-dev',
} as const;

const users: ScenarioInput['users'] = [
  { accountId: USERS.reporter, displayName: 'Rita Reyes', emailAddress: 'rita.reyes@example.com', role: 'Support agent (reporter)', projectPermissions: { SHOP: ['browse', 'edit'], OPS: ['browse', 'edit'], MOB: ['browse', 'edit'] } },
  { accountId: USERS.dev, displayName: 'Devon Park', emailAddress: 'devon.park@example.com', role: 'Developer, on-call triager', projectPermissions: { SHOP: ['browse', 'edit'], OPS: ['browse', 'edit'], MOB: ['browse', 'edit'] } },
  { accountId: USERS.scrum, displayName: 'Sam Okafor', emailAddress: 'sam.okafor@example.com', role: 'Scrum master', projectPermissions: { SHOP: ['browse', 'edit', 'administer'], OPS: ['browse'] } },
  { accountId: USERS.admin, displayName: 'Ada Lindqvist', emailAddress: 'ada.lindqvist@example.com', role: 'Jira admin (site admin)', siteAdmin: true, projectPermissions: { SHOP: ['administer'], OPS: ['administer'], MOB: ['administer'] } },
  { accountId: USERS.ops, displayName: 'Otto Weber', emailAddress: 'otto.weber@example.com', role: 'Operations engineer, no access to SHOP', projectPermissions: { OPS: ['browse', 'edit', 'administer'] } },
  { accountId: USERS.dev2, displayName: 'Mia Chen', emailAddress: 'mia.chen@example.com', role: 'Developer', projectPermissions: { SHOP: ['browse', 'edit'] } },
  // Liam has not yet allowed Firebreak to act for him: the app's panels ask him to "Allow access" first.
  { accountId: USERS.dev3, displayName: 'Liam Novak', emailAddress: 'liam.novak@example.com', role: 'Developer, has not yet allowed Firebreak access', projectPermissions: { SHOP: ['browse', 'edit'], OPS: ['browse'] }, allowedAppAccess: false },
];

/**
 * Groups and who holds which project role, for "who triages" (project settings): by default the
 * Developers and Administrators roles. Devon triages through the shop-developers group in
 * Developers, Mia as a person in it; Rita holds only the default Users role (through
 * jira-software-users), so she reports but does not triage; Sam (scrum master) and Ada administer.
 */
const GROUPS: NonNullable<ScenarioInput['groups']> = [
  { name: 'jira-software-users', groupId: 'b3c1d0e2-0001-4a5b-9c1d-0a1b2c3d4e01', members: Object.values(USERS) },
  { name: 'shop-developers', groupId: 'b3c1d0e2-0002-4a5b-9c1d-0a1b2c3d4e02', members: [USERS.dev, USERS.dev3] },
  { name: 'ops-engineers', groupId: 'b3c1d0e2-0003-4a5b-9c1d-0a1b2c3d4e03', members: [USERS.ops, USERS.dev] },
  { name: 'site-admins', groupId: 'b3c1d0e2-0004-4a5b-9c1d-0a1b2c3d4e04', members: [USERS.admin] },
];
const EVERYONE = { groups: ['jira-software-users'] };
const ROLE_ACTORS = {
  SHOP: { Administrators: { users: [USERS.scrum], groups: ['site-admins'] }, Developers: { users: [USERS.dev2], groups: ['shop-developers'] }, Users: EVERYONE },
  OPS: { Administrators: { users: [USERS.ops], groups: ['site-admins'] }, Developers: { groups: ['ops-engineers'] }, Users: EVERYONE },
  MOB: { Administrators: { groups: ['site-admins'] }, Developers: { users: [USERS.dev] }, Users: EVERYONE },
} satisfies Record<string, NonNullable<ScenarioInput['projects'][number]['roleActors']>>;

const TYPES = { story: '10001', bug: '10002', task: '10003', subtask: '10004', incident: '10005', support: '10006' } as const;
const issueTypes: ScenarioInput['issueTypes'] = [
  { id: TYPES.story, name: 'Story', description: 'Functionality or a feature expressed as a user goal.' },
  { id: TYPES.bug, name: 'Bug', description: 'A problem or error.' },
  { id: TYPES.task, name: 'Task', description: 'A small, distinct piece of work.' },
  { id: TYPES.subtask, name: 'Sub-task', description: 'A small piece of a larger task.', subtask: true, hierarchyLevel: -1 },
  { id: TYPES.incident, name: 'Incident', description: 'A production incident.' },
  { id: TYPES.support, name: 'Support request', description: 'A request from a customer, through support.' },
];

const priorities: ScenarioInput['priorities'] = [
  { id: '1', name: 'Highest', statusColor: '#d04437' },
  { id: '2', name: 'High', statusColor: '#f15C75' },
  { id: '3', name: 'Medium', statusColor: '#f79232', isDefault: true },
  { id: '4', name: 'Low', statusColor: '#707070' },
  { id: '5', name: 'Lowest', statusColor: '#999999' },
];

const STATUS = { new: '10000', accepted: '10001', inProgress: '10002', waiting: '10003', resolved: '10004', verified: '10005', closed: '10006' } as const;
const statuses: ScenarioInput['statuses'] = [
  { id: STATUS.new, name: 'New', category: 'new' },
  { id: STATUS.accepted, name: 'Accepted', category: 'new' },
  { id: STATUS.inProgress, name: 'In Progress', category: 'indeterminate' },
  { id: STATUS.waiting, name: 'Waiting for reporter', category: 'indeterminate' },
  { id: STATUS.resolved, name: 'Resolved', category: 'done' },
  { id: STATUS.verified, name: 'Verified', category: 'done' },
  { id: STATUS.closed, name: 'Closed', category: 'done' },
];
const STATUS_NAME: Record<string, string> = Object.fromEntries(statuses.map((s) => [s.id, s.name]));

const resolutions: ScenarioInput['resolutions'] = [
  { id: '10000', name: 'Done' },
  { id: '10001', name: "Won't Do" },
  { id: '10002', name: 'Duplicate' },
  { id: '10003', name: 'Cannot Reproduce' },
];

const STORY_POINTS_FIELD = 'customfield_10042';
const fields: ScenarioInput['fields'] = [
  { id: 'customfield_10020', name: 'Sprint', schemaType: 'array', customType: 'com.pyxis.greenhopper.jira:gh-sprint' },
  { id: STORY_POINTS_FIELD, name: 'Story Points', schemaType: 'number', customType: 'com.atlassian.jira.plugin.system.customfieldtypes:float' },
  // a decoy: team-managed "Story point estimate" exists on the site but is NOT this board's estimation field
  { id: 'customfield_10016', name: 'Story point estimate', schemaType: 'number', customType: 'com.pyxis.greenhopper.jira:jsw-story-points' },
];

const linkTypes: ScenarioInput['linkTypes'] = [
  { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
  { id: '10001', name: 'Cloners', inward: 'is cloned by', outward: 'clones' },
  { id: '10002', name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' },
  { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' },
  { id: '10004', name: 'Problem/Incident', inward: 'is caused by', outward: 'causes' },
];

/**
 * OPS keeps lean screens, as many real projects do: its Task create screen has no Labels, Due date
 * or Linked issues, and its Incident edit screen has no Priority (the paging tool owns it). SHOP
 * models no screens: every field can be set there.
 */
const OPS_SCREENS: NonNullable<ScenarioInput['projects'][number]['screens']> = [
  { issueTypeIds: [TYPES.task], create: ['summary', 'description', 'assignee', 'reporter', 'priority'], edit: ['summary', 'description', 'assignee', 'reporter', 'priority', 'labels', 'duedate', 'issuelinks'] },
  { issueTypeIds: [TYPES.incident], create: ['summary', 'description', 'assignee', 'reporter', 'priority', 'labels', 'issuelinks'], edit: ['summary', 'description', 'assignee', 'reporter', 'labels', 'duedate', 'issuelinks'] },
  { create: ['summary', 'description', 'assignee', 'reporter', 'priority', 'labels', 'duedate', 'issuelinks'], edit: ['summary', 'description', 'assignee', 'reporter', 'priority', 'labels', 'duedate', 'issuelinks'] },
];

const WORKFLOW_KEY = 'firebreak-support-workflow';
const TRANSITIONS = { accept: '11', start: '21', requestInfo: '31', infoProvided: '41', resolve: '51', verify: '61', close: '71', reopen: '81', wontDo: '91' } as const;
const workflows: ScenarioInput['workflows'] = [
  {
    key: WORKFLOW_KEY,
    name: 'Firebreak support workflow',
    initialStatus: STATUS.new,
    statuses: Object.values(STATUS),
    transitions: [
      { id: TRANSITIONS.accept, name: 'Accept', from: [STATUS.new], to: STATUS.accepted },
      { id: TRANSITIONS.start, name: 'Start progress', from: [STATUS.accepted], to: STATUS.inProgress },
      { id: TRANSITIONS.requestInfo, name: 'Request info', from: [STATUS.new, STATUS.accepted, STATUS.inProgress], to: STATUS.waiting },
      { id: TRANSITIONS.infoProvided, name: 'Info provided', from: [STATUS.waiting], to: STATUS.new },
      { id: TRANSITIONS.resolve, name: 'Resolve', from: [STATUS.inProgress], to: STATUS.resolved, resolution: '10000' },
      { id: TRANSITIONS.verify, name: 'Verify', from: [STATUS.resolved], to: STATUS.verified },
      { id: TRANSITIONS.close, name: 'Close', from: [STATUS.verified], to: STATUS.closed },
      { id: TRANSITIONS.reopen, name: 'Reopen', from: [STATUS.resolved, STATUS.verified, STATUS.closed], to: STATUS.new },
      { id: TRANSITIONS.wontDo, name: "Won't do", from: [STATUS.new, STATUS.accepted, STATUS.waiting], to: STATUS.closed, resolution: '10001' },
    ],
  },
];

/**
 * The team-managed project's own workflow: Jira scopes a team-managed project's workflow to that
 * project (REST `scope.type: PROJECT`), edited only in the new workflow editor.
 */
const MOBILE_WORKFLOW_KEY = 'mobile-app-workflow';
const MOBILE_TRANSITIONS = { start: '11', resolve: '21', reopen: '31' } as const;
const mobileWorkflow: ScenarioInput['workflows'][number] = {
  key: MOBILE_WORKFLOW_KEY,
  name: 'Mobile app workflow',
  initialStatus: STATUS.new,
  statuses: [STATUS.new, STATUS.inProgress, STATUS.resolved],
  transitions: [
    { id: MOBILE_TRANSITIONS.start, name: 'Start progress', from: [STATUS.new], to: STATUS.inProgress },
    { id: MOBILE_TRANSITIONS.resolve, name: 'Resolve', from: [STATUS.inProgress], to: STATUS.resolved, resolution: '10000' },
    { id: MOBILE_TRANSITIONS.reopen, name: 'Reopen', from: [STATUS.resolved], to: STATUS.new },
  ],
};

const base = {
  version: 1 as const,
  site: { baseUrl: 'https://firebreak-demo.atlassian.net', title: 'Firebreak demo', now: iso(NOW), sprintFieldId: 'customfield_10020' },
  issueTypes, priorities, statuses, resolutions, fields, linkTypes, workflows,
};

// --- issue generation -----------------------------------------------------------------

const COMPONENTS = ['checkout', 'payments', 'search', 'catalog', 'cart', 'login', 'shipping', 'promotions'];
const CUSTOMERS = ['Acme GmbH', 'Globex', 'Initech', 'Umbrella Retail', 'Stark Supplies', 'Wayne Outfitters'];
const STORY_GOALS = ['save my cart for later', 'filter products by size', 'pay with a gift card', 'see delivery estimates', 'reorder a past purchase', 'compare two products', 'apply a voucher at checkout', 'track my parcel', 'manage saved addresses', 'get back-in-stock alerts'];
const SYMPTOMS = ['shows a blank page', 'times out', 'rounds totals wrongly', 'drops the selected variant', 'returns HTTP 500', 'shows stale prices', 'loses the session', 'double-charges on retry'];

interface Ctx { rnd: ReturnType<typeof prng>; ids: { issue: number; history: number; comment: number; worklog: number; link: number }; sprints: Sprint[] }

function sprintAt(ctx: Ctx, t: number): Sprint | undefined {
  return ctx.sprints.find((s) => s.startDate !== undefined && s.endDate !== undefined && Date.parse(s.startDate) <= t && t < Date.parse(s.endDate));
}

function genIssue(ctx: Ctx, key: string, kind: keyof typeof TYPES, created: number): Issue {
  const { rnd } = ctx;
  const project = key.split('-')[0] ?? '';
  const comp = rnd.pick(COMPONENTS);
  const reporter = kind === 'story' ? USERS.scrum : project === 'OPS' ? rnd.pick([USERS.ops, USERS.reporter]) : USERS.reporter;
  const devs = project === 'OPS' ? [USERS.ops, USERS.dev] : [USERS.dev, USERS.dev2, USERS.dev3];
  const summary = {
    story: () => `As a shopper I can ${rnd.pick(STORY_GOALS)}`,
    bug: () => `${comp[0]?.toUpperCase()}${comp.slice(1)} ${rnd.pick(SYMPTOMS)}`,
    task: () => `${rnd.pick(['Upgrade', 'Clean up', 'Monitor', 'Document'])} ${comp} ${rnd.pick(['dependencies', 'dashboards', 'feature flags', 'runbook'])}`,
    subtask: () => `Implement ${comp} ${rnd.pick(['API', 'UI', 'tests'])}`,
    incident: () => `${comp[0]?.toUpperCase()}${comp.slice(1)} outage: ${rnd.pick(SYMPTOMS)}`,
    support: () => `${rnd.pick(CUSTOMERS)} cannot ${rnd.pick(['complete checkout', 'log in', 'download invoices', 'apply discount', 'change address'])}`,
  }[kind]();
  const priorityId = kind === 'incident' ? rnd.pick(['1', '1', '2']) : kind === 'story' ? '3' : rnd.pick(['2', '3', '3', '4']);
  const issue: Issue = {
    id: String(ctx.ids.issue++), key, issueTypeId: TYPES[kind], summary,
    description: adf(kind === 'story' ? `So that shopping is easier, ${summary.toLowerCase()}.` : `Reported for ${comp}. Steps: open the ${comp} page and try again.`, `Environment: production, ${rnd.pick(['Chrome', 'Safari', 'Firefox', 'iOS app', 'Android app'])}.`),
    statusId: STATUS.new, priorityId, resolutionId: null, reporter, assignee: null, created: iso(created), updated: iso(created), resolutiondate: null,
    labels: [comp, ...(kind === 'support' || rnd.chance(0.2) ? ['customer-reported'] : []), ...(kind === 'bug' && rnd.chance(0.2) ? ['regression'] : [])],
    sprintIds: [], customFields: {}, comments: [], worklogs: [], changelog: [],
  };
  if (kind === 'story' && rnd.chance(0.85)) issue.customFields = { [STORY_POINTS_FIELD]: rnd.pick([1, 2, 3, 5, 8, 13]) };
  else if (kind === 'bug' && rnd.chance(0.3)) issue.customFields = { [STORY_POINTS_FIELD]: rnd.pick([1, 2, 3]) };

  const changelog: History[] = [];
  let t = created;
  const step = (minH: number, maxH: number) => {
    t = Math.min(t + rnd.int(minH, maxH) * HOUR + rnd.int(0, 59) * 60_000, NOW - HOUR);
    return t;
  };
  const history = (author: string, items: History['items']) => changelog.push({ id: String(ctx.ids.history++), author, created: iso(t), items });
  const move = (to: string, author: string, resolution?: string | null) => {
    const items: History['items'] = [{ field: 'status', fieldId: 'status', fieldtype: 'jira', from: issue.statusId, fromString: STATUS_NAME[issue.statusId] ?? null, to, toString: STATUS_NAME[to] ?? null }];
    if (resolution !== undefined && resolution !== issue.resolutionId) {
      const name = (id: string | null | undefined) => (resolutions ?? []).find((r) => r.id === id)?.name ?? null;
      items.push({ field: 'resolution', fieldId: 'resolution', fieldtype: 'jira', from: issue.resolutionId ?? null, fromString: name(issue.resolutionId), to: resolution, toString: name(resolution) });
      issue.resolutionId = resolution;
      issue.resolutiondate = resolution === null ? null : iso(t);
    }
    history(author, items);
    issue.statusId = to;
  };

  // How far along the issue is depends on its age: older issues are mostly finished.
  const ageDays = (NOW - created) / DAY;
  const stages = ageDays > 40 ? rnd.pick([5, 6, 6, 6, 4]) : ageDays > 14 ? rnd.int(2, 6) : rnd.int(0, 4);
  const speed = kind === 'incident' ? [1, 6] : [6, 60];
  const assignee = rnd.pick(devs);
  let startedAt: number | undefined;
  let resolvedAt: number | undefined;
  if ((kind === 'bug' || kind === 'support') && stages >= 1 && rnd.chance(0.25)) {
    step(speed[0] ?? 1, speed[1] ?? 6);
    move(STATUS.waiting, USERS.dev);
    step(6, 48);
    move(STATUS.new, reporter);
  }
  if (stages >= 1 && rnd.chance(0.06)) {
    step(2, 48);
    move(STATUS.closed, USERS.dev, '10001');
  } else {
    if (stages >= 1) {
      step(speed[0] ?? 1, speed[1] ?? 6);
      history(USERS.dev, [{ field: 'assignee', fieldId: 'assignee', fieldtype: 'jira', from: null, fromString: null, to: assignee, toString: users.find((u) => u.accountId === assignee)?.displayName ?? null }]);
      issue.assignee = assignee;
      move(STATUS.accepted, USERS.dev);
    }
    if (stages >= 2) {
      step(speed[0] ?? 1, speed[1] ?? 6);
      move(STATUS.inProgress, assignee);
      startedAt = t;
    }
    if (stages >= 3) {
      step(kind === 'incident' ? 1 : 24, kind === 'incident' ? 12 : 24 * 9);
      move(STATUS.resolved, assignee, '10000');
      resolvedAt = t;
    }
    if (stages >= 4) {
      step(4, 72);
      move(STATUS.verified, reporter);
    }
    if (stages >= 5) {
      step(4, 96);
      move(STATUS.closed, USERS.scrum);
    }
  }

  // Sprint membership: SHOP work that was accepted joins the sprint running then and is
  // carried over until the sprint in which it was resolved (or the active sprint).
  if (project === 'SHOP' && kind !== 'support' && kind !== 'incident' && issue.statusId !== STATUS.new) {
    const firstTouch = Date.parse(changelog.find((h) => h.items.some((i) => i.to === STATUS.accepted))?.created ?? issue.created);
    let sprint = sprintAt(ctx, firstTouch) ?? ctx.sprints.find((s) => s.state === 'active');
    const end = resolvedAt ?? NOW;
    while (sprint !== undefined) {
      issue.sprintIds = [...(issue.sprintIds ?? []), sprint.id];
      if (sprint.endDate === undefined || Date.parse(sprint.endDate) > end || sprint.state === 'active') break;
      const nextId = sprint.id + 1;
      sprint = ctx.sprints.find((s) => s.id === nextId && s.state !== 'future');
    }
    const ids = issue.sprintIds ?? [];
    const names = (list: number[]) => list.map((id) => ctx.sprints.find((s) => s.id === id)?.name ?? '').join(', ');
    ids.forEach((id, i) => {
      const s = ctx.sprints.find((x) => x.id === id);
      const at = Math.max(i === 0 ? firstTouch : Date.parse(s?.startDate ?? issue.created), Date.parse(issue.created));
      changelog.push({ id: String(ctx.ids.history++), author: USERS.scrum, created: iso(at), items: [{ field: 'Sprint', fieldId: 'customfield_10020', fieldtype: 'custom', from: i === 0 ? null : ids.slice(0, i).join(', '), fromString: i === 0 ? null : names(ids.slice(0, i)), to: ids.slice(0, i + 1).join(', '), toString: names(ids.slice(0, i + 1)) }] });
    });
    changelog.sort((a, b) => Date.parse(a.created) - Date.parse(b.created));
  }

  // Worklogs between start and resolution; a few land outside any sprint window (weekends, OPS work).
  if (startedAt !== undefined) {
    const until = resolvedAt ?? NOW - HOUR;
    const count = rnd.int(1, kind === 'story' ? 5 : 3);
    for (let i = 0; i < count; i++) {
      const started = startedAt + Math.floor(rnd.next() * Math.max(until - startedAt, HOUR));
      issue.worklogs?.push({ id: String(ctx.ids.worklog++), author: assignee, started: iso(started), timeSpentSeconds: rnd.int(1, 12) * 1800, comment: adf(rnd.pick(['Investigation', 'Implementation', 'Code review fixes', 'Testing', 'Deployment and monitoring'])) });
    }
  }

  const commentCount = rnd.int(0, kind === 'story' ? 1 : 3);
  for (let i = 0; i < commentCount; i++) {
    const at = created + Math.floor(rnd.next() * Math.max(t - created, HOUR));
    issue.comments?.push({ id: String(ctx.ids.comment++), author: rnd.pick([reporter, assignee, USERS.dev]), body: adf(rnd.pick(['Can you share the request id?', 'Reproduced on staging.', 'Customer confirmed the workaround helps.', 'Deployed the fix behind a flag.', 'Root cause is a race in the cache refresh.'])), created: iso(at) });
  }
  const lastTimes = [t, ...(issue.comments ?? []).map((c) => Date.parse(c.created)), ...changelog.map((h) => Date.parse(h.created))];
  issue.updated = iso(Math.max(...lastTimes));
  issue.changelog = changelog;
  return issue;
}

function buildSprints(): Sprint[] {
  // Two-week sprints; sprint 6 is active (11 → 25 Nov 2026), sprints 1–5 closed, sprint 7 planned.
  const activeStart = Date.parse('2026-11-11T09:00:00+00:00');
  const sprints: Sprint[] = [];
  for (let n = 1; n <= 7; n++) {
    const start = activeStart + (n - 6) * 14 * DAY;
    const end = start + 14 * DAY - 2 * HOUR;
    const state = n < 6 ? 'closed' : n === 6 ? 'active' : 'future';
    sprints.push({
      id: n, boardId: 1, name: `SHOP Sprint ${n}`, state, goal: `Sprint ${n} goal: ${['stabilise checkout', 'faster search', 'payments v2', 'catalog cleanup', 'promotions', 'mobile polish', 'gift cards'][n - 1]}`,
      ...(state === 'future' ? {} : { startDate: iso(start), endDate: iso(end) }),
      ...(state === 'closed' ? { completeDate: iso(end + HOUR) } : {}),
    });
  }
  return sprints;
}

function buildDemo(): ScenarioInput {
  const rnd = prng(20261120);
  const sprints = buildSprints();
  const ctx: Ctx = { rnd, ids: { issue: 10001, history: 20001, comment: 30001, worklog: 40001, link: 50001 }, sprints };
  const plan: Array<{ project: 'SHOP' | 'OPS'; kind: keyof typeof TYPES }> = [];
  const add = (project: 'SHOP' | 'OPS', kind: keyof typeof TYPES, n: number) => {
    for (let i = 0; i < n; i++) plan.push({ project, kind });
  };
  add('SHOP', 'story', 70);
  add('SHOP', 'bug', 42);
  add('SHOP', 'incident', 18);
  add('SHOP', 'support', 16);
  add('SHOP', 'task', 10);
  add('OPS', 'incident', 14);
  add('OPS', 'support', 12);
  add('OPS', 'task', 10);
  const start = Date.parse('2026-08-24T08:00:00+00:00');
  const withTimes = plan.map((p) => ({ ...p, created: start + Math.floor(rnd.next() * (NOW - 2 * DAY - start)) })).sort((a, b) => a.created - b.created);
  const counters = { SHOP: 1, OPS: 1 };
  const issues: Issue[] = withTimes.map((p) => genIssue(ctx, `${p.project}-${counters[p.project]++}`, p.kind, p.created));
  // a few sub-tasks under in-flight stories
  const parents = issues.filter((i) => i.issueTypeId === TYPES.story && i.statusId === STATUS.inProgress).slice(0, 4);
  for (const parent of parents) {
    const sub = genIssue(ctx, `SHOP-${counters.SHOP++}`, 'subtask', Date.parse(parent.created) + DAY);
    issues.push({ ...sub, parentKey: parent.key, sprintIds: parent.sprintIds ?? [], changelog: (sub.changelog ?? []).filter((h) => h.items.every((i) => i.field !== 'Sprint')) });
  }
  // Incidents are caused by bugs (Problem/Incident), some bugs relate to stories.
  const issueLinks: NonNullable<ScenarioInput['issueLinks']> = [];
  const bugs = issues.filter((i) => i.issueTypeId === TYPES.bug);
  const stories = issues.filter((i) => i.issueTypeId === TYPES.story);
  for (const incident of issues.filter((i) => i.issueTypeId === TYPES.incident)) {
    const bug = rnd.pick(bugs);
    issueLinks.push({ id: String(ctx.ids.link++), typeId: '10004', inwardIssue: incident.key, outwardIssue: bug.key });
  }
  for (const bug of bugs.filter(() => rnd.chance(0.2))) issueLinks.push({ id: String(ctx.ids.link++), typeId: '10003', inwardIssue: rnd.pick(stories).key, outwardIssue: bug.key });
  // one postmortem remote link on the first closed incident
  const closedIncident = issues.find((i) => i.issueTypeId === TYPES.incident && i.statusId === STATUS.closed);
  if (closedIncident !== undefined) closedIncident.remoteLinks = [{ id: 60001, globalId: 'firebreak:postmortem:demo-1', relationship: 'postmortem', object: { url: 'https://firebreak-demo.atlassian.net/postmortems/demo-1', title: `Postmortem: ${closedIncident.summary}` } }];

  addSupportWork(issues, sprints, ctx);

  // The team-managed project's issues, written out (no random draws, so the issues above stay as they were).
  const mobileIssue = (key: string, issueTypeId: string, summary: string, created: number): Issue => ({
    id: String(ctx.ids.issue++), key, issueTypeId, summary, statusId: STATUS.new, priorityId: '3', reporter: USERS.reporter, created: iso(created), updated: iso(created), labels: ['android'],
  });
  issues.push(
    mobileIssue('MOB-1', TYPES.incident, 'App crashes on launch on Android 15', NOW - 26 * HOUR),
    mobileIssue('MOB-2', TYPES.story, 'As a shopper I can scan a gift card with the camera', NOW - 50 * HOUR),
  );

  return {
    ...base,
    workflows: [...workflows, mobileWorkflow],
    name: 'Firebreak demo',
    description: 'Webshop (SHOP, Scrum), Operations (OPS) and the team-managed Mobile app (MOB): ~200 issues over six two-week sprints ending around 20 Nov 2026.',
    users,
    groups: GROUPS,
    projects: [
      { id: '10000', key: 'SHOP', name: 'Webshop', projectTypeKey: 'software', leadAccountId: USERS.scrum, workflowKey: WORKFLOW_KEY, issueTypeIds: Object.values(TYPES), roleActors: ROLE_ACTORS.SHOP },
      { id: '10001', key: 'OPS', name: 'Operations', projectTypeKey: 'software', leadAccountId: USERS.ops, workflowKey: WORKFLOW_KEY, issueTypeIds: [TYPES.task, TYPES.incident, TYPES.support, TYPES.bug], screens: OPS_SCREENS, roleActors: ROLE_ACTORS.OPS },
      { id: '10002', key: 'MOB', name: 'Mobile app', projectTypeKey: 'software', style: 'next-gen', leadAccountId: USERS.dev, workflowKey: MOBILE_WORKFLOW_KEY, issueTypeIds: [TYPES.story, TYPES.bug, TYPES.incident], roleActors: ROLE_ACTORS.MOB },
    ],
    boards: [
      {
        id: 1, name: 'SHOP board', type: 'scrum', projectKey: 'SHOP', estimationFieldId: STORY_POINTS_FIELD,
        columns: [
          { name: 'To Do', statusIds: [STATUS.new, STATUS.accepted, STATUS.waiting] },
          { name: 'In Progress', statusIds: [STATUS.inProgress] },
          { name: 'Resolved', statusIds: [STATUS.resolved] },
          { name: 'Done', statusIds: [STATUS.verified, STATUS.closed] },
        ],
      },
      { id: 2, name: 'OPS kanban', type: 'kanban', projectKey: 'OPS', columns: [{ name: 'Open', statusIds: [STATUS.new, STATUS.accepted] }, { name: 'Doing', statusIds: [STATUS.inProgress, STATUS.waiting] }, { name: 'Done', statusIds: [STATUS.resolved, STATUS.verified, STATUS.closed] }] },
    ],
    sprints,
    issues,
    issueLinks,
    // A newcomer's first open of the dashboard shows figures: the capacity gadget as a scrum master
    // would set it up (SHOP board, active sprint, time, 6 in the trend, 3 for planning, project defaults).
    dashboardGadgets: [{ id: 'shop-capacity', moduleKey: 'capacity-gadget', configuration: { boardId: 1, sprint: 'active', measure: 'time', trendSprints: 6, planningSprints: 3, criteria: null } }],
  };
}

/**
 * Support work as a Scrum team does it, added after the issues are drawn (with a PRNG of its own,
 * so every issue above stays as it was): during sprints 3–6 the SHOP developers also help on
 * incidents and support requests that never enter a sprint (the unplanned queue), and a second
 * developer pairs on the bugs planned into the sprint (the planned queue). Each worklog falls inside
 * one sprint window and inside the time the issue was being worked on.
 */
function addSupportWork(issues: Issue[], sprints: Sprint[], ctx: Ctx): void {
  const rnd = prng(14);
  const team = [USERS.dev, USERS.dev2, USERS.dev3];
  const windows = sprints.filter((s) => s.id >= 3 && s.id <= 6 && s.startDate !== undefined && s.endDate !== undefined).map((s) => ({ id: s.id, start: Date.parse(s.startDate ?? ''), end: Math.min(Date.parse(s.endDate ?? ''), NOW - HOUR) }));
  const workedBetween = (issue: Issue): [number, number] | undefined => {
    const started = issue.changelog?.find((h) => h.items.some((i) => i.field === 'status' && i.to === STATUS.inProgress))?.created;
    if (started === undefined) return undefined;
    return [Date.parse(started), issue.resolutiondate == null ? NOW - HOUR : Date.parse(issue.resolutiondate)];
  };
  const log = (issue: Issue, author: string, from: number, to: number, halfHours: number, comment: string) => {
    const seconds = halfHours * 1800;
    if (to - from <= seconds * 1000) return;
    const started = from + Math.floor(rnd.next() * (to - from - seconds * 1000));
    issue.worklogs = [...(issue.worklogs ?? []), { id: String(ctx.ids.worklog++), author, started: iso(started), timeSpentSeconds: seconds, comment: adf(comment) }];
  };
  for (const issue of issues) {
    const worked = workedBetween(issue);
    if (!issue.key.startsWith('SHOP-') || worked === undefined) continue;
    const outsideSprints = (issue.sprintIds ?? []).length === 0 && (issue.issueTypeId === TYPES.incident || issue.issueTypeId === TYPES.support);
    const plannedBug = issue.issueTypeId === TYPES.bug && (issue.sprintIds ?? []).some((id) => id >= 3);
    if (!outsideSprints && !plannedBug) continue;
    for (const window of windows) {
      if (plannedBug && !(issue.sprintIds ?? []).includes(window.id)) continue;
      const from = Math.max(window.start, worked[0]);
      const to = Math.min(window.end, worked[1]);
      if (to <= from) continue;
      const helpers = team.filter((person) => person !== issue.assignee);
      if (outsideSprints) {
        log(issue, rnd.pick(helpers), from, to, rnd.int(2, 8), rnd.pick(['Paired on the investigation', 'Checked the logs with support', 'Hotfix review', 'Customer call']));
        if (rnd.chance(0.5)) log(issue, rnd.pick(team), from, to, rnd.int(1, 4), 'Follow-up after the incident');
      } else {
        log(issue, rnd.pick(helpers), from, to, rnd.int(2, 6), rnd.pick(['Pairing on the fix', 'Reproduced with the customer data', 'Code review and test']));
      }
    }
  }
}

function buildMinimal(): ScenarioInput {
  const t = (d: string) => `${d}T09:00:00+00:00`;
  return {
    ...base,
    site: { ...base.site, now: t('2026-11-20') },
    name: 'Firebreak minimal',
    description: 'One project, three users (one without access), a handful of issues.',
    users: [
      { accountId: USERS.reporter, displayName: 'Rita Reyes', role: 'reporter', projectPermissions: { SHOP: ['browse'] } },
      { accountId: USERS.dev, displayName: 'Devon Park', role: 'developer', projectPermissions: { SHOP: ['browse', 'edit', 'administer'] } },
      { accountId: USERS.ops, displayName: 'Otto Weber', role: 'no access to SHOP', projectPermissions: {} },
    ],
    groups: [
      { name: 'jira-software-users', groupId: 'b3c1d0e2-0001-4a5b-9c1d-0a1b2c3d4e01', members: [USERS.reporter, USERS.dev, USERS.ops] },
      { name: 'shop-developers', groupId: 'b3c1d0e2-0002-4a5b-9c1d-0a1b2c3d4e02', members: [USERS.dev] },
    ],
    projects: [
      {
        id: '10000', key: 'SHOP', name: 'Webshop', leadAccountId: USERS.dev, workflowKey: WORKFLOW_KEY, issueTypeIds: Object.values(TYPES),
        roleActors: { Administrators: { users: [USERS.dev] }, Developers: { groups: ['shop-developers'] }, Users: { groups: ['jira-software-users'] } },
      },
    ],
    boards: [{ id: 1, name: 'SHOP board', type: 'scrum', projectKey: 'SHOP', estimationFieldId: STORY_POINTS_FIELD, columns: [{ name: 'To Do', statusIds: [STATUS.new] }] }],
    sprints: [
      { id: 1, boardId: 1, name: 'SHOP Sprint 1', state: 'closed', startDate: t('2026-11-02'), endDate: t('2026-11-13'), completeDate: t('2026-11-13') },
      { id: 2, boardId: 1, name: 'SHOP Sprint 2', state: 'active', startDate: t('2026-11-16'), endDate: t('2026-11-27') },
    ],
    issues: [
      { id: '10001', key: 'SHOP-1', issueTypeId: TYPES.story, summary: 'As a shopper I can pay with a gift card', statusId: STATUS.inProgress, priorityId: '3', reporter: USERS.dev, assignee: USERS.dev, created: t('2026-11-03'), updated: t('2026-11-17'), labels: ['payments'], sprintIds: [1, 2], customFields: { [STORY_POINTS_FIELD]: 5 },
        worklogs: [{ id: '40001', author: USERS.dev, started: t('2026-11-10'), timeSpentSeconds: 7200 }, { id: '40002', author: USERS.dev, started: t('2026-11-17'), timeSpentSeconds: 3600 }],
        changelog: [{ id: '20001', author: USERS.dev, created: t('2026-11-04'), items: [{ field: 'status', fieldId: 'status', from: STATUS.new, fromString: 'New', to: STATUS.inProgress, toString: 'In Progress' }] }] },
      { id: '10002', key: 'SHOP-2', issueTypeId: TYPES.bug, summary: 'Checkout returns HTTP 500', description: adf('Steps: add to cart, pay.'), statusId: STATUS.new, priorityId: '2', reporter: USERS.reporter, created: t('2026-11-18'), updated: t('2026-11-18'), labels: ['checkout', 'customer-reported'],
        comments: [{ id: '30001', author: USERS.reporter, body: adf('Customer Acme GmbH is affected.'), created: t('2026-11-18') }] },
      { id: '10003', key: 'SHOP-3', issueTypeId: TYPES.incident, summary: 'Checkout outage', statusId: STATUS.resolved, priorityId: '1', resolutionId: '10000', reporter: USERS.reporter, assignee: USERS.dev, created: t('2026-11-18'), updated: t('2026-11-19'), resolutiondate: t('2026-11-19'),
        properties: { 'sandbox-note': { seeded: true } },
        changelog: [{ id: '20002', author: USERS.dev, created: t('2026-11-19'), items: [{ field: 'status', fieldId: 'status', from: STATUS.new, fromString: 'New', to: STATUS.resolved, toString: 'Resolved' }, { field: 'resolution', fieldId: 'resolution', from: null, fromString: null, to: '10000', toString: 'Done' }] }] },
      { id: '10004', key: 'SHOP-4', issueTypeId: TYPES.support, summary: 'Acme cannot download invoices', statusId: STATUS.waiting, priorityId: '3', reporter: USERS.reporter, created: t('2026-11-19'), updated: t('2026-11-19') },
    ],
    issueLinks: [{ id: '50001', typeId: '10004', inwardIssue: 'SHOP-3', outwardIssue: 'SHOP-2' }],
  };
}

function write(name: string, scenario: ScenarioInput): void {
  loadScenario(scenario); // never commit a scenario the loader rejects
  const path = fileURLToPath(new URL(`./${name}`, import.meta.url));
  const text = `${JSON.stringify(scenario, null, 1)}\n`;
  writeFileSync(path, text);
  console.log(`wrote ${path} (${(text.length / 1024).toFixed(0)} KiB, ${scenario.issues?.length ?? 0} issues)`);
}

write('demo.json', buildDemo());
write('minimal.json', buildMinimal());
