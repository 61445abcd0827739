import { NPM_START_KVS_LATENCY, parseKvsLatency } from '../forge/kvs';
import { parseLatency } from '../jira';
import { Sandbox } from '../sandbox';
import { playDemoStory } from '../scenarios/demo-story';
import { startSandboxServer } from './server';

/**
 * `npm start`: serves the sandbox Jira site on http://localhost:7700 (PORT to change it; SCENARIO to
 * load another scenario by name or path). On the demo scenario it first plays the demo story (reports,
 * decided severities, postmortems) through the app, unless DEMO_STORY=off. Jira then answers in
 * 100–300 ms, as a real site does (SANDBOX_JIRA_LATENCY_MS=0 for instant answers, or e.g. 150), and
 * Forge storage in 20–80 ms (SANDBOX_KVS_LATENCY_MS, same format).
 */
const port = Number(process.env['PORT'] ?? 7700);
const scenario = process.env['SCENARIO'] ?? 'demo';
const latency = parseLatency(process.env['SANDBOX_JIRA_LATENCY_MS'] ?? '100-300');
const kvsLatency = process.env['SANDBOX_KVS_LATENCY_MS'] === undefined ? NPM_START_KVS_LATENCY : parseKvsLatency(process.env['SANDBOX_KVS_LATENCY_MS']);
// The story is set-up, not something a person waits for: it plays at full speed.
const sandbox = await Sandbox.create({ scenario, siteUrl: `http://localhost:${port}`, jiraLatency: { minMs: 0, maxMs: 0 }, kvsLatency: { minMs: 0, maxMs: 0 } });
// Listening before the story plays: the alert sources it adds get web trigger URLs on the origin the
// server really answers on (with PORT=0 that is only known once it listens). Nobody knows the URL yet.
const running = await startSandboxServer(sandbox, port, process.env['HOST'] ?? '127.0.0.1');
let firstIssue = sandbox.scenario.issues[0]?.key ?? 'SHOP-1';
let alertSources: Awaited<ReturnType<typeof playDemoStory>>['alertSources'] = [];
let alertIncident: string | null = null;
if (scenario === 'demo' && process.env['DEMO_STORY'] !== 'off') {
  const story = await playDemoStory(sandbox);
  firstIssue = story.decided[0] ?? firstIssue;
  alertSources = story.alertSources;
  alertIncident = story.alertIncident;
  console.log(`Demo story: reports on ${story.reported.join(', ')}; postmortems for ${story.postmortems.map((pm) => `${pm.incident} (${pm.status})`).join(', ')}; ${story.awaitingTriage} awaits triage.`);
}
sandbox.setJiraLatency(latency);
sandbox.setKvsLatency(kvsLatency);
console.log(`Firebreak sandbox: ${running.url.replace('127.0.0.1', 'localhost')}  (scenario "${sandbox.scenario.name}")`);
const range = ({ minMs, maxMs }: { minMs: number; maxMs: number }) => (minMs === maxMs ? String(minMs) : `${String(minMs)}–${String(maxMs)}`);
console.log(`  Jira answers in ${range(latency)} ms (SANDBOX_JIRA_LATENCY_MS), storage in ${range(kvsLatency)} ms (SANDBOX_KVS_LATENCY_MS).`);
console.log(`  Open an issue with the Production report panel: ${running.url.replace('127.0.0.1', 'localhost')}/browse/${firstIssue}`);
if (alertSources.length > 0) {
  // intake (issue 17): where a visitor sends a test alert and sees the incident it opens.
  const site = running.url.replace('127.0.0.1', 'localhost');
  console.log(`  Alert sources (${alertSources.map((source) => source.name).join(', ')}): ${site}/jira/projects/SHOP/settings/apps`);
  console.log(`    "Send test alert" there as Sam Okafor, or: curl -X POST ${site}/__control/intake/test-alert -d '{"sourceId":"${alertSources[0]?.id ?? ''}"}'`);
  console.log(`    The incidents alerts opened: ${site}/issues?jql=${encodeURIComponent('labels = firebreak-alert ORDER BY created DESC')}${alertIncident === null ? '' : ` (checkout's latency alert: ${site}/browse/${alertIncident})`}`);
}
console.log('  Stop with Ctrl+C.');
