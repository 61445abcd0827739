/**
 * The capacity gadget's scale targets (issue 14, "Scale and cost"), measured through the whole
 * `capacity/compute` resolver as the gadget calls it, on boards whose support issues carry the
 * app's own classification records (as a triage save leaves them). Printed by `npm run bench`; run
 * alone with `npx tsx test/bench/capacity-bench.ts`. It asserts nothing: it prints each figure
 * beside its target and whether it is met.
 *   1. The default view (active sprint, 6 in the trend, 3 for planning) of a board of 7 sprints ×
 *      100 and × 1,000 issues: the first view, then a later one.
 *   2. A board of 7 sprints × 5,000 issues: the first view hands the closed sprints to the
 *      `sprint-facts` background job (Forge async events, on Forge's own schedule), and the views
 *      after it answer from the cache.
 * With BENCH_TRACE set, each view and the job print a line as they end (on stderr).
 */
import type { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';

import type { CapacityView } from '../../src/contract/capacity.contract';
import type { ResolverResult } from '../../src/contract/result';
import { MAX_REQUESTS_IN_FLIGHT } from '../../src/jira/in-flight-limit';
import { MINIMAL_SCENARIO_PATH, type ScenarioInput } from '../../sandbox/jira';
import { Sandbox } from '../../sandbox/sandbox';
import { seedAppRecord } from '../support/facts-scenario';
import { table } from './table';

const HOUR = 3600;
const DAY = 86_400_000;
/** Sprints that started: 6 closed and the active one. A planned sprint follows them. */
const SPRINTS = 7;
const TEAM = ['acc-devon-oncall', 'acc-rita-support'];
const VIEWER = 'acc-devon-oncall';
const GADGET = 'capacity-gadget';
/** The gadget's defaults (static/src/shared/gadget-configuration.ts). */
const DEFAULT_VIEW = { boardId: 1, sprint: 'active', measure: 'time', trendSprints: 6, planningSprints: 3, criteria: null } as const;
/** Forge's resolver limit. @see https://developer.atlassian.com/platform/forge/limits-invocation/ */
const RESOLVER_LIMIT_MS = 25_000;
/** Forge's default rate-limit tier for Jira: points per hour for the whole app, across all customers. */
const POINTS_PER_HOUR = 65_000;

/** Both speeds; `BENCH_LATENCY=150` (say) measures at one only, for a quicker look while working. */
const SPEEDS: ReadonlyArray<{ readonly label: string; readonly latencyMs: number }> = [
  { label: '0 ms', latencyMs: 0 },
  { label: '150 ms', latencyMs: 150 },
].filter((speed) => process.env['BENCH_LATENCY'] === undefined || String(speed.latencyMs) === process.env['BENCH_LATENCY']);

/** The app's record of a support issue, as a triage save leaves it. */
interface Classified {
  readonly id: string;
  readonly key: string;
  readonly search: { readonly decidedSeverity: string; readonly kind: string; readonly classOfService?: string };
}

/**
 * Board 1 with 7 two-week sprints of `size` issues each (6 closed, the last active 3 days in) and a
 * planned sprint of `size / 10`. In each sprint every third issue is a bug the app classified as a
 * defect (Major or Minor), every tenth has 25 worklogs (more than Jira embeds), the rest 2; 70 % of
 * a closed sprint's issues were resolved in it. Per sprint, `size / 20` incidents outside any
 * sprint carry the team's work (the unplanned queue), each classified Critical or Major.
 */
export const capacityBoard = (size: number): { readonly scenario: ScenarioInput; readonly classified: readonly Classified[] } => {
  const base = JSON.parse(readFileSync(MINIMAL_SCENARIO_PATH, 'utf8')) as ScenarioInput & { issues: Array<Record<string, unknown>>; site: { now: string } };
  const template = base.issues[0] as Record<string, unknown>;
  const now = Date.parse(base.site.now);
  const activeStart = now - 3 * DAY;
  const startOf = (index: number): number => activeStart - (SPRINTS - 1 - index) * 14 * DAY;
  const iso = (ms: number): string => new Date(ms).toISOString().replace('Z', '+00:00');
  const sprints: Array<Record<string, unknown> & { id: number; state: string; startDate?: string }> = Array.from({ length: SPRINTS }, (_, index) => {
    const active = index === SPRINTS - 1;
    const end = startOf(index) + 14 * DAY;
    return { id: index + 1, boardId: 1, name: `SHOP Sprint ${String(index + 1)}`, state: active ? 'active' : 'closed', startDate: iso(startOf(index)), endDate: iso(end), ...(active ? {} : { completeDate: iso(end) }) };
  });
  sprints.push({ id: SPRINTS + 1, boardId: 1, name: `SHOP Sprint ${String(SPRINTS + 1)}`, state: 'future' });
  let worklogId = 100_000;
  let issueId = 30_000;
  const issues: Array<Record<string, unknown>> = [];
  const classified: Classified[] = [];
  const add = (fields: Record<string, unknown>, search?: Classified['search']): void => {
    issueId += 1;
    const id = String(issueId);
    const key = `SHOP-${String(issueId - 30_000)}`;
    issues.push({ ...template, id, key, labels: [], changelog: [], comments: [], properties: {}, customFields: {}, worklogs: [], sprintIds: [], ...fields });
    if (search !== undefined) classified.push({ id, key, search });
  };
  for (const sprint of sprints) {
    const planned = sprint.state === 'future';
    const start = sprint.startDate === undefined ? now : Date.parse(sprint.startDate);
    // Worklogs in the middle of the window, so the one-day widening of worklogDate finds no neighbours.
    const worklog = (author: string, index: number) => ({ id: String(++worklogId), author, started: iso(start + DAY + (index % 2) * DAY + 3 * HOUR * 1000), timeSpentSeconds: HOUR / 2 });
    const count = planned ? Math.max(10, size / 10) : size;
    for (let index = 0; index < count; index += 1) {
      const bug = index % 3 === 0;
      const resolved = sprint.state === 'closed' && index % 10 < 7;
      add(
        {
          issueTypeId: bug ? '10002' : '10001',
          summary: `Sprint ${String(sprint.id)} issue ${String(index + 1)}`,
          sprintIds: [sprint.id],
          customFields: { customfield_10042: (index % 5) + 1 },
          ...(resolved ? { statusId: '10004', resolutionId: '10000', resolutiondate: iso(start + 10 * DAY) } : {}),
          worklogs: planned ? [] : Array.from({ length: index % 10 === 0 ? 25 : 2 }, (_, n) => worklog(TEAM[n % 2] ?? VIEWER, n)),
        },
        bug ? { decidedSeverity: index % 2 === 0 ? 'major' : 'minor', kind: 'defect', classOfService: 'bug-asap' } : undefined,
      );
    }
    if (planned) continue;
    for (let index = 0; index < size / 20; index += 1) {
      add(
        { issueTypeId: '10005', summary: `Incident during sprint ${String(sprint.id)}`, worklogs: [worklog(VIEWER, index)] },
        { decidedSeverity: index % 4 === 0 ? 'critical' : 'major', kind: 'incident', classOfService: 'emergency' },
      );
    }
  }
  return { scenario: { ...base, name: `capacity-board-${String(size)}`, sprints, issueLinks: [], issues } as unknown as ScenarioInput, classified };
};

/** A sandbox holding the board, with the app's records of its support issues written as a triage save leaves them. */
const boardSandbox = async (size: number): Promise<{ sandbox: Sandbox; instruments: Instruments }> => {
  const { scenario, classified } = capacityBoard(size);
  // No stop at 25 s here: the emulator's own work runs in this process and would count against the
  // limit, so the bench lets a view finish and judges the app's part of its time against 25 s.
  const sandbox = await Sandbox.create({ scenario: scenario as never, jiraLatency: { minMs: 0, maxMs: 0 }, functionTimeoutMs: 10 * 60_000 });
  for (const record of classified) await seedAppRecord(sandbox, record.id, record.key, record.search);
  return { sandbox, instruments: instrument(sandbox, 'background-jobs') };
};

// ── Instruments ───────────────────────────────────────────────────────────────────────────────────

interface Invocation {
  readonly invocationId: string;
  readonly moduleKey: string;
}

/**
 * What the sandbox's own Jira spends, kept apart from what the app spends. The added latency is
 * waited here, before the emulator runs, so the time the emulator then takes is its own work:
 * searching and serialising in this process, which a real site does within its answer time. Also
 * counts Jira requests per invocation of a module (each slice of a job is one invocation).
 */
interface Instruments {
  /** Milliseconds added to every Jira request (in place of the emulator's own latency). */
  latencyMs: number;
  /** Milliseconds the emulator spent answering, summed, since the last reset. */
  emulatorMs: number;
  readonly callsPerInvocation: Map<string, number>;
}

const instrument = (sandbox: Sandbox, countedModule: string): Instruments => {
  const instruments: Instruments = { latencyMs: 0, emulatorMs: 0, callsPerInvocation: new Map() };
  const invocations = (sandbox.runtime as unknown as { invocations: AsyncLocalStorage<Invocation> }).invocations;
  const jira = sandbox.jira as unknown as { handle: (...args: unknown[]) => Promise<unknown> };
  const handle = jira.handle.bind(jira);
  sandbox.setJiraLatency({ minMs: 0, maxMs: 0 });
  jira.handle = async (...args: unknown[]): Promise<unknown> => {
    const invocation = invocations.getStore();
    if (invocation?.moduleKey === countedModule) instruments.callsPerInvocation.set(invocation.invocationId, (instruments.callsPerInvocation.get(invocation.invocationId) ?? 0) + 1);
    if (instruments.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, instruments.latencyMs));
    // The emulator's routes are synchronous: with no latency of its own, calling it runs the whole
    // search and serialisation before it first yields. Only that part is counted; its JSON.stringify
    // of the answer runs after and is left in the app's time, which overstates the app, never flatters it.
    const started = performance.now();
    const answering = handle(...args);
    instruments.emulatorMs += performance.now() - started;
    return answering;
  };
  return instruments;
};

// ── Printing ──────────────────────────────────────────────────────────────────────────────────────


const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
/** A figure beside its target: "17 (≤ 20 met)". */
const against = (figure: string | number, target: string, met: boolean): string => `${String(figure)} (${target} ${met ? 'met' : 'MISSED'})`;
const callTarget = (activeSize: number): number => Math.ceil(activeSize / 100) + 10;
const views = (points: number): string => (points === 0 ? 'any' : String(Math.floor(POINTS_PER_HOUR / points)));

/** One view's cost, as the gadget's resolver spent it. */
interface ViewCost {
  readonly calls: number;
  readonly points: number;
  readonly storage: number;
  readonly peak: number;
  readonly ms: number;
  /** Of `ms`, what the sandbox's Jira spent computing its answers in this process. */
  readonly emulatorMs: number;
  readonly answer: string;
  readonly view: CapacityView | null;
  /** Calls per Jira operation, to say where they went when a target is missed. */
  readonly byOperation: Readonly<Record<string, { readonly calls: number }>>;
}

const describeView = (result: ResolverResult<unknown>): { answer: string; view: CapacityView | null } => {
  if (!result.ok) return { answer: `failed: ${result.error.code}: ${result.error.message}`, view: null };
  const view = result.data as CapacityView;
  if (view.empty !== null) return { answer: view.empty, view };
  const sprint = view.sprint;
  const hours = (value: number | undefined): string => String(Math.round((value ?? 0) / 360) / 10);
  const cached = view.trend.length === 0 ? '' : `; ${view.cached ? 'closed sprints from the cache' : 'nothing cached'}`;
  return { answer: `${sprint?.name ?? 'no sprint'}: ${hours(sprint?.support)} h of ${hours(sprint?.total)} h support; ${String(view.trend.length)} in the trend${cached}`, view };
};

/** One `capacity/compute` of the default view as the viewer, with what it cost. */
const measureView = async ({ sandbox, instruments }: { sandbox: Sandbox; instruments: Instruments }): Promise<ViewCost> => {
  sandbox.jira.metering.reset();
  instruments.emulatorMs = 0;
  sandbox.runtime.peakRequestsInFlight.clear();
  const storageBefore = sandbox.kvs.stats.reads + sandbox.kvs.stats.writes;
  const started = performance.now();
  let described: { answer: string; view: CapacityView | null };
  try {
    described = describeView((await sandbox.runtime.invokeUi({ moduleKey: GADGET, functionKey: 'capacity/compute', payload: DEFAULT_VIEW, accountId: VIEWER, extension: {} })) as ResolverResult<unknown>);
  } catch (error) {
    // Forge stopping the resolver at its limit, among others: the gadget would show an error.
    described = { answer: `failed: ${error instanceof Error ? error.message : String(error)}`, view: null };
  }
  const ms = performance.now() - started;
  if (process.env['BENCH_TRACE'] !== undefined) console.error(`[bench] view: ${seconds(ms)} (${seconds(instruments.emulatorMs)} in the emulator), ${String(sandbox.jira.metering.snapshot().total.calls)} calls: ${described.answer}`);
  const snapshot = sandbox.jira.metering.snapshot();
  const metered = snapshot.total;
  return {
    byOperation: snapshot.byOperation,
    calls: metered.calls,
    points: metered.points,
    storage: sandbox.kvs.stats.reads + sandbox.kvs.stats.writes - storageBefore,
    peak: sandbox.runtime.peakRequestsInFlight.get(GADGET) ?? 0,
    ms,
    emulatorMs: instruments.emulatorMs,
    ...described,
  };
};

/** Where the calls of views over their call target went, printed under the table. */
const overTarget: string[] = [];
const noteIfOver = (label: string, cost: ViewCost, callLimit: number): void => {
  if (cost.calls <= callLimit) return;
  const operations = Object.entries(cost.byOperation).sort(([, a], [, b]) => b.calls - a.calls).map(([operation, { calls }]) => `${String(calls)} × ${operation}`);
  overTarget.push(`- ${label}: ${String(cost.calls)} calls, over ${String(callLimit)}: ${operations.join(', ')}`);
};
const printOverTarget = (): void => {
  if (overTarget.length === 0) return;
  console.log('Where the calls over the target went:\n');
  console.log(`${overTarget.splice(0).join('\n')}\n`);
};

/** A view's row: calls (against a target for a later view), points, storage, peak in flight and time against theirs. */
const viewRow = (cost: ViewCost, callLimit: number | null): Array<string | number> => [
  callLimit === null ? cost.calls : against(cost.calls, `≤ ${String(callLimit)}`, cost.calls <= callLimit),
  cost.points,
  views(cost.points),
  cost.storage,
  against(cost.peak, `≤ ${String(MAX_REQUESTS_IN_FLIGHT)}`, cost.peak <= MAX_REQUESTS_IN_FLIGHT),
  ...times(cost.ms, cost.emulatorMs),
  cost.answer,
];
/** The app's time (wall time less the emulator's own work) against Forge's 25 s, then the emulator's part. */
const times = (ms: number, emulatorMs: number): string[] => [against(seconds(ms - emulatorMs), `≤ ${seconds(RESOLVER_LIMIT_MS)}`, ms - emulatorMs <= RESOLVER_LIMIT_MS), seconds(emulatorMs)];
const TIME_HEADERS = ["time, less the sandbox Jira's own work (target)", "sandbox Jira's own work"];
const VIEW_HEADERS = ['REST calls (target)', 'rate-limit points', 'such views per hour in 65,000 points', 'storage requests', 'most in flight (target)', ...TIME_HEADERS, 'answer'];

// ── 1. The default view, read inside the resolver ────────────────────────────────────────────────

export const capacityCosts = async (): Promise<void> => {
  console.log('## Capacity gadget: default view (active sprint, 6 in the trend, 3 for planning), board of 7 sprints × N issues and a planned sprint of N/10, as a team member\n');
  console.log('Support issues carry the app\'s own records (defects in the sprints, incidents outside them). First view: the closed sprints are read from Jira as the app and cached. Later view: only the active sprint (and the planned one) is read; the closed ones come from the cache, cut down to what the viewer may browse.\n');
  const rows: Array<Array<string | number>> = [];
  for (const size of [100, 1_000]) {
    for (const speed of SPEEDS) {
      const board = await boardSandbox(size);
      board.instruments.latencyMs = speed.latencyMs;
      const first = await measureView(board);
      const later = await measureView(board);
      rows.push([size, speed.label, 'first view', ...viewRow(first, null)]);
      rows.push([size, speed.label, 'later view', ...viewRow(later, callTarget(size))]);
      noteIfOver(`${String(size)} issues, Jira ${speed.label}, later view`, later, callTarget(size));
    }
  }
  table(['issues per sprint', 'Jira', 'view', ...VIEW_HEADERS], rows);
  printOverTarget();
};

// ── 2. 5,000-issue sprints through the background job ────────────────────────────────────────────

export const backgroundJobCosts = async (): Promise<void> => {
  const size = 5_000;
  console.log(`## Capacity gadget: board of 7 sprints × ${size.toLocaleString('en-US')} issues, default view, through the background job\n`);
  console.log(
    'The first view finds the closed sprints too large to read in 25 s: it reads none of them, starts the `sprint-facts` job (one Forge async event per closed sprint and one for the active sprint\'s memos, consumer `run-background-slice`, 2 at a time, on Forge\'s own schedule) and says how far it got. The job reads each closed sprint as the app into the cache, and the active sprint\'s rows and truncated worklogs into its memos. The view after the job asks Jira only what changed in the active sprint since, with the closed ones from the cache; so does a later view.\n',
  );
  const jobRows: Array<Array<string | number>> = [];
  const viewRows: Array<Array<string | number>> = [];
  for (const speed of SPEEDS) {
    const board = await boardSandbox(size);
    const { sandbox, instruments } = board;
    instruments.latencyMs = speed.latencyMs;
    const started = performance.now();
    const starting = await measureView(board);
    instruments.emulatorMs = 0;
    // The sandbox's async-event timers do not keep a process alive (Forge's queue is not this process): hold it open.
    const alive = setInterval(() => undefined, 1_000);
    await sandbox.runtime.drain();
    clearInterval(alive);
    const jobMs = performance.now() - started;
    const jobEmulatorMs = instruments.emulatorMs;
    if (process.env['BENCH_TRACE'] !== undefined) console.error(`[bench] job finished after ${seconds(jobMs)} (${seconds(jobEmulatorMs)} in the emulator)`);
    const slices = sandbox.runtime.asyncEvents.deliveries.filter((delivery) => delivery.outcome === 'ok').length;
    const calls = [...instruments.callsPerInvocation.values()];
    const peak = sandbox.runtime.peakRequestsInFlight.get('background-jobs') ?? 0;
    jobRows.push([
      speed.label,
      starting.calls,
      times(starting.ms, starting.emulatorMs)[0] ?? '',
      starting.answer,
      slices,
      calls.length,
      calls.length === 0 ? 'none' : `${String(Math.min(...calls))}–${String(Math.max(...calls))}`,
      against(peak, `≤ ${String(MAX_REQUESTS_IN_FLIGHT)} per slice`, peak <= MAX_REQUESTS_IN_FLIGHT),
      seconds(jobMs),
      seconds(jobEmulatorMs),
    ]);
    const after = await measureView(board);
    const later = await measureView(board);
    viewRows.push([speed.label, 'view after the job', ...viewRow(after, callTarget(size))]);
    viewRows.push([speed.label, 'later view', ...viewRow(later, callTarget(size))]);
    noteIfOver(`Jira ${speed.label}, view after the job`, after, callTarget(size));
    noteIfOver(`Jira ${speed.label}, later view`, later, callTarget(size));
  }
  table(['Jira', 'view that starts the job: REST calls', "time, less the sandbox Jira's (target)", 'its answer', 'slices', 'consumer runs (a run stopped at its limit is run again)', 'REST calls per run', 'most in flight (target)', 'job finished after', "of which the sandbox Jira's own work"], jobRows);
  table(['Jira', 'view', ...VIEW_HEADERS], viewRows);
  printOverTarget();
};

if (process.argv[1]?.endsWith('capacity-bench.ts') === true) {
  if (process.env['BENCH_ONLY'] !== 'job') await capacityCosts();
  await backgroundJobCosts();
}
