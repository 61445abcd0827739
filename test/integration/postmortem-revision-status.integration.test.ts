/**
 * fixes part (issue 15): while a revision of a published postmortem is open, the project's list and
 * the incident's panel say a published version exists, not only "Draft".
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { contentOf } from '../../src/domain/postmortem/review';
import { Sandbox } from '../../sandbox/sandbox';
import { createIssue } from '../support/jira-helpers';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';
import { reviewAndApprove } from '../support/postmortem-review';

const PAGE = 'postmortems';
let sandbox: Sandbox;
let incident: string;

const listed = async (id: string) => dataOf(await invokeResolver(sandbox, people.rita, 'postmortem/list', { projectKey: 'SHOP' }, PAGE)).postmortems.find((row) => row.id === id);
const pointer = async () => dataOf(await invokeResolver(sandbox, people.rita, 'postmortem/forIssue', { issueKey: incident })).postmortem;

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
  incident = await createIssue(sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary: 'Checkout returns 502 for every basket' });
});

describe('a published postmortem with a revision open', () => {
  it('reads as a revision of a published postmortem in the list and on the incident’s panel', async () => {
    const started = dataOf(await invokeResolver(sandbox, people.devon, 'postmortem/start', { issueKey: incident }, PAGE)).postmortem;
    expect(await listed(started.id)).toMatchObject({ status: 'draft', revisionOfPublished: false });
    expect(await pointer()).toMatchObject({ status: 'draft', revisionOfPublished: false });

    const edit = { ...contentOf(started), summary: 'Checkout failed for 40 minutes.', answers: { detect: 'Alert.', react: 'Page.', quickFix: 'Rollback.', prevent: 'Validate.', otherRisks: 'Search proxy.' } };
    const written = dataOf(await invokeResolver(sandbox, people.devon, 'postmortem/save', { id: started.id, edit, baseRevision: started.revision }, PAGE));
    const approved = await reviewAndApprove(sandbox, people.devon, people.mia, written);
    const done = dataOf(await invokeResolver(sandbox, people.devon, 'postmortem/publish', { id: started.id, baseRevision: approved.postmortem.revision, confirmBlameHints: false }, PAGE));
    expect(await listed(started.id)).toMatchObject({ status: 'published', revisionOfPublished: false });

    await invokeResolver(sandbox, people.devon, 'postmortem/openRevision', { id: started.id, baseRevision: done.postmortem.revision }, PAGE);

    expect(await listed(started.id)).toMatchObject({ status: 'draft', revisionOfPublished: true });
    expect(await pointer()).toMatchObject({ status: 'draft', revisionOfPublished: true });
  });
});
