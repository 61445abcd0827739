/**
 * Issue 16, part 5: the process review. Admins set when the production support process is reviewed
 * (the site's by a Jira admin, a project's by its admins); when the date comes, the scheduled run
 * files one review task per project, with the facts a review needs, once, under retries and a 429.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { PROCESS_REVIEW_LABEL } from '../../src/contract/process-review.contract';
import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { fileDueProcessReviews } from '../../src/entry/use-cases/process-review';
import { forgeJiraClients } from '../../src/jira/forge-transport';
import { readReviewFiling, writeReviewFiling } from '../../src/storage/process-review.store';
import { DEMO_SCENARIO_PATH, loadScenarioFile } from '../../sandbox/jira/index';
import { Sandbox } from '../../sandbox/sandbox';
import { createIssue, jiraCall } from '../support/jira-helpers';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const DAY = 86_400_000;
let sandbox: Sandbox;

/** The scheduled run's work at a moment of the test's choosing, inside a Forge invocation as the app. */
const runAt = (at: Date): Promise<string[]> => {
  const runtime = sandbox.runtime as unknown as { run<R>(moduleKey: string, accountId: string | undefined, work: () => Promise<R>): Promise<R> };
  return runtime.run('process-review', undefined, () => fileDueProcessReviews(forgeJiraClients().asApp, at));
};

const inApp = <T>(work: () => Promise<T>): Promise<T> => {
  const runtime = sandbox.runtime as unknown as { run<R>(moduleKey: string, accountId: string | undefined, work: () => Promise<R>): Promise<R> };
  return runtime.run('process-review', undefined, work);
};

/** Review tasks in SHOP, as Jira has them. */
const reviewTasks = async (): Promise<Array<{ key: string; fields: { summary: string; description: unknown } }>> =>
  (await jiraCall<{ issues: Array<{ key: string; fields: { summary: string; description: unknown } }> }>(sandbox, 'app', 'POST', '/rest/api/3/search/jql', { jql: `project = SHOP AND labels = "${PROCESS_REVIEW_LABEL}"`, fields: ['summary', 'description'] })).body.issues;

const saveSitePolicy = async (): Promise<void> => {
  const view = dataOf(await invokeResolver(sandbox, people.ada, 'policy/getSite', {}));
  dataOf(await invokeResolver(sandbox, people.ada, 'policy/saveSite', { policy: view.policy, baseVersion: view.version }));
};

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: structuredClone(await loadScenarioFile(DEMO_SCENARIO_PATH)), retryDelayScale: 0.0001 });
});

describe('the review schedule', () => {
  it('is the Jira admin’s to set for the site, and a project admin’s for their project', async () => {
    expectRefusal(await invokeResolver(sandbox, people.rita, 'processReview/saveSite', { setting: { firstAfterMonths: 2, everyMonths: 3 }, baseVersion: 0 }), 'FORBIDDEN');
    const saved = dataOf(await invokeResolver(sandbox, people.ada, 'processReview/saveSite', { setting: { firstAfterMonths: 2, everyMonths: 3 }, baseVersion: 0 }));
    expect(saved).toMatchObject({ setting: { firstAfterMonths: 2, everyMonths: 3 }, version: 1, projectKey: null });

    expectRefusal(await invokeResolver(sandbox, people.rita, 'processReview/saveProject', { projectKey: 'SHOP', setting: null, baseVersion: 0 }), 'FORBIDDEN');
    expect(dataOf(await invokeResolver(sandbox, people.sam, 'processReview/getProject', { projectKey: 'SHOP' })).canEdit).toBe(true);
  });

  it('lands one of two saves made from the same version', async () => {
    const save = (everyMonths: number) => invokeResolver(sandbox, people.ada, 'processReview/saveSite', { setting: { firstAfterMonths: 2, everyMonths }, baseVersion: 0 });
    const [one, two] = await Promise.all([save(3), save(6)]);
    expect([one.ok, two.ok].sort()).toEqual([false, true]);
    const refused = one.ok ? two : one;
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Reload') as unknown });
  });

  it('says when the next review is, counted from the policy’s first save', async () => {
    await saveSitePolicy();
    const view = dataOf(await invokeResolver(sandbox, people.ada, 'processReview/saveSite', { setting: { firstAfterMonths: 2, everyMonths: 3 }, baseVersion: 0 }));
    expect(view.anchorAt).not.toBeNull();
    expect(Date.parse(view.nextReviewAt ?? '') - Date.parse(view.anchorAt ?? '')).toBeGreaterThan(58 * DAY);
    expect(Date.parse(view.nextReviewAt ?? '') - Date.parse(view.anchorAt ?? '')).toBeLessThan(63 * DAY);
  });

  it('lets a project on the site policy keep its own schedule, counted from the site policy’s first save', async () => {
    await saveSitePolicy();
    const project = dataOf(await invokeResolver(sandbox, people.sam, 'processReview/saveProject', { projectKey: 'SHOP', setting: { firstAfterMonths: 1, everyMonths: 1 }, baseVersion: 0 }));
    expect(project).toMatchObject({ projectKey: 'SHOP', setting: { firstAfterMonths: 1, everyMonths: 1 }, siteSetting: null });
    expect(project.nextReviewAt).not.toBeNull();
    const incident = await createIssue(sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary: 'Search is slow' });
    dataOf(await invokeResolver(sandbox, people.rita, 'report/save', { issueKey: incident, fields: generateReportFields(), reporterSeverity: 'major', baseRevision: 0 }));

    expect(await runAt(new Date(Date.now() + 32 * DAY))).toHaveLength(1);
    expect(await reviewTasks()).toHaveLength(1);
  });

  it('refuses a schedule out of range, changing nothing', async () => {
    expectRefusal(await invokeResolver(sandbox, people.ada, 'processReview/saveSite', { setting: { firstAfterMonths: 0, everyMonths: 3 }, baseVersion: 0 }), 'INVALID_INPUT');
    expectRefusal(await invokeResolver(sandbox, people.ada, 'processReview/saveSite', { setting: { firstAfterMonths: 2, everyMonths: 300 }, baseVersion: 0 }), 'INVALID_INPUT');
    expect(dataOf(await invokeResolver(sandbox, people.ada, 'processReview/getSite', {})).version).toBe(0);
  });
});

describe('filing the review', () => {
  beforeEach(async () => {
    await saveSitePolicy();
    dataOf(await invokeResolver(sandbox, people.ada, 'processReview/saveSite', { setting: { firstAfterMonths: 1, everyMonths: 3 }, baseVersion: 0 }));
    const incident = await createIssue(sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary: 'Checkout fails for every card payment' });
    dataOf(await invokeResolver(sandbox, people.rita, 'report/save', { issueKey: incident, fields: generateReportFields(), reporterSeverity: 'critical', baseRevision: 0 }));
    const report = dataOf(await invokeResolver(sandbox, people.devon, 'report/get', { issueKey: incident }));
    dataOf(await invokeResolver(sandbox, people.devon, 'triage/decideSeverity', { issueKey: incident, level: 'critical', reason: 'Nobody can pay.', baseRevision: report.report?.revision ?? 0 }));
    await sandbox.runtime.drain();
  });

  it('files nothing before the date, then one task with the facts, however often the run comes', async () => {
    expect(await runAt(new Date(Date.now() + 20 * DAY))).toEqual([]);

    const due = new Date(Date.now() + 32 * DAY);
    const [first, second] = await Promise.all([runAt(due), runAt(due)]);
    expect([...first, ...second]).toHaveLength(1);
    expect(await runAt(new Date(due.getTime() + DAY))).toEqual([]);

    const tasks = await reviewTasks();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]?.fields.summary).toMatch(/^Review the production support process \(\d{4}-\d{2}-\d{2}\)$/);
    const text = JSON.stringify(tasks[0]?.fields.description);
    expect(text).toContain('Decisions by level (most severe first): Critical 1, Major 0');
    expect(text).toContain('Levels never used: Major');
    expect(text).toContain('No issue was sent back to its reporter for missing information.');
    expect(dataOf(await invokeResolver(sandbox, people.sam, 'processReview/getProject', { projectKey: 'SHOP' })).filed).toEqual([expect.objectContaining({ projectKey: 'SHOP', issueKey: tasks[0]?.key })]);
  });

  it('files once after Jira rate-limits the create: the next run files it, a later one nothing', async () => {
    sandbox.jira.faults.add({ method: 'POST', pathPattern: '/rest/api/3/issue$', kind: '429', retryAfterSeconds: 0 });
    const due = new Date(Date.now() + 32 * DAY);
    expect(await runAt(due)).toEqual([]);
    sandbox.jira.faults.clear();
    // Within a quarter of an hour the filing may still be in flight elsewhere: nothing is filed twice.
    expect(await runAt(new Date(due.getTime() + 60_000))).toEqual([]);

    expect(await runAt(new Date(due.getTime() + 20 * 60_000))).toHaveLength(1);
    expect(await runAt(new Date(due.getTime() + 40 * 60_000))).toEqual([]);
    expect(await reviewTasks()).toHaveLength(1);
  });

  it('finds the task a run created but could not record, instead of filing a second', async () => {
    const due = new Date(Date.now() + 32 * DAY);
    expect(await runAt(due)).toHaveLength(1);
    // As if the function had stopped between Jira's answer and the record of it.
    const filing = await inApp(() => readReviewFiling('SHOP'));
    await inApp(() => writeReviewFiling('SHOP', { dueAt: filing?.dueAt ?? '', status: 'filing', claimedAt: due.toISOString() }));

    expect(await runAt(new Date(due.getTime() + 20 * 60_000))).toEqual([]);
    expect(await reviewTasks()).toHaveLength(1);
    expect((await inApp(() => readReviewFiling('SHOP')))?.status).toBe('filed');
  });

  it('answers the scheduled trigger with 204 when nothing is due', async () => {
    expect(await sandbox.runtime.runScheduledTrigger('process-review')).toEqual({ statusCode: 204 });
    expect(await reviewTasks()).toHaveLength(0);
  });
});
