import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { type AppManifest, readManifest } from '../forge/manifest';
import { APP_ROOT } from '../sandbox';
import { parseProjectPagePath, projectPagePath, resolveNavigation } from './app-pages';

const SHOP = { key: 'SHOP', projectTypeKey: 'software' };
const DESK = { key: 'HELP', projectTypeKey: 'service_desk' };
const projectOf = (key: string) => [SHOP, DESK].find((project) => project.key === key);

describe('app page URLs', () => {
  let manifest: AppManifest;
  let appId = '';
  beforeAll(async () => {
    manifest = await readManifest(join(APP_ROOT, 'manifest.yml'));
    appId = manifest.raw.app.id.split('/').at(-1) ?? '';
  });

  it('puts a project page where Jira does, with the app route after it', () => {
    expect(projectPagePath(manifest, SHOP)).toBe(`/jira/software/projects/SHOP/apps/${appId}/sandbox-environment`);
    expect(projectPagePath(manifest, DESK, 'postmortem/pm-1')).toBe(`/jira/servicedesk/projects/HELP/apps/${appId}/sandbox-environment/postmortem/pm-1`);
  });

  it('reads the route back, and refuses another app’s or environment’s page', () => {
    expect(parseProjectPagePath(manifest, projectPagePath(manifest, SHOP, '/postmortem/pm-1'))).toEqual({
      projectKey: 'SHOP',
      route: '/postmortem/pm-1',
      base: projectPagePath(manifest, SHOP),
    });
    expect(parseProjectPagePath(manifest, projectPagePath(manifest, SHOP))?.route).toBe('/');
    expect(parseProjectPagePath(manifest, `/jira/software/projects/SHOP/apps/another-app/sandbox-environment`)).toBeUndefined();
    expect(parseProjectPagePath(manifest, `/jira/software/projects/SHOP/apps/${appId}/production`)).toBeUndefined();
  });

  it('resolves the router’s NavigationLocations the way Jira does', () => {
    const resolve = (location: unknown) => resolveNavigation(manifest, projectOf, location);
    expect(resolve({ target: 'module', moduleKey: 'postmortems', projectKey: 'SHOP', path: '/postmortem/pm-1' })).toBe(projectPagePath(manifest, SHOP, '/postmortem/pm-1'));
    expect(resolve({ target: 'issue', issueKey: 'SHOP-1' })).toBe('/browse/SHOP-1');
    expect(resolve({ target: 'dashboard', dashboardId: '1' })).toBe('/jira/dashboards/1');
    expect(resolve({ target: 'module', moduleKey: 'project-settings', projectKey: 'SHOP' })).toBe('/jira/projects/SHOP/settings/apps');
    expect(resolve({ url: '/browse/SHOP-2', type: 'same-tab' })).toBe('/browse/SHOP-2');
  });

  it('rejects a location with no such module, project or target, saying which', () => {
    const resolve = (location: unknown) => () => resolveNavigation(manifest, projectOf, location);
    expect(resolve({ target: 'module', moduleKey: 'nope' })).toThrow(/no module "nope"/);
    expect(resolve({ target: 'module', moduleKey: 'postmortems', projectKey: 'NOPE' })).toThrow(/projectKey of an existing project/);
    expect(resolve({ target: 'contentView', contentId: '1' })).toThrow(/NavigationLocation/);
  });
});
