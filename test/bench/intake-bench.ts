/**
 * intake (issue 17): how many alert firings a minute one installation turns into incidents, and what
 * each costs in Jira REST calls. A source of 20 alerts: first each fires once (20 new incidents),
 * then a storm of 1,000 firings of the same 20 arrives in 50 requests, 10 at a time, while the
 * consumer works; both until the queue is drained, Forge's schedule at real speed.
 */
import { parseAlert } from '../../src/domain/intake/parse-alert';
import type { IncomingAlert } from '../../src/domain/intake/incoming-alert';
import { acceptDelivery } from '../../src/entry/intake/accept-delivery';
import { saveAlertSource } from '../../src/storage/alert-source.store';
import { Sandbox } from '../../sandbox/sandbox';
import { table } from './table';

const SPEEDS: ReadonlyArray<{ readonly label: string; readonly latencyMs: number }> = [
  { label: '0 ms', latencyMs: 0 },
  { label: '150 ms', latencyMs: 150 },
].filter((speed) => process.env['BENCH_LATENCY'] === undefined || String(speed.latencyMs) === process.env['BENCH_LATENCY']);

const ALERTS = 20;
const STORM_REQUESTS = 50;
const AT_ONCE = 10;

const alertsOf = (): IncomingAlert[] => {
  const parsed = parseAlert('generic', {
    version: '1',
    alerts: Array.from({ length: ALERTS }, (_, n) => ({ id: `bench-${String(n)}`, status: 'firing', title: `Bench alert ${String(n)}`, description: 'Queue depth over threshold.', link: 'https://monitor.example/bench', labels: { severity: 'page' }, environment: 'production' })),
  });
  if (!parsed.ok) throw new Error(parsed.reason);
  return [...parsed.alerts];
};

const measure = async (latencyMs: number) => {
  const sandbox = await Sandbox.create({ scenario: 'minimal', jiraLatency: { minMs: latencyMs, maxMs: latencyMs } });
  const settings = {
    id: 'bench-source-1',
    projectId: '10000',
    name: 'Bench monitor',
    kind: 'generic' as const,
    issueTypeId: '10005',
    rules: [{ id: 'page', name: 'Pages are critical', when: { label: 'severity', equals: 'page' }, set: 'severity' as const, value: 'critical' }],
    commentIntervalMinutes: 60,
    advisory: null,
  };
  await saveAlertSource({ ...settings, version: 1, url: null, urlId: null, secretHint: null, createdAt: new Date().toISOString(), createdBy: 'bench', updatedAt: new Date().toISOString(), updatedBy: 'bench' }, 0);
  const alerts = alertsOf();
  let key = 0;
  const deliver = () => acceptDelivery({ source: settings, alerts, deliveryKey: `bench-${String((key += 1))}`, receivedAt: new Date().toISOString(), test: false });
  const alive = setInterval(() => undefined, 1_000);

  const phase = async (work: () => Promise<void>) => {
    sandbox.jira.metering.reset();
    const events = sandbox.runtime.asyncEvents.pushedEvents().length;
    const started = performance.now();
    await work();
    await sandbox.runtime.drain();
    const metered = sandbox.jira.metering.snapshot();
    return { ms: performance.now() - started, calls: metered.total.calls, points: metered.total.points, events: sandbox.runtime.asyncEvents.pushedEvents().length - events };
  };
  const opening = await phase(async () => {
    await deliver();
  });
  const storm = await phase(async () => {
    for (let wave = 0; wave < STORM_REQUESTS / AT_ONCE; wave += 1) await Promise.all(Array.from({ length: AT_ONCE }, deliver));
  });
  clearInterval(alive);
  return { opening, storm };
};

export const intakeCosts = async (): Promise<void> => {
  console.log(`## Alert intake: ${String(ALERTS)} alerts open ${String(ALERTS)} incidents, then a storm of ${String(ALERTS * STORM_REQUESTS)} firings of them in ${String(STORM_REQUESTS)} requests (${String(AT_ONCE)} at a time)\n`);
  console.log('Firings per minute is what the installation turned into incidents or updates, from the first request to an empty queue. Forge allows 500 events a minute per installation; firings of one alert share one event while it is queued.\n');
  const rows: Array<Array<string | number>> = [];
  for (const speed of SPEEDS) {
    const { opening, storm } = await measure(speed.latencyMs);
    for (const [name, run, firings] of [
      ['opening (new incidents)', opening, ALERTS],
      ['storm (updates)', storm, ALERTS * STORM_REQUESTS],
    ] as const) {
      rows.push([speed.label, name, firings, run.events, run.calls, (run.calls / firings).toFixed(2), run.points, `${(run.ms / 1000).toFixed(1)} s`, Math.round(firings / (run.ms / 60_000))]);
    }
  }
  table(['Jira', 'phase', 'firings', 'async events', 'REST calls', 'REST calls per firing', 'rate-limit points', 'until drained', 'firings per minute'], rows);
};
