/**
 * `npm start` as a newcomer runs it: a separate process under tsx (Node's own ESM loader, not
 * Vitest's), which must serve the site and answer a resolver call through the real @forge packages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { APP_ROOT } from '../../sandbox/sandbox';
import { people } from '../support/people';

let child: ChildProcess;
let baseUrl = '';
let printed = '';

beforeAll(async () => {
  child = spawn(join(APP_ROOT, 'node_modules', '.bin', 'tsx'), ['sandbox/server/main.ts'], {
    cwd: APP_ROOT,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  baseUrl = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      reject(new Error(`The sandbox did not print its URL:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      printed = output;
      const match = /Firebreak sandbox: (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  });
});

afterAll(() => {
  child.kill();
});

it('serves the issue view and answers a resolver call as the chosen user', async () => {
  const state = (await (await fetch(`${baseUrl}/__control/state`)).json()) as { users: Array<{ accountId: string }> };
  const editor = state.users[0]?.accountId;

  const page = await fetch(`${baseUrl}/browse/SHOP-1`);
  const invoke = await fetch(`${baseUrl}/__control/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accountId: editor, moduleKey: 'production-report-panel', functionKey: 'report/get', payload: { issueKey: 'SHOP-1' } }),
  });

  expect(page.status).toBe(200);
  expect(await page.text()).toContain('data-module-key="production-report-panel"');
  expect(await invoke.json()).toMatchObject({ ok: true, value: { ok: true, data: { issueKey: 'SHOP-1' } } });
});

it('has played the demo story, so the newcomer finds postmortems and decided incidents', async () => {
  expect(printed).toMatch(/Demo story: reports on SHOP-155, SHOP-121, SHOP-99; postmortems for SHOP-121 \(in-review\), SHOP-155 \(draft\)/);
  expect(printed).toContain('/browse/SHOP-121');
  const invoke = await fetch(`${baseUrl}/__control/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accountId: people.devon, moduleKey: 'postmortems', functionKey: 'postmortem/list', payload: { projectKey: 'SHOP' } }),
  });
  const answer = (await invoke.json()) as { value: { data: { postmortems: unknown[]; missing: Array<{ key: string }> } } };
  expect(answer.value.data.postmortems).toHaveLength(2);
  expect(answer.value.data.missing.map((incident) => incident.key)).toEqual(['SHOP-99']);
});
