import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { answer, createFakeResolvers, refusal } from '../api/testing/fake-resolvers';
import type { AppContext } from '../platform/context-shape';
import { POSTMORTEMS_MODULE_KEY } from '../shared/postmortem-links';
import { generateCapacityView } from '../shared/testing/capacity-view.factory';
import { generateView } from '../shared/testing/report-view.factory';
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
  /**
   * The routes each Custom UI module of manifest.yml needs: its key when it has a resource of its
   * own, and `key:entryPoint` per view that has one (a gadget has both: its view and `edit`).
   */
  const manifestRoutes = (): string[] => {
    const manifest = parse(readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8')) as {
      modules: Record<string, Array<Record<string, unknown> & { key: string }>>;
    };
    return Object.values(manifest.modules).flatMap((list) =>
      list.flatMap((module) => {
        const views = ['create', 'edit', 'view'].filter((entryPoint) => {
          const view = module[entryPoint];
          return typeof view === 'object' && view !== null && 'resource' in view;
        });
        // A module with views but no resource of its own also needs its plain key: Jira may not say which view it shows.
        return [...('resource' in module || views.length > 0 ? [module.key] : []), ...views.map((entryPoint) => `${module.key}:${entryPoint}`)];
      }),
    );
  };

  it('routes every Custom UI module that manifest.yml declares, each view of a validator on its own', () => {
    const needed = manifestRoutes();
    expect(needed).toEqual(expect.arrayContaining(['severity-policy-admin', 'severity-policy-validator:create', 'severity-policy-validator:edit', 'severity-policy-validator:view']));
    expect(needed.filter((key) => !Object.hasOwn(ROUTES, key))).toEqual([]);
  });

  it('links to postmortems through the jira:projectPage module manifest.yml declares', () => {
    const manifest = parse(readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8')) as { modules: Record<string, Array<{ key: string }>> };
    expect((manifest.modules['jira:projectPage'] ?? []).map((module) => module.key)).toContain(POSTMORTEMS_MODULE_KEY);
  });

  it('names only modules that manifest.yml declares', () => {
    const declared = new Set(manifestRoutes());
    expect(Object.keys(ROUTES).filter((key) => !declared.has(key))).toEqual([]);
  });

  it('.payload: the report panel asks for the report of the context issue as soon as it starts', () => {
    const { calls, callResolver } = createFakeResolvers({ 'report/get': ({ issueKey }) => answer(generateView({ issueKey, report: null })) });
    const route = ROUTES['production-report-panel'];
    const started = route?.start(context('production-report-panel', { issue: { key: 'SHOP-7', id: '10007' } }), { callResolver });
    expect(started?.ok).toBe(true);
    expect(calls).toEqual([{ key: 'report/get', payload: { issueKey: 'SHOP-7' } }]);
  });

  it('the report panel explains itself when the context has no issue, without calling the backend', () => {
    const { calls, callResolver } = createFakeResolvers();
    const started = ROUTES['production-report-panel']?.start(context('production-report-panel'), { callResolver });
    expect(started?.ok).toBe(false);
    expect(started?.ok === false ? started.message : '').toMatch(/which issue/);
    expect(calls).toEqual([]);
  });

  it('.payload: the Definition of Ready panel asks for the same report view as soon as it starts', () => {
    const { calls, callResolver } = createFakeResolvers();
    const started = ROUTES['definition-of-ready-panel']?.start(context('definition-of-ready-panel', { issue: { key: 'SHOP-7', id: '10007' } }), { callResolver });
    expect(started?.ok).toBe(true);
    expect(calls).toEqual([{ key: 'report/get', payload: { issueKey: 'SHOP-7' } }]);
  });

  it('.payload: the project settings page asks for the settings and the severity policy of the context project', () => {
    const { calls, callResolver } = createFakeResolvers();
    const started = ROUTES['project-settings']?.start(context('project-settings', { project: { key: 'SHOP', id: '10000' } }), { callResolver });
    expect(started?.ok).toBe(true);
    expect(calls).toEqual([
      { key: 'config/getProject', payload: { projectKey: 'SHOP' } },
      { key: 'policy/getProject', payload: { projectKey: 'SHOP' } },
    ]);
    expect(ROUTES['project-settings']?.start(context('project-settings'), { callResolver }).ok).toBe(false);
  });

  it('routes the issue panels and the project settings page', () => {
    expect(Object.keys(ROUTES)).toEqual(expect.arrayContaining(['production-report-panel', 'definition-of-ready-panel', 'project-settings']));
  });

  it('.payload: the severity policy page asks for the site policy as soon as it starts', () => {
    const { calls, callResolver } = createFakeResolvers();
    expect(ROUTES['severity-policy-admin']?.start(context('severity-policy-admin'), { callResolver }).ok).toBe(true);
    expect(calls).toEqual([{ key: 'policy/getSite', payload: {} }]);
  });

  it('.payload: the validator editor reads the site policy for its levels; its view calls nothing', () => {
    const { calls, callResolver } = createFakeResolvers({}, { otherwise: refusal('FORBIDDEN') });
    const validator = (entryPoint: string) => context('severity-policy-validator', { entryPoint, validatorConfig: '{}' });
    expect(findRoute(ROUTES, validator('create'))?.start(validator('create'), { callResolver }).ok).toBe(true);
    expect(findRoute(ROUTES, validator('edit'))?.start(validator('edit'), { callResolver }).ok).toBe(true);
    expect(calls).toEqual([
      { key: 'policy/getSite', payload: {} },
      { key: 'policy/getSite', payload: {} },
    ]);
    expect(findRoute(ROUTES, validator('view'))?.start(validator('view'), { callResolver }).ok).toBe(true);
    expect(calls).toHaveLength(2);
  });

  it('picks the rule’s page from what Jira documents for it when it does not say which page it shows', () => {
    // Forge documents validatorConfig (absent on create) and isNewEditor for these pages, not entryPoint.
    const created = context('severity-policy-validator', { isNewEditor: true });
    const edited = context('severity-policy-validator', { isNewEditor: true, validatorConfig: '{}' });
    const createRoute = findRoute(ROUTES, created);
    expect(createRoute).toBeDefined();
    expect(findRoute(ROUTES, edited)).toBe(createRoute);
    const elementProps = (extension: AppContext['extension']): unknown => {
      const started = createRoute?.start(context('severity-policy-validator', extension), { callResolver: createFakeResolvers({}, { otherwise: refusal('FORBIDDEN') }).callResolver });
      return started?.ok === true ? started.element.props : undefined;
    };
    expect(elementProps({ isNewEditor: true })).toMatchObject({ rawConfig: undefined, newEditor: true });
    expect(elementProps({ validatorConfig: '{"failMode":"open"}' })).toMatchObject({ rawConfig: '{"failMode":"open"}', newEditor: false });
  });
});

describe('postmortems route', () => {
  it('.payload: the project page lists the context project’s postmortems as soon as it starts', () => {
    const { calls, callResolver } = createFakeResolvers();
    expect(ROUTES['postmortems']?.start(context('postmortems', { project: { key: 'SHOP', id: '10000' } }), { callResolver }).ok).toBe(true);
    expect(calls).toEqual([{ key: 'postmortem/list', payload: { projectKey: 'SHOP' } }]);
    expect(ROUTES['postmortems']?.start(context('postmortems'), { callResolver }).ok).toBe(false);
    expect(calls).toHaveLength(1);
  });
});

describe('capacity gadget routes', () => {
  const recorder = () => createFakeResolvers();
  const gadget = (extension: AppContext['extension']) => context('capacity-gadget', extension);
  const saved = { boardId: 7, sprint: 'active', measure: 'points', trendSprints: 6, planningSprints: 3, criteria: null };

  it('routes the gadget view and its edit view, which manifest.yml declares', () => {
    expect(Object.keys(ROUTES)).toEqual(expect.arrayContaining(['capacity-gadget', 'capacity-gadget:edit']));
    expect(findRoute(ROUTES, gadget({ entryPoint: 'edit' }))).toBe(ROUTES['capacity-gadget:edit']);
    expect(findRoute(ROUTES, gadget({}))).toBe(ROUTES['capacity-gadget']);
  });

  it('.payload: the view computes the saved configuration as soon as it starts', () => {
    const { calls, callResolver } = recorder();
    expect(ROUTES['capacity-gadget']?.start(gadget({ gadgetConfiguration: saved }), { callResolver }).ok).toBe(true);
    expect(calls).toEqual([{ key: 'capacity/compute', payload: saved }]);
  });

  it('hands the view the backend’s answer to that first computation, so it does not ask twice', async () => {
    const view = generateCapacityView();
    const { calls, callResolver } = createFakeResolvers({ 'capacity/compute': () => answer(view) });
    const started = ROUTES['capacity-gadget']?.start(gadget({ gadgetConfiguration: saved }), { callResolver });
    const props = started?.ok === true ? (started.element.props as { firstLoad: unknown }) : undefined;
    expect(await props?.firstLoad).toEqual({ ok: true, data: view });
    expect(calls).toHaveLength(1);
  });

  it('.payload: a new gadget (no board yet) computes nothing', () => {
    const { calls, callResolver } = recorder();
    expect(ROUTES['capacity-gadget']?.start(gadget({ gadgetConfiguration: {} }), { callResolver }).ok).toBe(true);
    expect(calls).toEqual([]);
  });

  it('.payload: the edit view lists the boards, and the saved board’s sprints, as soon as it starts', () => {
    const { calls, callResolver } = recorder();
    ROUTES['capacity-gadget:edit']?.start(gadget({ entryPoint: 'edit', gadgetConfiguration: saved }), { callResolver });
    expect(calls).toEqual([
      { key: 'capacity/listBoards', payload: {} },
      { key: 'capacity/listSprints', payload: { boardId: 7 } },
    ]);
    const fresh = recorder();
    ROUTES['capacity-gadget:edit']?.start(gadget({ entryPoint: 'edit', gadgetConfiguration: {} }), { callResolver: fresh.callResolver });
    expect(fresh.calls).toEqual([{ key: 'capacity/listBoards', payload: {} }]);
  });
});
