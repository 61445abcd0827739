import { describe, expect, it } from 'vitest';

import { STATUS_LABELS, postmortemLocation, postmortemPageUrl, projectKeyOf } from './postmortem-links';

describe('postmortem links', () => {
  it('names each status', () => {
    expect(STATUS_LABELS).toEqual({ draft: 'Draft', 'in-review': 'In review', published: 'Published' });
  });

  it('finds the project of an issue', () => {
    expect(projectKeyOf('SHOP-12')).toBe('SHOP');
    expect(projectKeyOf('MY_TEAM2-7')).toBe('MY_TEAM2');
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
