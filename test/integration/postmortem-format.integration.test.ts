/**
 * format part (issue 15): contributing factors, what went well and where we got lucky through the
 * resolvers: stored and read back, in the version history and the export, read for blame hints,
 * refused on a stale revision (two people at once) and on a published postmortem.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import type { PostmortemView } from '../../src/contract/postmortem.contract';
import { LOCKED_SENTENCE, contentOf } from '../../src/domain/postmortem/review';
import { Sandbox } from '../../sandbox/sandbox';
import { createIssue } from '../support/jira-helpers';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';
import { reviewAndApprove } from '../support/postmortem-review';

const { devon: OWNER, mia: REVIEWER, sam: EDITOR, rita: READER } = people;
const PAGE = 'postmortems';
type Stored = PostmortemView['postmortem'];

let sandbox: Sandbox;
let incident: string;

const complete = (postmortem: Stored): ReturnType<typeof contentOf> => ({
  ...contentOf(postmortem),
  summary: 'Checkout failed for 40 minutes after a gateway config change.',
  answers: { detect: 'Alert on 502 rate.', react: 'Page the gateway owner.', quickFix: 'One-click rollback.', prevent: 'Validate config in CI.', otherRisks: 'The search proxy shares the setup.' },
});
const save = (as: string, postmortem: Stored, change: Partial<ReturnType<typeof contentOf>>) =>
  invokeResolver(sandbox, as, 'postmortem/save', { id: postmortem.id, edit: { ...complete(postmortem), ...change }, baseRevision: postmortem.revision }, PAGE);
const started = async (): Promise<Stored> => dataOf(await invokeResolver(sandbox, OWNER, 'postmortem/start', { issueKey: incident }, PAGE)).postmortem;

const FACTORS = [
  { id: 'f-1', text: 'The gateway config change skipped CI validation', category: 'change' as const },
  { id: 'f-2', text: 'No alert on the 502 rate', category: 'monitoring' as const },
  { id: 'f-3', text: 'The fallback had never been exercised', category: null },
];

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
  incident = await createIssue(sandbox, READER, { project: 'SHOP', type: 'Incident', summary: 'Checkout returns 502 for every basket' });
});

describe('contributing factors and lessons', () => {
  it('a new postmortem starts with none; saved ones read back, in the history and the export in page order', async () => {
    const fresh = await started();
    expect(fresh.contributingFactors ?? []).toEqual([]);
    const view = dataOf(await save(OWNER, fresh, { contributingFactors: FACTORS, wentWell: 'The rollback runbook worked first time.', gotLucky: 'It happened outside peak hours.' }));
    const read = dataOf(await invokeResolver(sandbox, EDITOR, 'postmortem/get', { id: fresh.id }, PAGE));
    expect(read.postmortem).toMatchObject({ contributingFactors: FACTORS, wentWell: 'The rollback runbook worked first time.', gotLucky: 'It happened outside peak hours.' });
    expect(view.review.history.at(-1)?.sections).toEqual(expect.arrayContaining(['contributingFactors', 'wentWell', 'gotLucky']));
    const md = read.markdown;
    expect(md.indexOf('## Contributing factors')).toBeGreaterThan(md.indexOf('## Timeline'));
    expect(md.indexOf('## Where we got lucky')).toBeGreaterThan(md.indexOf('## What went well'));
    expect(md.indexOf('## Detect')).toBeGreaterThan(md.indexOf('## Where we got lucky'));
    expect(md).toContain('- Monitoring and alerting: No alert on the 502 rate');
    expect(md).toContain('- The fallback had never been exercised');
  });

  it('shows blame hints in a factor and in both lessons, and never blocks the save', async () => {
    const fresh = await started();
    const result = await save(OWNER, fresh, {
      contributingFactors: [{ id: 'f-1', text: 'Rita broke production with the config', category: 'change' }],
      wentWell: 'Nothing, Bob was careless',
      gotLucky: 'It was Bob’s fault it happened at night',
    });
    expect(result.ok).toBe(true);
    expect(dataOf(result).blameHints.map((hint) => hint.where)).toEqual(expect.arrayContaining(['Contributing factor 1', 'What went well', 'Where we got lucky']));
  });

  it.each([
    ['an unknown kind', { contributingFactors: [{ id: 'f-1', text: 'x', category: 'people' }] }],
    ['an empty factor', { contributingFactors: [{ id: 'f-1', text: '', category: null }] }],
    ['a factor too long', { contributingFactors: [{ id: 'f-1', text: 'x'.repeat(1_001), category: null }] }],
    ['51 factors', { contributingFactors: Array.from({ length: 51 }, (_, i) => ({ id: `f-${String(i)}`, text: 'x', category: null })) }],
    ['a lesson too long', { gotLucky: 'x'.repeat(10_001) }],
  ])('refuses %s and stores nothing', async (_name, change) => {
    const fresh = await started();
    const result = await save(OWNER, fresh, change as Partial<ReturnType<typeof contentOf>>);
    expect(['INVALID_INPUT', 'TOO_LARGE']).toContain(result.ok ? 'saved' : result.error.code);
    expect(dataOf(await invokeResolver(sandbox, OWNER, 'postmortem/get', { id: fresh.id }, PAGE)).postmortem.revision).toBe(fresh.revision);
  });

  it('two people saving from the same version: one lands, the other gets CONFLICT, nothing is overwritten', async () => {
    const fresh = await started();
    const [devon, sam] = await Promise.all([save(OWNER, fresh, { gotLucky: 'Quiet Sunday.' }), save(EDITOR, fresh, { contributingFactors: FACTORS })]);
    const codes = [devon, sam].map((result) => (result.ok ? 'ok' : result.error.code)).sort();
    expect(codes).toEqual(['CONFLICT', 'ok']);
    const stored = dataOf(await invokeResolver(sandbox, OWNER, 'postmortem/get', { id: fresh.id }, PAGE)).postmortem;
    // The one that landed is whole; the refused one is merged on the page and saved again.
    const redo = devon.ok ? save(EDITOR, stored, { contributingFactors: FACTORS, gotLucky: stored.gotLucky ?? '' }) : save(OWNER, stored, { gotLucky: 'Quiet Sunday.', contributingFactors: stored.contributingFactors ?? [] });
    const final = dataOf(await redo).postmortem;
    expect(final).toMatchObject({ gotLucky: 'Quiet Sunday.', contributingFactors: FACTORS });
  });

  it('a published postmortem refuses a change to them', async () => {
    const view = dataOf(await save(OWNER, await started(), { contributingFactors: FACTORS, wentWell: 'Rollback worked.' }));
    const approved = await reviewAndApprove(sandbox, OWNER, REVIEWER, view);
    const done = dataOf(await invokeResolver(sandbox, OWNER, 'postmortem/publish', { id: approved.postmortem.id, baseRevision: approved.postmortem.revision, confirmBlameHints: false }, PAGE));
    for (const change of [{ wentWell: 'Rewritten after publishing' }, { contributingFactors: [] }, { gotLucky: 'Added later' }]) {
      const result = await save(OWNER, done.postmortem, change);
      expect(result.ok ? 'saved' : result.error.message).toBe(LOCKED_SENTENCE);
    }
    expect(dataOf(await invokeResolver(sandbox, OWNER, 'postmortem/get', { id: done.postmortem.id }, PAGE)).postmortem).toMatchObject({ wentWell: 'Rollback worked.', contributingFactors: FACTORS });
  });
});
