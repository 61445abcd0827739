/**
 * The authorization matrix: every resolver in the registry, called by people who must be refused and
 * with payloads a browser would never send. Resolvers are enumerated from the registry, so a new one
 * is covered the day it is added, with nobody writing a test for it.
 *
 * Each refused call must answer a clear error (a stable code and a sentence) and leave Jira and the
 * app's storage exactly as they were.
 */
import { describe, expect, it } from 'vitest';

import { RESOLVER_KEYS } from '../../src/contract/resolvers.contract';
import { resolverRegistry } from '../../src/entry/resolvers/registry';
import type { AnyResolverDefinition } from '../../src/entry/resolvers/resolver-definition';
import { Sandbox } from '../../sandbox/sandbox';
import { pickActors } from '../support/actors';
import { invokeAs, worldFingerprint } from '../support/sandbox-harness';
import { invokeResolver } from '../support/invoke-resolver';

// Built at collection time: the forged calls are enumerated from the scenario's cast.
const sandbox = await Sandbox.create({ scenario: 'minimal' });
const cast = pickActors(sandbox.scenario);

/**
 * A real postmortem on the cast's issue, at revision 2 with one action `a1`, so the postmortem rows
 * aim at something that exists (a forged call at a missing id proves little).
 */
const startExamplePostmortem = async (): Promise<string> => {
  const started = await invokeResolver(sandbox, cast.editor, 'postmortem/start', { issueKey: cast.issueKey }, 'postmortems');
  if (!started.ok) throw new Error(`The matrix could not start its postmortem: ${started.error.message}`);
  const { postmortem } = started.data;
  const { id, revision, schemaVersion: _v, projectKey: _p, status: _s, createdAt: _c, updatedAt: _u, updatedBy: _b, publishedAt: _d, ...edit } = postmortem;
  const action = { id: 'a1', title: 'Alert on payment errors', owner: null, dueDate: null, question: 'detect' as const, issueKey: null };
  const saved = await invokeResolver(sandbox, cast.editor, 'postmortem/save', { id, edit: { ...edit, actions: [action] }, baseRevision: revision }, 'postmortems');
  if (!saved.ok) throw new Error(`The matrix could not save its postmortem: ${saved.error.message}`);
  return id;
};
const target = { issueKey: cast.issueKey, projectKey: cast.projectKey, postmortemId: await startExamplePostmortem() };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path in the payload that holds a string, so forged variants can target each one. */
const stringPaths = (value: Json, path: string[] = []): string[][] => {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringPaths(item, [...path, String(index)]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => stringPaths(item, [...path, key]));
  return [];
};

const replaceAt = (value: Json, path: readonly string[], replacement: Json): Json => {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as Record<string, Json>) }) as Record<string, Json>;
  copy[head as string] = replaceAt(copy[head as string] ?? null, rest, replacement);
  return copy;
};

interface ForgedCall {
  readonly name: string;
  /** The answer may not mention the main project (its key or its issues). */
  readonly mustNotReveal?: boolean;
  readonly accountId: () => string | undefined;
  readonly payload: () => Json;
  readonly codes: readonly string[];
}

const forgedCalls = (definition: AnyResolverDefinition): ForgedCall[] => {
  // Optional payload fields type as `T | undefined`, which JSON has no value for; examples leave them out.
  const valid = (): Json => definition.examplePayload(target) as Json;
  // Resolvers open to any signed-in user read only through asUser(): Jira filters what the outsider
  // gets, so they may answer, but never with anything from the project the outsider cannot browse.
  const outsiderCodes = definition.access.kind === 'authenticated' ? ['FORBIDDEN', 'OK'] : ['FORBIDDEN'];
  const calls: ForgedCall[] = [
    { name: 'a user without access to the project', accountId: () => cast.outsider, payload: valid, codes: outsiderCodes, mustNotReveal: true },
    { name: 'no signed-in principal', accountId: () => undefined, payload: valid, codes: ['FORBIDDEN'] },
    {
      name: 'an identity smuggled into the payload',
      accountId: () => cast.outsider,
      payload: () => ({ ...(valid() as Record<string, Json>), accountId: cast.editor }),
      codes: ['INVALID_INPUT'],
    },
    { name: 'a payload that is not an object', accountId: () => cast.editor, payload: () => 'report', codes: ['INVALID_INPUT'] },
  ];
  if (definition.access.kind === 'issue' && definition.access.permission === 'EDIT_ISSUES' && cast.viewer !== undefined) {
    const viewer = cast.viewer;
    calls.push({ name: 'a user who may browse but not edit', accountId: () => viewer, payload: valid, codes: ['FORBIDDEN'] });
  }
  for (const path of stringPaths(valid())) {
    const field = path.join('.');
    // Identifiers end up in REST paths and JQL; free text is the user's own to write.
    if (/(key|id)$/i.test(path.at(-1) ?? '')) {
      calls.push({
        name: `${field} with a path-traversal and JQL-injection string`,
        accountId: () => cast.editor,
        payload: () => replaceAt(valid(), path, '../../rest/api/3/issue/OTHER-1" OR project = SECRET'),
        codes: ['INVALID_INPUT', 'TOO_LARGE', 'FORBIDDEN'],
      });
    }
    calls.push(
      { name: `${field} as an object`, accountId: () => cast.editor, payload: () => replaceAt(valid(), path, { forged: 12345 }), codes: ['INVALID_INPUT'] },
      { name: `${field} oversized (1 MB)`, accountId: () => cast.editor, payload: () => replaceAt(valid(), path, 'x'.repeat(1_000_000)), codes: ['TOO_LARGE', 'INVALID_INPUT'] },
    );
  }
  return calls;
};

describe('authorization matrix', () => {
  it('covers every resolver key in the contract', () => {
    expect(resolverRegistry.map((definition) => definition.key).sort()).toEqual([...RESOLVER_KEYS].sort());
  });

  it('aims its postmortem rows at a postmortem that exists, whose editor may read it', async () => {
    expect(await invokeResolver(sandbox, cast.editor, 'postmortem/get', { id: target.postmortemId }, 'postmortems')).toMatchObject({ ok: true, data: { postmortem: { id: target.postmortemId, revision: 2, actions: [{ id: 'a1' }] } } });
  });

  for (const definition of resolverRegistry) {
    describe(definition.key, () => {
      it.each(forgedCalls(definition).map((call) => [call.name, call] as const))('refuses %s and changes nothing', async (_name, call) => {
        const before = worldFingerprint(sandbox);

        const result = await invokeAs(sandbox, call.accountId(), definition.key, call.payload());

        const code = result.ok ? 'OK' : result.error.code;
        expect(call.codes).toContain(code);
        if (!result.ok) expect(result.error.message).toMatch(/^[A-Z].{10,}[.)]$/s);
        if (code !== 'OK') expect(worldFingerprint(sandbox)).toBe(before);
        if (call.mustNotReveal === true && result.ok) expect(JSON.stringify(result.data)).not.toMatch(new RegExp(`\\b${cast.projectKey}\\b`));
      });
    });
  }
});
