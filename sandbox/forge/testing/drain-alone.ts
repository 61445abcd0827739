/**
 * Run as a process of its own (`tsx drain-alone.ts <result file>`): pushes one async event and waits
 * for it with `drain()`, with nothing else keeping Node alive: no server, no pipe, no other timer.
 * That is `npm start` playing the demo story before its server listens. Writes "drained" to the
 * result file when the wait ended with the event handled.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Queue } from '@forge/events';

import { JiraEmulator, loadScenarioFile, MINIMAL_SCENARIO_PATH } from '../../jira';
import { KvsEmulator } from '../kvs';
import { AppManifest } from '../manifest';
import { ForgeRuntimeEmulator } from '../runtime';

const manifest = new AppManifest({
  modules: { consumer: [{ key: 'work-consumer', queue: 'work', function: 'consume' }], function: [{ key: 'consume', handler: 'handlers.consumeEvent' }] },
  resources: [],
  permissions: { scopes: ['storage:app'] },
  app: { id: 'ari:cloud:ecosystem::app/drain-alone' },
});

const resultFile = process.argv[2];
if (resultFile === undefined) throw new Error('Name the result file.');
const runtime = new ForgeRuntimeEmulator({
  appRoot: join(dirname(fileURLToPath(import.meta.url)), 'fixture-app'),
  manifest,
  jira: JiraEmulator.fromScenario(await loadScenarioFile(MINIMAL_SCENARIO_PATH)),
  kvs: new KvsEmulator(),
  cloudId: 'drain-alone',
  siteUrl: 'http://localhost',
});
runtime.install();
// Rounds, because whether anything else happens to be pending when drain() starts waiting is a matter of timing.
const ROUNDS = 200;
for (let round = 0; round < ROUNDS; round += 1) {
  await new Queue({ key: 'work' }).push({ body: { mode: 'ok' } });
  await runtime.drain();
}
const handled = runtime.asyncEvents.pushedEvents().filter((event) => event.state === 'succeeded').length;
writeFileSync(resultFile, handled === ROUNDS ? 'drained' : `${String(handled)} of ${String(ROUNDS)} handled`);
