import { describe, expect, it } from 'vitest';

import { postmortemLineOf, postmortemLocationFor, postmortemUrlFor } from './postmortem-line';

describe('postmortemLineOf', () => {
  it('names an existing postmortem with its status', () => {
    expect(postmortemLineOf({ postmortem: { id: 'pm-0001', title: 'Payments outage', status: 'in-review' }, canStart: true })).toEqual({ kind: 'open', postmortemId: 'pm-0001', text: 'Postmortem: Payments outage (in review)' });
  });

  it('does not say “Postmortem” twice when the title already does', () => {
    expect(postmortemLineOf({ postmortem: { id: 'pm-1', title: 'Postmortem: Payments outage', status: 'draft' }, canStart: true })).toMatchObject({ text: 'Postmortem: Payments outage (draft)' });
  });

  it('offers to start one only when the person may', () => {
    expect(postmortemLineOf({ postmortem: null, canStart: true })).toEqual({ kind: 'start' });
    expect(postmortemLineOf({ postmortem: null, canStart: false })).toEqual({ kind: 'none' });
  });

  it('goes to that postmortem on the Postmortems page of the issue’s project', () => {
    expect(postmortemLocationFor('MY_TEAM2-155', 'pm-my_team2-155-1')).toEqual({ target: 'module', moduleKey: 'postmortems', projectKey: 'MY_TEAM2', path: '/postmortem/pm-my_team2-155-1' });
  });

  it('has the same place as a URL, for when the router refuses the module location', () => {
    expect(postmortemUrlFor('SHOP-155', 'pm-1', { appId: 'app-1', environmentId: 'env-1' }, 'software')).toBe('/jira/software/projects/SHOP/apps/app-1/env-1/postmortem/pm-1');
  });
});
