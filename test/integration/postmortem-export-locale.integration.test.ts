/**
 * fixes part (issue 15): the Markdown export reads dates in the viewer's locale, as the page does
 * (the page passes its locale: the resolver context carries none), in the zone the postmortem chose.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { contentOf } from '../../src/domain/postmortem/review';
import { Sandbox } from '../../sandbox/sandbox';
import { createIssue } from '../support/jira-helpers';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const PAGE = 'postmortems';
let sandbox: Sandbox;
let id: string;

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
  const incident = await createIssue(sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary: 'Checkout returns 502 for every basket' });
  const started = dataOf(await invokeResolver(sandbox, people.devon, 'postmortem/start', { issueKey: incident }, PAGE)).postmortem;
  const impact = { ...started.impact, timeZone: 'Europe/Berlin', started: '2026-11-20T14:12:00Z' };
  id = dataOf(await invokeResolver(sandbox, people.devon, 'postmortem/save', { id: started.id, edit: { ...contentOf(started), impact }, baseRevision: started.revision }, PAGE)).postmortem.id;
});

describe('the Markdown export in the viewer’s locale', () => {
  it.each([
    ['en-US', '- Impact started: Nov 20, 2026, 03:12 PM (Europe/Berlin)'],
    ['de-DE', '- Impact started: 20. Nov. 2026, 15:12 (Europe/Berlin)'],
  ])('%s', async (locale, line) => {
    const exported = dataOf(await invokeResolver(sandbox, people.mia, 'postmortem/exportMarkdown', { id, locale }, PAGE));
    expect(exported.markdown.split('\n')).toContain(line);
  });

  it('refuses a malformed locale, and someone who cannot see the postmortem', async () => {
    expectRefusal(await invokeResolver(sandbox, people.mia, 'postmortem/exportMarkdown', { id, locale: '<script>' }, PAGE), 'INVALID_INPUT', /./);
    expect(await invokeResolver(sandbox, people.otto, 'postmortem/exportMarkdown', { id, locale: 'en-US' }, PAGE)).toMatchObject({ ok: false });
  });
});
