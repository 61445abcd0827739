import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Proves the rules in eslint.config.js are switched on where they should be. Each snippet is linted
 * in place of an existing file of the folder under test: the project service only type-checks files
 * its tsconfig already knows, and it checks the text given, not what is on disk (nothing is written).
 */

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
let eslint: ESLint;
const standIns = new Map<string, string>();

beforeAll(async () => {
  eslint = new ESLint({ cwd: repoRoot });
  for (const folder of ['src/domain', 'src/entry', 'static/src']) {
    const entries = await readdir(path.join(repoRoot, folder), { recursive: true, withFileTypes: true });
    const file = entries
      .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
      .map((entry) => path.join(entry.parentPath, entry.name))
      .sort()[0];
    if (file === undefined) throw new Error(`${folder} has no TypeScript file to stand in for the probe`);
    standIns.set(folder, file);
  }
});

async function lintAs(folder: string, code: string): Promise<{ ruleId: string | null; message: string }[]> {
  const filePath = standIns.get(folder);
  if (filePath === undefined) throw new Error(`no stand-in file for ${folder}`);
  const relativePath = path.relative(repoRoot, filePath);
  const [result] = await eslint.lintText(code, { filePath });
  if (!result) throw new Error(`ESLint returned no result for ${relativePath}`);
  const fatal = result.messages.filter((message) => message.fatal);
  expect(fatal, `${relativePath} did not parse`).toEqual([]);
  return result.messages.map(({ ruleId, message }) => ({ ruleId, message }));
}

const ruleIds = (messages: { ruleId: string | null }[]): (string | null)[] => messages.map((m) => m.ruleId);

describe('src/domain stays pure', () => {
  it('rejects @forge/* imports, with the reason', async () => {
    const messages = await lintAs(
      'src/domain',
      "import api from '@forge/api';\n\nexport const client = api;\n",
    );
    expect(messages).toContainEqual({
      ruleId: 'no-restricted-imports',
      message: expect.stringMatching(/No Forge platform code in the domain.*time, randomness and I\/O come in as arguments/) as string,
    });
  });

  it('rejects Node I/O modules, the clock and fetch', async () => {
    const messages = await lintAs(
      'src/domain',
      [
        "import { readFile } from 'node:fs/promises';",
        '',
        'export const read = readFile;',
        'export const stamp = (): number => Date.now();',
        'export const today = (): Date => new Date();',
        "export const load = (): Promise<Response> => fetch('https://example.com');",
        '',
      ].join('\n'),
    );
    expect(ruleIds(messages)).toEqual(
      expect.arrayContaining(['no-restricted-imports', 'no-restricted-syntax', 'no-restricted-globals']),
    );
    expect(messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message)).toEqual([
      expect.stringMatching(/^Date\.now\(\):/),
      expect.stringMatching(/^new Date\(\):/),
    ]);
  });

  it('allows a Date built from a value passed in', async () => {
    const messages = await lintAs(
      'src/domain',
      'export const at = (epochMs: number): Date => new Date(epochMs);\n',
    );
    expect(messages).toEqual([]);
  });

  it('leaves entry points free to use @forge/*', async () => {
    const messages = await lintAs(
      'src/entry',
      "import api from '@forge/api';\n\nexport const client = api;\n",
    );
    expect(ruleIds(messages)).not.toContain('no-restricted-imports');
  });
});

describe('type-checked rules are on', () => {
  it('reports an unawaited promise (no-floating-promises)', async () => {
    const messages = await lintAs(
      'src/entry',
      [
        'const save = async (value: string): Promise<string> => {',
        '  await Promise.resolve();',
        '  return value;',
        '};',
        '',
        'export function onEvent(): void {',
        "  save('report');",
        '}',
        '',
      ].join('\n'),
    );
    expect(ruleIds(messages)).toContain('@typescript-eslint/no-floating-promises');
  });

  it('reports a promise where a boolean or void callback belongs (no-misused-promises)', async () => {
    const messages = await lintAs(
      'src/entry',
      [
        'const isReady = async (): Promise<boolean> => Promise.resolve(true);',
        '',
        'export function check(keys: string[]): string[] {',
        '  return keys.filter(async () => isReady());',
        '}',
        '',
      ].join('\n'),
    );
    expect(ruleIds(messages)).toContain('@typescript-eslint/no-misused-promises');
  });

  it('asks for `import type` when an import is only used as a type (consistent-type-imports)', async () => {
    const messages = await lintAs(
      'src/entry',
      "import { ZodType } from 'zod';\n\nexport type Schema = ZodType;\n",
    );
    expect(ruleIds(messages)).toContain('@typescript-eslint/consistent-type-imports');
  });

  it('type-checks the front end against static/tsconfig.json', async () => {
    const messages = await lintAs(
      'static/src',
      [
        'const load = async (): Promise<Element | null> => Promise.resolve(document.querySelector("#root"));',
        '',
        'export function start(): void {',
        '  load();',
        '}',
        '',
      ].join('\n'),
    );
    // `document` resolves only with the DOM lib of static/tsconfig.json; the floating promise proves type info.
    expect(ruleIds(messages)).toContain('@typescript-eslint/no-floating-promises');
    expect(messages.filter((m) => m.ruleId?.startsWith('@typescript-eslint/no-unsafe'))).toEqual([]);
  });
});
