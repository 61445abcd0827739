/**
 * fixes part (issue 15): a save from the page sends impact times at the minute its inputs show. When
 * the person did not change them, the version history must not list "Impact times".
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { contentOf } from '../../src/domain/postmortem/review';
import { Sandbox } from '../../sandbox/sandbox';
import { createIssue } from '../support/jira-helpers';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const PAGE = 'postmortems';
let sandbox: Sandbox;
let incident: string;

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
  incident = await createIssue(sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary: 'Checkout returns 502 for every basket' });
});

describe('impact times in the version history', () => {
  it('lists only what the person changed when the page sends the times back at minute precision', async () => {
    const started = dataOf(await invokeResolver(sandbox, people.devon, 'postmortem/start', { issueKey: incident }, PAGE)).postmortem;
    const withSeconds = { ...started.impact, timeZone: 'Europe/Berlin', started: '2026-11-20T14:12:37.000Z', detected: '2026-11-20T14:20:09Z' };
    const first = dataOf(await invokeResolver(sandbox, people.devon, 'postmortem/save', { id: started.id, edit: { ...contentOf(started), impact: withSeconds }, baseRevision: started.revision }, PAGE)).postmortem;
    expect(first.history?.at(-1)).toMatchObject({ event: 'saved', sections: ['impact'] });

    // What the page sends back: the same minutes, no seconds, and a new summary.
    const fromPage = { ...contentOf(first), summary: 'Checkout failed for 40 minutes.', impact: { ...first.impact, started: '2026-11-20T14:12:00Z', detected: '2026-11-20T14:20:00Z' } };
    const second = dataOf(await invokeResolver(sandbox, people.devon, 'postmortem/save', { id: first.id, edit: fromPage, baseRevision: first.revision }, PAGE)).postmortem;

    expect(second.history?.at(-1)).toMatchObject({ event: 'saved', sections: ['summary'] });
    expect(second.impact).toMatchObject({ started: '2026-11-20T14:12:37.000Z', detected: '2026-11-20T14:20:09Z' });

    // A minute the person did change is a change.
    const moved = { ...contentOf(second), impact: { ...second.impact, detected: '2026-11-20T14:25:00Z' } };
    const third = dataOf(await invokeResolver(sandbox, people.devon, 'postmortem/save', { id: second.id, edit: moved, baseRevision: second.revision }, PAGE)).postmortem;
    expect(third.history?.at(-1)).toMatchObject({ event: 'saved', sections: ['impact'] });
    expect(third.impact.detected).toBe('2026-11-20T14:25:00Z');
  });
});
