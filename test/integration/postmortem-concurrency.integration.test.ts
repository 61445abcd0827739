/**
 * Two people saving the same postmortem from the same version, under Jira and storage latency: the
 * store decides who wins (a conditional KVS transaction on the postmortem's revision), never a
 * read-then-write in the app. Every round: one save lands, the other gets CONFLICT, nothing is lost
 * silently. The same holds for every change that writes a postmortem.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import type { PostmortemView } from '../../src/contract/postmortem.contract';
import { Sandbox } from '../../sandbox/sandbox';
import { createIssue } from '../support/jira-helpers';
import { delayStorage } from '../support/storage-latency';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';
import { sendToReview } from '../support/postmortem-review';

const DEVON = people.devon;
const SAM = people.sam;
const ROUNDS = 20;

let sandbox: Sandbox;
let incident: string;

const editOf = (postmortem: PostmortemView['postmortem'], summary: string) => ({
  title: postmortem.title,
  severity: postmortem.severity,
  owner: postmortem.owner,
  incidents: postmortem.incidents,
  artifacts: postmortem.artifacts,
  summary,
  customerImpact: postmortem.customerImpact,
  impact: postmortem.impact,
  timeline: postmortem.timeline,
  answers: postmortem.answers,
  actions: postmortem.actions,
  remediation: postmortem.remediation,
});

const stored = async (id: string): Promise<PostmortemView['postmortem']> => dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/get', { id })).postmortem;

beforeAll(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo', jiraLatency: { minMs: 5, maxMs: 25 } });
  delayStorage(sandbox, { minMs: 2, maxMs: 12 });
  incident = await createIssue(sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary: 'Checkout returns 502 for every basket' });
});

describe('postmortem saves under latency', () => {
  it(`never loses a save: of two from the same version one lands and the other gets CONFLICT, ${String(ROUNDS)} rounds`, async () => {
    const started = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/start', { issueKey: incident }));
    let current = started.postmortem;
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const [devon, sam] = await Promise.all([
        invokeResolver(sandbox, DEVON, 'postmortem/save', { id: current.id, edit: editOf(current, `Devon, round ${String(round)}`), baseRevision: current.revision }),
        invokeResolver(sandbox, SAM, 'postmortem/save', { id: current.id, edit: editOf(current, `Sam, round ${String(round)}`), baseRevision: current.revision }),
      ]);
      const after = await stored(current.id);
      const landed = [devon, sam].flatMap((result) => (result.ok ? [result.data.postmortem.summary] : []));
      const refused = [devon, sam].flatMap((result) => (result.ok ? [] : [result.error.code]));
      // Lost: someone was told "saved" and the stored text is not theirs.
      const lost = landed.filter((summary) => summary !== after.summary).length;
      outcomes.push(`${String(landed.length)} landed, ${refused.join('+') || 'none'} refused, ${String(lost)} lost, revision +${String(after.revision - current.revision)}`);
      current = after;
    }
    expect(outcomes).toEqual(Array.from({ length: ROUNDS }, () => '1 landed, CONFLICT refused, 0 lost, revision +1'));
  });

  it('lets a status change, a timeline refresh and a save from the same version race without losing any of them', async () => {
    const other = await createIssue(sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary: 'Search times out' });
    const started = await sendToReview(sandbox, DEVON, people.mia, dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/start', { issueKey: other })));
    for (let round = 0; round < 10; round += 1) {
      const current = await stored(started.postmortem.id);
      const to = current.status === 'draft' ? 'in-review' : 'draft';
      const results = await Promise.all([
        invokeResolver(sandbox, DEVON, 'postmortem/setStatus', { id: current.id, to, baseRevision: current.revision }),
        invokeResolver(sandbox, SAM, 'postmortem/save', { id: current.id, edit: editOf(current, `Sam, round ${String(round)}`), baseRevision: current.revision }),
        invokeResolver(sandbox, SAM, 'postmortem/refreshTimeline', { id: current.id, baseRevision: current.revision }),
      ]);
      const after = await stored(current.id);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(results.flatMap((result) => (result.ok ? [] : [result.error.code]))).toEqual(['CONFLICT', 'CONFLICT']);
      const [status, save] = results;
      expect(after.status).toBe(status.ok ? to : current.status);
      expect(after.summary).toBe(save.ok ? `Sam, round ${String(round)}` : current.summary);
      expect(after.revision).toBe(current.revision + 1);
    }
  });
});
