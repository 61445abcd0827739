/**
 * Two people saving the same issue's report at the same moment, with Jira answering in 20–80 ms:
 * storage decides (compare-and-swap), so exactly one save wins and the other is told, every round.
 * Nothing is lost silently: what the stored record says is what the winner saved.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import type { ReportView } from '../../src/contract/report.contract';
import type { ResolverResult } from '../../src/contract/result';
import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { Sandbox } from '../../sandbox/sandbox';
import { appReport } from '../support/app-storage';
import { createIssue, jiraCall } from '../support/jira-helpers';
import { invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const REPORTER = people.rita;
const TRIAGER = people.devon;
const ROUNDS = 20;

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo', jiraLatency: { minMs: 20, maxMs: 80 } });
});

const revisionOf = (result: ResolverResult<unknown>): number | undefined => (result.ok ? (result.data as ReportView).report?.revision : undefined);

describe('two people saving at once', () => {
  it(`keeps exactly one of two report saves from the same revision and refuses the other, ${String(ROUNDS)} rounds out of ${String(ROUNDS)}`, async () => {
    const issueKey = await createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: 'Checkout is slow' });
    let base = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const [first, second] = await Promise.all([
        invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields({ product: `Rita ${String(round)}` }), baseRevision: base }),
        invokeResolver(sandbox, TRIAGER, 'report/save', { issueKey, fields: generateReportFields({ product: `Devon ${String(round)}` }), baseRevision: base }),
      ]);
      const outcomes = [first, second].map((result) => (result.ok ? 'saved' : result.error.code)).sort();
      expect(outcomes).toEqual(['CONFLICT', 'saved']);
      const winner = first.ok ? `Rita ${String(round)}` : `Devon ${String(round)}`;
      const stored = await appReport(sandbox, issueKey);
      expect(stored?.fields.product).toBe(winner);
      expect(stored?.revision).toBe(base + 1);
      base = revisionOf(first) ?? revisionOf(second) ?? base;
    }
  });

  it(`keeps exactly one of two severity decisions from the same revision, with its label, ${String(ROUNDS)} rounds out of ${String(ROUNDS)}`, async () => {
    const issueKey = await createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Incident', summary: 'Refunds fail' });
    const filed = await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: 'major', baseRevision: 0 });
    let base = revisionOf(filed) ?? 1;
    for (let round = 0; round < ROUNDS; round += 1) {
      const levels = round % 2 === 0 ? ['critical', 'major'] : ['major', 'critical'];
      const [first, second] = await Promise.all(
        levels.map((level) => invokeResolver(sandbox, TRIAGER, 'triage/decideSeverity', { issueKey, level, reason: `Round ${String(round)}: ${level}`, baseRevision: base })),
      );
      const outcomes = [first, second].map((result) => (result?.ok === true ? 'saved' : result?.error.code)).sort();
      expect(outcomes).toEqual(['CONFLICT', 'saved']);
      const stored = await appReport(sandbox, issueKey);
      const decided = stored?.severityHistory.at(-1);
      expect(decided?.reason).toBe(`Round ${String(round)}: ${first?.ok === true ? levels[0] : levels[1]}`);
      base = stored?.revision ?? base;
    }
    await sandbox.runtime.drain();
    const final = (await appReport(sandbox, issueKey))?.severityHistory.at(-1)?.level;
    const issue = await jiraCall<{ fields: { labels: string[] } }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}?fields=labels`);
    expect(issue.body.fields.labels.filter((label) => label.startsWith('severity-'))).toEqual([`severity-${final ?? ''}`]);
    // Each round is a full decision under latency (roles, the record, the policy in Jira): about a second.
  }, 120_000);
});
