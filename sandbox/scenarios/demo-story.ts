/**
 * What a team would have done with Firebreak by the time a newcomer opens the demo: reports filed,
 * severities decided (and the policy applied with each decision), postmortems started, in review and
 * published. Played through the app's own resolvers as the demo's people, so everything stored has
 * the app's own shapes and the same permission checks; nothing is written behind the app's back.
 *
 * `npm start` plays it on the demo scenario; tests start from the bare scenario.
 */
import { DEFAULT_COMMENT_INTERVAL_MINUTES } from '../../src/contract/intake.values';
import { EMPTY_REPORT_FIELDS, type ReportFields, type ReportView } from '../../src/contract/report.contract';
import type { PostmortemEdit, PostmortemView } from '../../src/contract/postmortem.contract';
import type { IncidentLogView } from '../../src/contract/incident-log.contract';
import type { ProjectConfigView } from '../../src/contract/project-config.contract';
import type { AlertSourceSettings, MappingRule } from '../../src/contract/intake.contract';
import type { IntakeSecretResult, IntakeSourcesView } from '../../src/contract/intake-sources.contract';
import type { AlertSourceKind } from '../../src/domain/intake/incoming-alert';
import type { ResolverResult } from '../../src/contract/result';
import type { Sandbox } from '../sandbox';
import { seedSupportHistory } from './demo-support-history';

const RITA = 'acc-rita-support';
const DEVON = 'acc-devon-oncall';
const SAM = 'acc-sam-scrum';
const MIA = 'acc-mia-dev';
const OTTO = 'acc-otto-ops';
const LIAM = 'acc-liam-dev';

/** The module whose resolver every call goes through (all modules share the one resolver function). */
const VIA_MODULE = 'production-report-panel';

export interface DemoStory {
  readonly reported: readonly string[];
  readonly decided: readonly string[];
  readonly postmortems: ReadonlyArray<{ readonly id: string; readonly incident: string; readonly status: string }>;
  /** fixes (issue 15): the newer Checkout incident that flags the double charge's postmortem "Recurred". */
  readonly recurrence: string;
  /** issue 16: the incident reported and left for a visitor to triage (SHOP-155 is decided and worked now). */
  readonly awaitingTriage: string;
  /** intake (issue 17): SHOP's alert sources, one per kind, on its project settings page. */
  readonly alertSources: ReadonlyArray<{ readonly id: string; readonly name: string; readonly kind: AlertSourceKind }>;
  /** intake (issue 17): the incident checkout's latency alert opened (Medium, by rule), fired four times. */
  readonly alertIncident: string;
}

const call = async <T>(sandbox: Sandbox, accountId: string, functionKey: string, payload: unknown): Promise<T> => {
  const result = (await sandbox.runtime.invokeUi({ moduleKey: VIA_MODULE, functionKey, payload, accountId, extension: {} })) as ResolverResult<T>;
  if (!result.ok) throw new Error(`The demo story could not run ${functionKey} as ${accountId}: ${result.error.code} ${result.error.message}`);
  return result.data;
};

/** log part (issue 16): three entries in SHOP-155's incident log, written minutes ago (the demo lives in the present). */
const keepRoundingLog = async (sandbox: Sandbox): Promise<void> => {
  const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();
  const entries = [
    { by: MIA, text: 'First wrong total seen in the payments dashboard: baskets with 3+ discounted items are off by one cent.', link: 'https://grafana.example/d/payments', happenedAt: minutesAgo(40) },
    { by: DEVON, text: 'Checked checkout-api on web-1..3: all run build 2031, deployed this morning with the new rounding library.', link: null, happenedAt: minutesAgo(25) },
    { by: DEVON, text: 'Rolling back checkout-api from build 2031 to 2030 on web-1..3.', link: null, happenedAt: minutesAgo(10) },
  ];
  for (const [index, { by, ...entry }] of entries.entries()) {
    await call(sandbox, by, 'log/add', { issueKey: 'SHOP-155', submissionId: `${'d'.repeat(31)}${String(index + 1)}`, ...entry });
  }
};

/** The first playbook steps Devon has done on SHOP-155, in the order the level's playbook lists them. */
const ROUNDING_STEPS_DONE = 3;

/**
 * issue 16: the team works SHOP-155, decided Critical (all hands). Sam and Mia use Follow updates
 * (they become watchers, so the audience is more than the reporter); Devon ticks the playbook's first
 * steps (each tick joins the incident log) and posts the first stakeholder update, within the 30
 * minutes the level's cadence gives, to the level's audience through Jira's notify API. Nothing is
 * disputed yet: a visitor can dispute the Critical and Sam (SHOP's Administrators) rules.
 */
const workRoundingIncident = async (sandbox: Sandbox): Promise<void> => {
  for (const follower of [SAM, MIA]) await call(sandbox, follower, 'updates/follow', { issueKey: 'SHOP-155', follow: true });
  const log = await call<IncidentLogView>(sandbox, DEVON, 'log/get', { issueKey: 'SHOP-155' });
  const steps = log.playbook?.steps ?? [];
  if (steps.length < ROUNDING_STEPS_DONE) throw new Error('The demo story expected SHOP-155 to show the Critical playbook.');
  for (const step of steps.slice(0, ROUNDING_STEPS_DONE)) await call(sandbox, DEVON, 'log/tickStep', { issueKey: 'SHOP-155', step: step.key, done: true });
  await call(sandbox, DEVON, 'updates/post', {
    issueKey: 'SHOP-155',
    actionId: 'demo-update-shop-155',
    nothingNew: false,
    text: 'Card totals are one cent short on baskets with three or more discounted items since this morning’s checkout release. We are rolling it back now; the difference will be corrected on the affected orders.',
  });
};

/**
 * Sam sets SHOP's on-call rotation: Devon, Mia and Liam a week each, handing over on Mondays at 09:00
 * UTC, started so that this week is Devon's; Liam covers two days of Mia's next week. The report
 * panel shows "On call now: Devon Park, until …" and the settings card shows the rotation.
 */
const seedOnCallRotation = async (sandbox: Sandbox): Promise<void> => {
  const now = new Date();
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 9));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  if (monday.getTime() > now.getTime()) monday.setUTCDate(monday.getUTCDate() - 7);
  const wall = (daysAfterMonday: number, hour: number): string => {
    const day = new Date(monday.getTime() + daysAfterMonday * 86_400_000);
    day.setUTCHours(hour);
    return day.toISOString().slice(0, 16);
  };
  const settings = await call<ProjectConfigView>(sandbox, SAM, 'config/getProject', { projectKey: 'SHOP' });
  await call<ProjectConfigView>(sandbox, SAM, 'config/saveProject', {
    projectKey: 'SHOP',
    config: {
      ...settings.config,
      onCall: { people: [DEVON, MIA, LIAM], shift: { length: 'week' }, startsAt: wall(0, 9), timeZone: 'UTC', swaps: [{ from: wall(9, 0), to: wall(11, 0), covering: LIAM, coveredFor: MIA }] },
    },
    baseVersion: settings.version,
  });
};

const report = (overrides: Partial<ReportFields>): ReportFields => ({ ...EMPTY_REPORT_FIELDS, ...overrides });

const INCIDENT_REPORTS: Readonly<Record<string, { readonly fields: ReportFields; readonly reporterSeverity: string }>> = {
  'SHOP-155': {
    reporterSeverity: 'critical',
    fields: report({
      stepsToReproduce: '1. Log in as buyer@acme.test (role: buyer)\n2. Put two items in the cart\n3. Pay by card',
      actualResult: 'Totals are rounded down by one cent per line; the card is charged the rounded amount.',
      expectedResult: 'The charged total equals the sum of the line prices.',
      environment: 'Production, all browsers, EU and US regions',
      customers: 'Acme Retail, Globex',
      affectedUsers: 3400,
      product: 'Payments',
      raisedVia: 'customer',
      workaround: 'no',
    }),
  },
  'SHOP-121': {
    reporterSeverity: 'major',
    fields: report({
      stepsToReproduce: '1. Log in as any shopper\n2. Pay by card\n3. When the spinner hangs, press Pay again',
      actualResult: 'The card is charged twice; two orders are created.',
      expectedResult: 'One charge and one order, whatever the number of clicks.',
      environment: 'Production, Chrome and Safari, EU region',
      customers: 'Initech, Umbrella Retail',
      affectedUsers: 180,
      product: 'Checkout',
      // A support agent heard it first and honestly does not know a workaround yet: both are answers.
      raisedVia: 'support-agent',
      workaround: 'unknown',
    }),
  },
  'SHOP-99': {
    reporterSeverity: 'major',
    fields: report({
      stepsToReproduce: '1. Open any category page as a guest\n2. Compare the list price with the product page',
      actualResult: 'Category prices are rounded to whole euros; product pages show cents.',
      expectedResult: 'The same price, to the cent, on both pages.',
      environment: 'Production, all browsers',
      customers: 'All shoppers',
      affectedUsers: 12000,
      product: 'Catalog',
      raisedVia: 'product-owner',
      workaround: 'yes',
      workaroundDescription: 'The product page and the checkout show the right price.',
    }),
  },
};

/**
 * issue 16: with SHOP-155 decided and worked, OPS-35 is the incident a visitor finds reported and
 * awaiting triage (its reporter, Otto, picked Major; a triager of OPS decides).
 */
const AWAITING_TRIAGE = {
  issueKey: 'OPS-35',
  reporterSeverity: 'major',
  fields: report({
    stepsToReproduce: '1. Put any item in the cart\n2. Go to checkout as a guest\n3. Press Continue to payment',
    actualResult: 'About one request in five answers HTTP 500 and the shopper lands on an error page.',
    expectedResult: 'The payment page opens every time.',
    environment: 'Production, all browsers, EU region',
    customers: 'Guest shoppers',
    affectedUsers: 900,
    product: 'Checkout',
    raisedVia: 'monitoring',
    workaround: 'yes',
    workaroundDescription: 'Pressing Continue again usually works.',
  }),
} as const;

/** Severities the on-call triager decided, with the reason the report panel shows. */
const DECISIONS: Readonly<Record<string, { readonly level: string; readonly reason: string }>> = {
  'SHOP-121': { level: 'critical', reason: 'Customers are charged twice: money is taken wrongly, so it is Critical whatever the count.' },
  'SHOP-99': { level: 'major', reason: '' },
  // issue 16: the rounding incident is all hands (Critical: a playbook, stakeholder updates every 30 minutes).
  'SHOP-155': { level: 'critical', reason: 'Every card payment in both regions is charged the wrong amount: money is taken wrongly, so all hands.' },
};

/**
 * Production bugs the team planned into sprints 3–6 (customer-reported or regressions), reported,
 * decided and classified as defects by the triager: with the incidents worked outside the sprint,
 * the capacity gadget's two queues of support work.
 */
// SHOP-49 and SHOP-52, carried over from sprint 2, were fixed before the team reported through
// Firebreak: they are not classified, so sprint 3 planned 3 support items, sprint 4 four and sprint 5
// two, and the planning aid can learn what one costs.
const PLANNED_BUGS: Readonly<Record<string, { readonly level: 'medium' | 'minor'; readonly product: string }>> = {
  'SHOP-58': { level: 'minor', product: 'Login' },
  'SHOP-73': { level: 'medium', product: 'Search' },
  'SHOP-83': { level: 'medium', product: 'Payments' },
  'SHOP-89': { level: 'minor', product: 'Promotions' },
  'SHOP-100': { level: 'minor', product: 'Promotions' },
  'SHOP-112': { level: 'medium', product: 'Login' },
  'SHOP-116': { level: 'minor', product: 'Promotions' },
  'SHOP-140': { level: 'medium', product: 'Catalog' },
  'SHOP-144': { level: 'minor', product: 'Login' },
};

const plannedBugReport = (product: string): ReportFields =>
  report({
    stepsToReproduce: `1. Log in as buyer@acme.test\n2. Open ${product}\n3. Repeat the customer's steps from the ticket`,
    actualResult: 'The page shows the wrong result for some shoppers.',
    expectedResult: 'The same result as on staging.',
    environment: 'Production, all browsers',
    customers: 'Acme Retail',
    affectedUsers: 40,
    product,
    raisedVia: 'customer',
    workaround: 'yes',
  });

const edit = (view: PostmortemView, change: Partial<PostmortemEdit>): PostmortemEdit => {
  const { title, severity, owner, incidents, artifacts, summary, customerImpact, impact, timeline, answers, actions, remediation } = view.postmortem;
  return { title, severity, owner, incidents, artifacts, summary, customerImpact, impact, timeline, answers, actions, remediation, ...change };
};

/** Calls the demo site's Jira as a person, as their browser would; throws on anything but success. */
const jira = async <T>(sandbox: Sandbox, accountId: string, method: string, path: string, body: unknown): Promise<T> => {
  const answer = await sandbox.jira.handle({ kind: 'user', accountId }, { method, path, body: JSON.stringify(body) });
  if (answer.status >= 300) throw new Error(`The demo story could not ${method} ${path} as ${accountId}: ${String(answer.status)} ${answer.body}`);
  return (answer.body === '' ? undefined : JSON.parse(answer.body)) as T;
};

/** Sprint 7 (planned, goal: gift cards) and the production bugs Sam plans into it. */
const NEXT_SPRINT = 7;
const NEXT_SPRINT_BUGS: ReadonlyArray<{ readonly key?: string; readonly summary?: string; readonly level: 'medium' | 'minor'; readonly product: string }> = [
  { key: 'SHOP-152', level: 'minor', product: 'Login' },
  { summary: 'Gift card balance shows 0 after a partial refund', level: 'medium', product: 'Payments' },
];

/**
 * Planning sprint 7: Rita reports a gift card bug, Devon triages both production bugs as defects,
 * and Sam plans them into the sprint. The capacity gadget, set to sprint 7, plans feature work with
 * those two support items in the plan and the on-call people away ("the superhero").
 */
const planNextSprint = async (sandbox: Sandbox): Promise<void> => {
  for (const bug of NEXT_SPRINT_BUGS) {
    const issueKey =
      bug.key ??
      (await jira<{ key: string }>(sandbox, RITA, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'SHOP' }, issuetype: { name: 'Bug' }, summary: bug.summary ?? '' } })).key;
    const saved = await call<ReportView>(sandbox, RITA, 'report/save', { issueKey, fields: plannedBugReport(bug.product), reporterSeverity: bug.level, baseRevision: 0 });
    const decided = await call<ReportView>(sandbox, DEVON, 'triage/decideSeverity', { issueKey, level: bug.level, reason: '', baseRevision: saved.report?.revision ?? 0 });
    await call<ReportView>(sandbox, DEVON, 'triage/classify', { issueKey, level: 'code-or-data', kind: 'defect', classOfService: 'bug-next-maintenance', baseRevision: decided.report?.revision ?? 0 });
    await jira(sandbox, SAM, 'PUT', `/rest/api/3/issue/${issueKey}`, { fields: { [sandbox.scenario.site.sprintFieldId]: NEXT_SPRINT } });
  }
};

/** fixes (issue 15): a newer incident on the double charge's product, reported and decided; returns its key. */
async function reportRecurrence(sandbox: Sandbox): Promise<string> {
  const { key } = await jira<{ key: string }>(sandbox, RITA, 'POST', '/rest/api/3/issue', {
    fields: { project: { key: 'SHOP' }, issuetype: { name: 'Incident' }, summary: 'Shoppers charged twice again when 3-D Secure is slow' },
  });
  const saved = await call<ReportView>(sandbox, RITA, 'report/save', {
    issueKey: key,
    fields: report({
      stepsToReproduce: '1. Pay by card with a 3-D Secure card\n2. When the bank page is slow, press Pay again',
      actualResult: 'The card is charged twice.',
      expectedResult: 'One charge, whatever the number of clicks.',
      environment: 'Production, Safari, EU region',
      customers: 'Umbrella Retail',
      affectedUsers: 12,
      product: 'Checkout',
      raisedVia: 'support-agent',
      workaround: 'unknown',
    }),
    reporterSeverity: 'minor',
    baseRevision: 0,
  });
  await call<ReportView>(sandbox, DEVON, 'triage/decideSeverity', { issueKey: key, level: 'minor', reason: 'Twelve shoppers, all refunded the same day.', baseRevision: saved.report?.revision ?? 0 });
  await sandbox.runtime.drain();
  return key;
}

/** A rule "when <label> equals <value>, set <target> to <to>", with an id made from its name. */
const rule = (name: string, label: string, equals: string, set: MappingRule['set'], to: string): MappingRule => ({
  id: name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40),
  name,
  when: { label, equals },
  set,
  value: to,
});

/**
 * intake (issue 17): Sam, SHOP's admin, connected one sender of each kind to SHOP; each opens
 * Incidents, with rules a team would write (levels taken from SHOP's policy, most severe first), and
 * Dependabot with CVSS's own bands and the remediation windows of issue 17 (15 days for the top
 * level … 90 for the lowest). Only checkout's latency alert has fired (`raiseLatencyAlert`): a
 * visitor sends a test alert from the page (or `POST /__control/intake/test-alert`) and finds the
 * incident it opens. Returns each source with its secret (shown once, to Sam) for the story's own use.
 */
const connectAlertSources = async (sandbox: Sandbox): Promise<Array<DemoStory['alertSources'][number] & { readonly secret: string; readonly url: string }>> => {
  const view = await call<IntakeSourcesView>(sandbox, SAM, 'intake/list', { projectKey: 'SHOP' });
  const level = (index: number): string => {
    const found = view.levels[Math.min(index, view.levels.length - 1)];
    if (found === undefined) throw new Error('The demo story expected SHOP to have a severity policy.');
    return found.id;
  };
  const incident = view.issueTypes.find((type) => type.name === 'Incident');
  if (incident === undefined) throw new Error('The demo story expected SHOP to have the Incident issue type.');
  const [top, second, third, lowest] = [level(0), level(1), level(2), level(3)];
  const cvssBands: ReadonlyArray<readonly [number, string, number]> = [
    [9, top, 15],
    [7, second, 30],
    [4, third, 60],
    [0.1, lowest, 90],
  ];
  const unique = cvssBands.filter(([, name], index) => cvssBands.findIndex(([, other]) => other === name) === index);
  const hourly = DEFAULT_COMMENT_INTERVAL_MINUTES;
  const sources: ReadonlyArray<Omit<AlertSourceSettings, 'issueTypeId'>> = [
    {
      name: 'Checkout Alertmanager',
      kind: 'alertmanager',
      rules: [
        rule('Pages are critical', 'severity', 'page', 'severity', top),
        rule('Warnings are medium', 'severity', 'warning', 'severity', third),
        rule('Production environment', 'env', 'production', 'environment', 'Production, EU and US regions'),
      ],
      commentIntervalMinutes: 30,
      advisory: null,
    },
    { name: 'Storefront Grafana', kind: 'grafana', rules: [rule('Pages are critical', 'severity', 'page', 'severity', top)], commentIntervalMinutes: hourly, advisory: null },
    {
      name: 'Storefront Sentry',
      kind: 'sentry',
      rules: [rule('Fatal errors are critical', 'level', 'fatal', 'severity', top), rule('Errors are major', 'level', 'error', 'severity', second)],
      commentIntervalMinutes: hourly,
      advisory: null,
    },
    { name: 'Payments Honeybadger', kind: 'honeybadger', rules: [rule('Production faults are major', 'environment', 'production', 'severity', second)], commentIntervalMinutes: hourly, advisory: null },
    {
      name: 'Shop dependencies',
      kind: 'dependabot',
      rules: [],
      commentIntervalMinutes: 24 * 60,
      advisory: { cvssTable: unique.map(([from, name]) => ({ name, from })), remediationDays: Object.fromEntries(unique.map(([, name, days]) => [name, days])) },
    },
    { name: 'Uptime checks', kind: 'generic', rules: [rule('Pages are critical', 'severity', 'page', 'severity', top)], commentIntervalMinutes: hourly, advisory: null },
  ];
  const made: Array<DemoStory['alertSources'][number] & { readonly secret: string; readonly url: string }> = [];
  for (const settings of sources) {
    const created = await call<IntakeSecretResult>(sandbox, SAM, 'intake/save', { projectKey: 'SHOP', sourceId: null, settings: { ...settings, issueTypeId: incident.id }, baseVersion: 0 });
    const url = created.view.sources.find((source) => source.id === created.sourceId)?.url ?? null;
    if (created.secret === null || url === null) throw new Error(`The demo story's alert source “${settings.name}” got no secret or URL.`);
    made.push({ id: created.sourceId, name: settings.name, kind: settings.kind, secret: created.secret, url });
  }
  return made;
};

/**
 * intake (issue 17): before the visitor came, checkout's latency alert fired four times (it flapped:
 * each firing a new `startsAt`), each an Alertmanager webhook to the source's URL with its bearer
 * token, as `http_config.authorization` sends it, through Forge's web trigger to the app. The first
 * opened an incident, Medium by the rule "Warnings are medium" with its policy applied; the repeats
 * counted on it (the first repeat commented, the rest fell within the 30-minute interval).
 * Returns the incident's key.
 */
const raiseLatencyAlert = async (sandbox: Sandbox, source: { readonly id: string; readonly secret: string; readonly url: string }): Promise<string> => {
  const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();
  const labels = { alertname: 'CheckoutLatencyHigh', service: 'checkout', severity: 'warning', env: 'production', instance: 'checkout-api' };
  const annotations = { summary: 'Checkout p95 latency above 2 s', description: 'The 95th percentile of POST /checkout took 2.4 s over the last 10 minutes (threshold 2 s).' };
  for (const startedMinutesAgo of [50, 35, 20, 5]) {
    const alert = {
      status: 'firing',
      labels,
      annotations,
      startsAt: minutesAgo(startedMinutesAgo),
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'https://prometheus.example.com/graph?g0.expr=histogram_quantile%280.95%2C+checkout_request_seconds_bucket%29+%3E+2',
      fingerprint: 'c4ec0a7e1a7e0c1e',
    };
    const body = JSON.stringify({
      version: '4',
      groupKey: '{}:{alertname="CheckoutLatencyHigh"}',
      truncatedAlerts: 0,
      status: 'firing',
      receiver: 'firebreak',
      groupLabels: { alertname: 'CheckoutLatencyHigh' },
      commonLabels: labels,
      commonAnnotations: annotations,
      externalURL: 'https://alertmanager.example.com',
      alerts: [alert],
    });
    const answer = await sandbox.runtime.webTriggers.receive({
      method: 'POST',
      path: new URL(source.url).pathname,
      headers: { 'Content-Type': ['application/json'], Authorization: [`Bearer ${source.secret}`], 'User-Agent': ['Alertmanager/0.28.1'] },
      queryParameters: {},
      body,
    });
    if (answer.status !== 202) throw new Error(`The demo story's latency alert was refused: ${String(answer.status)} ${answer.body}`);
    await sandbox.runtime.drain();
  }
  const found = await jira<{ issues: Array<{ key: string }> }>(sandbox, SAM, 'POST', '/rest/api/3/search/jql', { jql: 'project = SHOP AND labels = "firebreak-alert" ORDER BY created DESC', fields: ['summary'], maxResults: 1 });
  const key = found.issues[0]?.key;
  if (key === undefined) throw new Error('The demo story\'s latency alert opened no incident.');
  return key;
};

/** Plays the story; throws, naming the step, if the app refuses any of it. */
export async function playDemoStory(sandbox: Sandbox): Promise<DemoStory> {
  const revisions = new Map<string, number>();
  const reportRevision = (issueKey: string) => revisions.get(issueKey) ?? 0;

  for (const [issueKey, { fields, reporterSeverity }] of Object.entries(INCIDENT_REPORTS)) {
    const view = await call<ReportView>(sandbox, RITA, 'report/save', { issueKey, fields, reporterSeverity, baseRevision: reportRevision(issueKey) });
    revisions.set(issueKey, view.report?.revision ?? 0);
  }
  for (const [issueKey, { level, reason }] of Object.entries(DECISIONS)) {
    const view = await call<ReportView>(sandbox, DEVON, 'triage/decideSeverity', { issueKey, level, reason, baseRevision: reportRevision(issueKey) });
    revisions.set(issueKey, view.report?.revision ?? 0);
  }
  // SHOP-121 went through the whole Definition of Ready: classified and reproduced.
  const classified = await call<ReportView>(sandbox, DEVON, 'triage/classify', {
    issueKey: 'SHOP-121',
    level: 'code-or-data',
    kind: 'incident',
    classOfService: 'emergency',
    baseRevision: reportRevision('SHOP-121'),
  });
  revisions.set('SHOP-121', classified.report?.revision ?? 0);
  const reproduced = await call<ReportView>(sandbox, DEVON, 'dor/checkItem', {
    issueKey: 'SHOP-121',
    itemId: 'reproduced-internally',
    checked: true,
    note: 'Reproduced on staging by double-clicking Pay with a 10 s gateway delay.',
    baseRevision: reportRevision('SHOP-121'),
  });
  revisions.set('SHOP-121', reproduced.report?.revision ?? 0);
  // Sam limits support work in progress in SHOP: with SHOP-121 in progress, emergencies are at their limit.
  const settings = await call<ProjectConfigView>(sandbox, SAM, 'config/getProject', { projectKey: 'SHOP' });
  await call<ProjectConfigView>(sandbox, SAM, 'config/saveProject', {
    projectKey: 'SHOP',
    config: { ...settings.config, wipLimits: { limits: { emergency: 1, 'bug-asap': 3 }, topSeverityExempt: false } },
    baseVersion: settings.version,
  });
  await seedOnCallRotation(sandbox);
  // part: updates (issue 16): Mia, who works the double charge, told its stakeholders where it stands.
  await call(sandbox, MIA, 'updates/post', {
    issueKey: 'SHOP-121',
    actionId: 'demo-update-shop-121',
    nothingNew: false,
    text: 'Double charges come from a second Pay click while the gateway is slow. Pay is disabled after the first click on production; refunds for the 14 affected orders are under way.',
  });
  for (const [issueKey, { level, product }] of Object.entries(PLANNED_BUGS)) {
    const saved = await call<ReportView>(sandbox, RITA, 'report/save', { issueKey, fields: plannedBugReport(product), reporterSeverity: level, baseRevision: 0 });
    const decided = await call<ReportView>(sandbox, DEVON, 'triage/decideSeverity', { issueKey, level, reason: '', baseRevision: saved.report?.revision ?? 0 });
    await call<ReportView>(sandbox, DEVON, 'triage/classify', { issueKey, level: 'code-or-data', kind: 'defect', classOfService: 'bug-next-maintenance', baseRevision: decided.report?.revision ?? 0 });
  }
  await planNextSprint(sandbox);
  // Each decision applied its policy (priority, due times, one comment); the trigger runs on the events too and finds nothing left.
  await sandbox.runtime.drain();

  // The double charge is mitigated; Devon has the postmortem in review, with its actions filed.
  let doubleCharge = await call<PostmortemView>(sandbox, DEVON, 'postmortem/start', { issueKey: 'SHOP-121' });
  doubleCharge = await call<PostmortemView>(sandbox, DEVON, 'postmortem/save', {
    id: doubleCharge.postmortem.id,
    baseRevision: doubleCharge.postmortem.revision,
    edit: edit(doubleCharge, {
      summary: 'For 35 minutes, a card payment whose confirmation took longer than 8 seconds could be submitted twice; the payment service had no idempotency key on retries.',
      customerImpact: '180 shoppers were charged twice; all duplicate charges were refunded within a day.',
      impact: { started: '2026-10-29T19:50:00.000Z', detected: '2026-10-29T20:10:00.000Z', mitigated: '2026-10-29T20:25:00.000Z', resolved: '2026-10-30T09:00:00.000Z', timeZone: 'Europe/Berlin', usersAffected: 180 },
      artifacts: [{ label: 'Payments dashboard', url: 'https://grafana.example/d/payments' }],
      answers: {
        detect: 'Alert when the same card and basket are charged twice within 10 minutes.',
        react: 'Page the payments owner directly instead of the general on-call rotation.',
        quickFix: 'A feature flag that disables the Pay button while a payment is pending.',
        prevent: 'Send an idempotency key with every payment request, and test retries in CI.',
        otherRisks: 'Refunds and subscription renewals call the same endpoint without a key.',
      },
      actions: [
        // Triaged by the team (the server records who decided and when): two accepted and filed, one deferred.
        { id: 'a-idempotency', title: 'Send an idempotency key with every payment request', owner: MIA, dueDate: '2026-12-04', question: 'prevent', issueKey: null, triage: { decision: 'accepted', reason: '', by: DEVON, at: '2026-10-30T10:00:00.000Z' } },
        { id: 'a-double-charge-alert', title: 'Alert on duplicate charges for the same basket', owner: DEVON, dueDate: '2026-12-11', question: 'detect', issueKey: null, triage: { decision: 'accepted', reason: '', by: DEVON, at: '2026-10-30T10:00:00.000Z' } },
        { id: 'a-renewals', title: 'Add idempotency keys to subscription renewals', owner: MIA, dueDate: '2027-03-31', question: 'otherRisks', issueKey: null, triage: { decision: 'deferred', reason: 'Renewals move to the new billing service next quarter.', by: DEVON, at: '2026-10-30T10:00:00.000Z' } },
      ],
      remediation: [
        { id: 'r-refunds', title: 'Refund the 180 duplicate charges and email each shopper', owner: RITA, priority: 'high', done: true },
        // format part (issue 15): still open, for a newcomer to file as its own Jira issue with a Jira priority.
        { id: 'r-statement-note', title: 'Add a note to affected shoppers’ next statement explaining the refund', owner: RITA, priority: 'medium', done: false },
      ],
      // format part (issue 15): contributing factors and lessons learned.
      contributingFactors: [
        { id: 'f-no-idempotency', text: 'Payment retries carried no idempotency key', category: 'change' },
        { id: 'f-slow-confirmation', text: 'Confirmations slower than 8 seconds left the Pay button active', category: 'tooling' },
        { id: 'f-no-duplicate-alert', text: 'No alert on duplicate charges; a shopper told support first', category: 'monitoring' },
      ],
      wentWell: 'Support recognised the pattern from two tickets and paged payments within 20 minutes; refunds went out the next morning.',
      gotLucky: 'It happened on a weekday evening, not during the Black Friday peak a month later.',
    }),
  });
  for (const actionId of ['a-idempotency', 'a-double-charge-alert']) {
    doubleCharge = await call<PostmortemView>(sandbox, DEVON, 'postmortem/createActionIssue', { id: doubleCharge.postmortem.id, actionId, idempotencyKey: `demo-story-${actionId}`, baseRevision: doubleCharge.postmortem.revision });
  }
  // Review (part "review"): Devon asked Mia to review it and she approved, so Devon can publish it in the demo.
  doubleCharge = await call<PostmortemView>(sandbox, DEVON, 'postmortem/setReviewers', { id: doubleCharge.postmortem.id, reviewers: [MIA], baseRevision: doubleCharge.postmortem.revision });
  doubleCharge = await call<PostmortemView>(sandbox, DEVON, 'postmortem/setStatus', { id: doubleCharge.postmortem.id, to: 'in-review', baseRevision: doubleCharge.postmortem.revision });
  doubleCharge = await call<PostmortemView>(sandbox, MIA, 'postmortem/approve', { id: doubleCharge.postmortem.id, baseRevision: doubleCharge.postmortem.revision });

  // fixes (issue 15): a week later the double charge is back on Checkout. Rita reports it; Devon's
  // decision updates the issue, the trigger's recurrence watch matches the product, and the double
  // charge's postmortem shows "Recurred" with a link to the new incident, whose panel points back.
  const recurrence = await reportRecurrence(sandbox);

  // log part (issue 16): while SHOP-155 is open, Devon and Mia keep its incident log; the entries
  // show newest first in its Production report panel and on its postmortem's timeline.
  await keepRoundingLog(sandbox);
  await workRoundingIncident(sandbox);

  // Sam has started the rounding incident's postmortem already, a draft with the timeline only: the
  // log, the playbook ticks and the stakeholder update are on it.
  const rounding = await call<PostmortemView>(sandbox, SAM, 'postmortem/start', { issueKey: 'SHOP-155' });

  // issue 16: Otto, from operations, filled in OPS-35's report just now; it waits for a triager, for a visitor to decide.
  await call<ReportView>(sandbox, OTTO, 'report/save', { ...AWAITING_TRIAGE, baseRevision: 0 });

  // What the team recorded on its resolved support issues before today, for the gadget's Health view.
  await seedSupportHistory(sandbox);

  // disputes (issue 16 part 4): Mia thinks the double charge is Major (few shoppers, all refunded)
  // and disputes Devon's Critical; the ruling is the Administrators' (Sam's) to make, within 30 minutes.
  await call<unknown>(sandbox, MIA, 'dispute/open', {
    issueKey: 'SHOP-121',
    level: 'major',
    reason: 'Only shoppers who double-click Pay on a slow gateway are charged twice, and every one was refunded the next morning.',
  });

  // intake (issue 17): SHOP's alert sources, one per kind, ready for a test alert.
  const alertSources = await connectAlertSources(sandbox);
  const alertmanager = alertSources.find((source) => source.kind === 'alertmanager');
  if (alertmanager === undefined) throw new Error('The demo story connected no Alertmanager.');
  const alertIncident = await raiseLatencyAlert(sandbox, alertmanager);

  return {
    reported: Object.keys(INCIDENT_REPORTS),
    decided: Object.keys(DECISIONS),
    postmortems: [doubleCharge, rounding].map((view) => ({ id: view.postmortem.id, incident: view.postmortem.incidents[0] ?? '', status: view.postmortem.status })),
    recurrence,
    awaitingTriage: AWAITING_TRIAGE.issueKey,
    alertSources: alertSources.map(({ id, name, kind }) => ({ id, name, kind })),
    alertIncident,
  };
}
