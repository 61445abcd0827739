/**
 * The capacity facts' budgets for the gadget's default view (the active sprint and 6 earlier ones:
 * a trend of 6 plus 3 for planning fall within them), measured on `readSprintFactsMany` directly
 * until the gadget's resolver reads through it. Printed by `npm run bench`; run alone with
 * `npx tsx test/bench/sprint-facts-bench.ts`.
 */
import { readFileSync } from 'node:fs';

import { MINIMAL_SCENARIO_PATH, type JiraLatency, type ScenarioInput } from '../../sandbox/jira';
import { Sandbox } from '../../sandbox/sandbox';
import type { SprintWindow } from '../../src/domain/capacity/capacity';
import { readSprintFactsMany } from '../../src/entry/use-cases/capacity/sprint-facts-source';
import { asViewer, BOARD, requestFor, sprintWindows } from '../support/facts-scenario';

const HOUR = 3600;
const DAY = 86_400_000;
const SPRINTS = 7;
const TEAM = ['acc-devon-oncall', 'acc-rita-support'];

/**
 * Board 1 with 7 two-week sprints of `size` issues each (6 closed, the last active), every tenth
 * issue with 25 worklogs (more than Jira embeds), the rest with 2, and per sprint `size / 20`
 * incidents outside any sprint the team logged work on: the unplanned queue.
 */
export const sevenSprintScenario = (size: number): ScenarioInput => {
  const base = JSON.parse(readFileSync(MINIMAL_SCENARIO_PATH, 'utf8')) as ScenarioInput & { issues: Array<Record<string, unknown>>; site: { now: string } };
  const template = base.issues[0] as Record<string, unknown>;
  const now = Date.parse(base.site.now);
  const activeStart = now - 3 * DAY;
  const startOf = (index: number): number => activeStart - (SPRINTS - 1 - index) * 14 * DAY;
  const iso = (ms: number): string => new Date(ms).toISOString().replace('Z', '+00:00');
  const sprints = Array.from({ length: SPRINTS }, (_, index) => {
    const active = index === SPRINTS - 1;
    const end = startOf(index) + 14 * DAY;
    return { id: index + 1, boardId: 1, name: `SHOP Sprint ${String(index + 1)}`, state: active ? 'active' : 'closed', startDate: iso(startOf(index)), endDate: iso(end), ...(active ? {} : { completeDate: iso(end) }) };
  });
  let worklogId = 100_000;
  let issueId = 30_000;
  const issues: Array<Record<string, unknown>> = [];
  for (const sprint of sprints) {
    const start = Date.parse(sprint.startDate);
    // Worklogs in the middle of the window, so the one-day widening of worklogDate finds no neighbours.
    const worklog = (author: string, index: number) => ({ id: String(++worklogId), author, started: iso(start + DAY + (index % 2) * DAY + 3 * HOUR * 1000), timeSpentSeconds: HOUR / 2 });
    for (let index = 0; index < size; index += 1) {
      issueId += 1;
      issues.push({
        ...template, id: String(issueId), key: `SHOP-${String(issueId - 30_000)}`, issueTypeId: index % 3 === 0 ? '10002' : '10001', summary: `Sprint ${String(sprint.id)} issue ${String(index + 1)}`,
        sprintIds: [sprint.id], labels: [], changelog: [], comments: [], properties: {}, customFields: { customfield_10042: (index % 5) + 1 },
        worklogs: Array.from({ length: index % 10 === 0 ? 25 : 2 }, (_, n) => worklog(TEAM[n % 2] ?? 'acc-devon-oncall', n)),
      });
    }
    for (let index = 0; index < size / 20; index += 1) {
      issueId += 1;
      issues.push({
        ...template, id: String(issueId), key: `SHOP-${String(issueId - 30_000)}`, issueTypeId: '10005', summary: `Incident during sprint ${String(sprint.id)}`,
        sprintIds: [], labels: [], changelog: [], comments: [], properties: {}, customFields: {}, worklogs: [worklog('acc-devon-oncall', index)],
      });
    }
  }
  return { ...base, name: `seven-sprints-${String(size)}`, sprints, issueLinks: [], issues } as unknown as ScenarioInput;
};

const SPEEDS: ReadonlyArray<{ readonly label: string; readonly latency: JiraLatency }> = [
  { label: '0 ms', latency: { minMs: 0, maxMs: 0 } },
  { label: '150 ms', latency: { minMs: 150, maxMs: 150 } },
];

const table = (headers: readonly string[], rows: ReadonlyArray<readonly (string | number)[]>): void => {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]): string => `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of cells.slice(1)) console.log(line(row));
  console.log('');
};

export const sprintFactsCosts = async (): Promise<void> => {
  console.log('## Capacity facts: default view (active sprint + 6 earlier), board of 7 sprints × N issues, as the viewer\n');
  console.log('First view: closed sprints read once as the app and cached. Later view: closed sprints from the cache (1 call: which projects the viewer may browse), the active one read as the viewer.\n');
  const rows: Array<Array<string | number>> = [];
  for (const size of [100, 1_000]) {
    for (const speed of SPEEDS) {
      const bench = await Sandbox.create({ scenario: sevenSprintScenario(size) as never, jiraLatency: { minMs: 0, maxMs: 0 } });
      const windows: SprintWindow[] = [...(await sprintWindows(bench)).values()].sort((a, b) => a.id - b.id);
      const requests = windows.map((window) => requestFor(window, { board: BOARD }));
      bench.setJiraLatency(speed.latency);
      for (const pass of ['first view', 'later view'] as const) {
        bench.jira.metering.reset();
        bench.runtime.peakRequestsInFlight.clear();
        const started = performance.now();
        let outcome: string;
        try {
          const answers = await asViewer(bench, 'acc-devon-oncall', (handler) => readSprintFactsMany(handler, requests));
          const active = answers.at(-1)?.facts;
          outcome = `${String(answers.filter((answer) => answer.fromCache).length)} cached; active: ${String(active?.planned.length ?? 0)} planned, ${String(active?.unplanned.length ?? 0)} unplanned`;
        } catch (error) {
          outcome = `failed: ${error instanceof Error ? error.message : String(error)}`;
        }
        const elapsed = performance.now() - started;
        const metered = bench.jira.metering.snapshot().total;
        const budget = pass === 'later view' ? `≤ ${String(Math.ceil(size / 100) + 10)}` : '';
        rows.push([size, speed.label, pass, metered.calls, budget, metered.points, bench.runtime.peakRequestsInFlight.get('capacity-gadget') ?? 0, `${(elapsed / 1000).toFixed(1)} s`, outcome]);
      }
    }
  }
  table(['issues per sprint', 'Jira', 'pass', 'REST calls', 'budget ⌈N/100⌉+10', 'rate-limit points', 'most in flight', 'time', 'answer'], rows);
};

if (process.argv[1]?.endsWith("sprint-facts-bench.ts") === true) await sprintFactsCosts();
