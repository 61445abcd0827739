import { describe, expect, it } from 'vitest';

import { parsePostmortemRoute, postmortemLocation, postmortemPageUrl, postmortemPath } from './postmortem-route';

describe('postmortem routes', () => {
  it('reads a postmortem path back to its id, including ids that need escaping', () => {
    expect(parsePostmortemRoute(postmortemPath('pm-shop-1-abcdef12'))).toEqual({ kind: 'postmortem', id: 'pm-shop-1-abcdef12' });
    expect(parsePostmortemRoute(postmortemPath('pm a/b'))).toEqual({ kind: 'postmortem', id: 'pm a/b' });
    expect(parsePostmortemRoute('/postmortem/pm-1/')).toEqual({ kind: 'postmortem', id: 'pm-1' });
  });

  it('reads the top, unknown paths and broken escapes as the list', () => {
    for (const path of ['/', '', '/postmortem/', '/somewhere/else', '/postmortem/pm-1/timeline', '/postmortem/%E0%A4%A']) {
      expect(parsePostmortemRoute(path)).toEqual({ kind: 'list' });
    }
  });

  it('navigates to the project page module with the route after it', () => {
    expect(postmortemLocation('SHOP', 'pm-1')).toEqual({ target: 'module', moduleKey: 'postmortems', projectKey: 'SHOP', path: '/postmortem/pm-1' });
    expect(postmortemLocation('SHOP', null)).toMatchObject({ path: '/' });
  });

  it('builds the same place as a URL on the site, for when the router refuses the module location', () => {
    const page = { projectType: 'software', projectKey: 'SHOP', appId: '8c3f1e0a', environmentId: 'env-1' };
    expect(postmortemPageUrl(page, 'pm-1')).toBe('/jira/software/projects/SHOP/apps/8c3f1e0a/env-1/postmortem/pm-1');
    expect(postmortemPageUrl(page, null)).toBe('/jira/software/projects/SHOP/apps/8c3f1e0a/env-1');
    expect(postmortemPageUrl({ ...page, projectType: 'business' }, 'pm 1')).toBe('/jira/core/projects/SHOP/apps/8c3f1e0a/env-1/postmortem/pm%201');
    expect(postmortemPageUrl({ ...page, projectType: undefined }, 'pm-1')).toMatch(/^\/jira\/software\//);
  });
});
