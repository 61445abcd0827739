import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { appRestCalls, restCallsIn, type RestCall, uncoveredCalls } from './rest-operations';

/**
 * Every Jira REST operation Firebreak can call, backend and Custom UI, must be covered by the scopes
 * manifest.yml declares, judged by Atlassian's rule (the whole classic set or the whole granular set,
 * `@forge/manifest`'s getMissingScopes) over the operation table the sandbox enforces at run time.
 * A new call without its scope fails here, before a real site answers it with 401.
 */

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Scopes that no REST call needs but a module or API does. */
const NEEDED_BY_MODULES: Readonly<Record<string, string>> = {
  'storage:app': '@forge/kvs (settings, policy, claims, postmortems)',
  'manage:jira-configuration': 'the jira:workflowValidator module',
};

let declared: string[];
let calls: RestCall[];

beforeAll(async () => {
  const manifest = z.object({ permissions: z.object({ scopes: z.array(z.string()) }) }).loose().parse(parse(await readFile(`${repoRoot}manifest.yml`, 'utf8')));
  declared = manifest.permissions.scopes;
  const found = await appRestCalls(repoRoot);
  calls = found.calls;
  expect(found.unreadable, 'every Jira call must be readable: pass route`…` straight to request(), with a literal method').toEqual([]);
});

describe("manifest.yml's scopes cover every Jira REST call", () => {
  it('finds the calls of the backend, with the method of each', () => {
    const found = new Set(calls.map((call) => `${call.method} ${call.path.split('?')[0] ?? ''} (${call.file})`));
    expect(found).toContain('GET /rest/agile/1.0/board (src/jira/agile.ts)');
    expect(found).toContain('GET /rest/agile/1.0/board/{}/configuration (src/jira/agile.ts)');
    expect(found).toContain('POST /rest/api/3/search/jql (src/jira/search.ts)');
    expect(found).toContain('PUT /rest/api/3/issue/{}/properties/{} (src/jira/issue-properties.ts)');
    expect(found).toContain('DELETE /rest/api/3/issue/{}/comment/{} (src/jira/issues.ts)');
    expect(calls.every((call) => call.origin === 'backend' || call.file.startsWith('static/src/'))).toBe(true);
  });

  it('covers each call by a whole scope set', async () => {
    expect(await uncoveredCalls(calls, declared)).toEqual([]);
  });

  it('declares no scope that no call or module needs', async () => {
    const unneeded: string[] = [];
    for (const scope of declared) {
      if (scope in NEEDED_BY_MODULES) continue;
      const without = declared.filter((candidate) => candidate !== scope);
      if ((await uncoveredCalls(calls, without)).length === 0) unneeded.push(scope);
    }
    expect(unneeded).toEqual([]);
  });
});

describe('the check bites', () => {
  it('refuses a manifest with a scope removed, naming the file, the operation and the missing scope', async () => {
    const problems = await uncoveredCalls(
      calls,
      declared.filter((scope) => scope !== 'read:project:jira'),
    );
    expect(problems).toContainEqual(expect.stringMatching(/^src\/jira\/agile\.ts:\d+: GET \/rest\/agile\/1\.0\/board needs read:board-scope:jira-software \+ read:project:jira; manifest\.yml lacks read:project:jira\.$/));
  });

  it('reports a call to an operation the scope table does not know', async () => {
    const source = { file: 'src/jira/made-up.ts', text: "import { route } from '@forge/api';\nexport const f = (jira) => jira.request(route`/rest/api/3/made-up/${'x'}`);\n" };
    const { calls: found } = restCallsIn(source, 'backend');
    expect(await uncoveredCalls(found, declared)).toEqual([
      'src/jira/made-up.ts:2: GET /rest/api/3/made-up/{} is not an operation in sandbox/forge/data/jira-rest-scopes.json; add it with the scopes its REST documentation lists.',
    ]);
  });

  it('reads the method from the request init beside the route', () => {
    const source = {
      file: 'src/jira/x.ts',
      text: "import { route as r } from '@forge/api';\nconst a = (j, k) => j.request(r`/rest/api/3/issue/${k}`, { method: 'DELETE' });\nconst b = (j, k) => j.request(r`/rest/api/3/issue/${k}`, { headers: {} });\n",
    };
    expect(restCallsIn(source, 'backend').calls.map((call) => `${call.method} ${call.path}`)).toEqual(['DELETE /rest/api/3/issue/{}', 'GET /rest/api/3/issue/{}']);
  });

  it('reports a route it cannot pin to a method rather than skipping it', () => {
    const source = {
      file: 'src/jira/y.ts',
      text: "import { route } from '@forge/api';\nconst p = route`/rest/api/3/status`;\nconst c = (j, m) => j.request(route`/rest/api/3/issue`, { method: m });\n",
    };
    expect(restCallsIn(source, 'backend').unreadable.map((entry) => `${entry.file}:${String(entry.line)}`)).toEqual(['src/jira/y.ts:2', 'src/jira/y.ts:3']);
  });

  it("finds a Custom UI's requestJira from @forge/bridge and holds it to the same scopes", async () => {
    const source = {
      file: 'static/src/features/x/Editor.tsx',
      text: "import { requestJira } from '@forge/bridge';\nexport const save = (key: string) => requestJira(`/rest/api/3/project/${key}`, { method: 'PUT', body: '{}' });\n",
    };
    const { calls: found } = restCallsIn(source, 'ui');
    expect(found).toEqual([{ file: 'static/src/features/x/Editor.tsx', line: 2, method: 'PUT', path: '/rest/api/3/project/{}', origin: 'ui' }]);
    expect(await uncoveredCalls(found, declared)).toEqual([expect.stringMatching(/^static\/src\/features\/x\/Editor\.tsx:2: PUT \/rest\/api\/3\/project\/\{projectIdOrKey\} needs manage:jira-project/)]);
  });
});
