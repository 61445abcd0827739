import { describe, expect, it } from 'vitest';

import { postmortemLineOf, postmortemsPathFor } from './postmortem-line';

describe('postmortemLineOf', () => {
  it('names an existing postmortem with its status', () => {
    expect(postmortemLineOf({ postmortem: { id: 'pm-0001', title: 'Payments outage', status: 'in-review' }, canStart: true })).toEqual({ kind: 'open', text: 'Postmortem: Payments outage (in review)' });
  });

  it('offers to start one only when the person may', () => {
    expect(postmortemLineOf({ postmortem: null, canStart: true })).toEqual({ kind: 'start' });
    expect(postmortemLineOf({ postmortem: null, canStart: false })).toEqual({ kind: 'none' });
  });

  it('goes to the issue’s project apps page', () => {
    expect(postmortemsPathFor('SHOP-155')).toBe('/jira/projects/SHOP/apps');
  });
});
