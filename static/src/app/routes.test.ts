import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import type { CallResolver } from '../api/resolver-client';
import type { AppContext } from '../platform/context-shape';
import { ROUTES, findRoute } from './routes';

const context = (moduleKey: string, extension: AppContext['extension'] = {}): AppContext => ({ moduleKey, extension });

describe('findRoute', () => {
  const routes = { gadget: 'gadget view', 'gadget:edit': 'gadget editor', panel: 'panel' };

  it('routes on the module key', () => {
    expect(findRoute(routes, context('panel'))).toBe('panel');
  });

  it('prefers moduleKey:entryPoint for modules with several views', () => {
    expect(findRoute(routes, context('gadget', { entryPoint: 'edit' }))).toBe('gadget editor');
  });

  it('falls back to the module key for an entry point without its own route', () => {
    expect(findRoute(routes, context('gadget', { entryPoint: 'view' }))).toBe('gadget view');
  });

  it('finds nothing for an unknown module, including inherited object keys', () => {
    expect(findRoute(routes, context('nope'))).toBeUndefined();
    expect(findRoute(routes, context('toString'))).toBeUndefined();
  });
});

describe('ROUTES', () => {
  it('names only modules that manifest.yml declares', () => {
    const manifest = parse(readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8')) as {
      modules: Record<string, Array<{ key: string }>>;
    };
    const declared = new Set(Object.values(manifest.modules).flatMap((list) => list.map((m) => m.key)));
    const routed = Object.keys(ROUTES).map((key) => key.split(':')[0]);
    expect(routed.filter((key) => key === undefined || !declared.has(key))).toEqual([]);
  });

  it('.payload: the report panel asks for the report of the context issue as soon as it starts', () => {
    const calls: unknown[][] = [];
    const callResolver = ((key: string, payload: unknown) => {
      calls.push([key, payload]);
      return Promise.resolve({ ok: true, data: { issueKey: 'SHOP-7', report: null, canEdit: true } });
    }) as CallResolver;
    const route = ROUTES['production-report-panel'];
    const started = route?.start(context('production-report-panel', { issue: { key: 'SHOP-7', id: '10007' } }), { callResolver });
    expect(started?.ok).toBe(true);
    expect(calls).toEqual([['report/get', { issueKey: 'SHOP-7' }]]);
  });

  it('the report panel explains itself when the context has no issue, without calling the backend', () => {
    const calls: unknown[] = [];
    const callResolver = ((...args: unknown[]) => {
      calls.push(args);
      return Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: 'x' } });
    }) as CallResolver;
    const started = ROUTES['production-report-panel']?.start(context('production-report-panel'), { callResolver });
    expect(started?.ok).toBe(false);
    expect(started?.ok === false ? started.message : '').toMatch(/which issue/);
    expect(calls).toEqual([]);
  });
});
