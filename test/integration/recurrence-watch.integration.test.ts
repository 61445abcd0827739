/**
 * guards (issue 15): the recurrence watch through the issue event trigger. A new incident on the
 * same product or customer as an incident with a postmortem, within the project's window, flags the
 * postmortem "recurred" once (however often the event arrives), and the new incident's panel points
 * to it. Matched only on the app's own records: a forged issue property changes nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import type { PostmortemView } from '../../src/contract/postmortem.contract';
import type { StoredReport } from '../../src/contract/report.contract';
import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import type { ProductEvent } from '../../sandbox/jira';
import { Sandbox } from '../../sandbox/sandbox';
import { issueIdOf } from '../support/app-storage';
import { createIssue, jiraCall } from '../support/jira-helpers';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const PAGE = 'postmortems';
const DAY = 24 * 60 * 60 * 1000;

let sandbox: Sandbox;
let earlier: string;
let postmortem: PostmortemView['postmortem'];

/** A reported and decided incident in SHOP with this product and customers. */
const incident = async (summary: string, product: string, customers: string): Promise<string> => {
  const key = await createIssue(sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary });
  dataOf(await invokeResolver(sandbox, people.rita, 'report/save', { issueKey: key, fields: { ...generateReportFields(), product, customers }, reporterSeverity: 'major', baseRevision: 0 }));
  await sandbox.runtime.drain();
  return key;
};

const updated = (issueKey: string): ProductEvent => ({
  eventType: 'avi:jira:updated:issue',
  timestamp: new Date().toISOString(),
  issue: { id: '0', key: issueKey, fields: {} },
  actor: { kind: 'user', accountId: people.rita },
});

const stored = async (): Promise<PostmortemView['postmortem']> => dataOf(await invokeResolver(sandbox, people.devon, 'postmortem/get', { id: postmortem.id }, PAGE)).postmortem;

/** Moves the earlier incident's record back in time, as if it had been reported `days` ago. */
const ageReport = async (issueKey: string, days: number): Promise<void> => {
  const key = await issueIdOf(sandbox, issueKey);
  const call = async (operation: 'get' | 'set', body: Record<string, unknown>) => {
    const response = await sandbox.kvs.handle(`/api/v1/entity/${operation}`, { method: 'POST', body: JSON.stringify(body) });
    const text = await response.text();
    return text === '' ? undefined : (JSON.parse(text) as { value?: { document: StoredReport } & Record<string, unknown> }).value;
  };
  const row = await call('get', { entityName: 'issue-report', key });
  if (row === undefined) throw new Error(`No report for ${issueKey}`);
  const at = new Date(Date.now() - days * DAY).toISOString();
  await call('set', { entityName: 'issue-report', key, value: { ...row, document: { ...row.document, severityHistory: row.document.severityHistory.map((event) => ({ ...event, at })) } } });
};

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
  earlier = await incident('Checkout rejects gift cards', 'Checkout', 'Acme GmbH, Globex');
  postmortem = dataOf(await invokeResolver(sandbox, people.devon, 'postmortem/start', { issueKey: earlier }, PAGE)).postmortem;
});

describe('the recurrence watch', () => {
  it('flags the postmortem once under duplicate events, and points the new incident’s panel to it', async () => {
    const next = await incident('Checkout fails again', '  checkout ', 'Initech');
    for (let i = 0; i < 3; i += 1) sandbox.runtime.deliverEvent(updated(next));
    await sandbox.runtime.drain();

    expect((await stored()).recurrences).toEqual([expect.objectContaining({ issueKey: next, matchedOn: 'product', value: 'Checkout' })]);
    const panel = dataOf(await invokeResolver(sandbox, people.rita, 'postmortem/forIssue', { issueKey: next }));
    expect(panel.recurrenceOf).toMatchObject({ id: postmortem.id, matchedOn: 'product', value: 'Checkout' });
  });

  it('names a recurrence only to viewers who may still browse that incident', async () => {
    const next = await incident('Checkout fails again', 'Checkout', 'Initech');
    expect((await stored()).recurrences?.map((recurrence) => recurrence.issueKey)).toEqual([next]);
    // Recorded as the app; the page asks Jira as the viewer. A deleted incident (like one under a
    // security level the viewer is not in) is not found for them, so it is not shown.
    expect((await jiraCall(sandbox, people.ada, 'DELETE', `/rest/api/3/issue/${next}`)).status).toBe(204);
    expect((await stored()).recurrences).toEqual([]);
  });

  it('flags when triage classifies a bug as an incident, not before', async () => {
    const key = await createIssue(sandbox, people.rita, { project: 'SHOP', type: 'Bug', summary: 'Checkout total wrong' });
    dataOf(await invokeResolver(sandbox, people.rita, 'report/save', { issueKey: key, fields: { ...generateReportFields(), product: 'Checkout', customers: '' }, reporterSeverity: 'major', baseRevision: 0 }));
    sandbox.runtime.deliverEvent(updated(key));
    await sandbox.runtime.drain();
    expect((await stored()).recurrences ?? []).toEqual([]);

    dataOf(await invokeResolver(sandbox, people.devon, 'triage/classify', { issueKey: key, level: 'system-problem', kind: 'incident', classOfService: 'emergency', baseRevision: 1 }));

    expect((await stored()).recurrences).toEqual([expect.objectContaining({ issueKey: key, matchedOn: 'product' })]);
  });

  it('matches a shared customer', async () => {
    const next = await incident('Search down for one customer', 'Search', 'globex');
    sandbox.runtime.deliverEvent(updated(next));
    await sandbox.runtime.drain();

    expect((await stored()).recurrences).toEqual([expect.objectContaining({ issueKey: next, matchedOn: 'customer', value: 'Globex' })]);
  });

  it('ignores a forged issue property: only the app’s own record of the report counts', async () => {
    const next = await incident('Search slow', 'Search', 'Initech');
    const property = await jiraCall<Record<string, unknown>>(sandbox, people.rita, 'GET', `/rest/api/3/issue/${next}/properties/firebreak-report`);
    const value = property.body['value'] as Record<string, unknown>;
    await jiraCall(sandbox, people.rita, 'PUT', `/rest/api/3/issue/${next}/properties/firebreak-report`, { ...value, search: { ...(value['search'] as object), product: 'Checkout', customer: 'Acme GmbH' }, fields: { product: 'Checkout', customers: 'Acme GmbH' } });
    sandbox.runtime.deliverEvent(updated(next));
    await sandbox.runtime.drain();

    expect((await stored()).recurrences ?? []).toEqual([]);
  });

  it('does not flag an incident outside the window (30 days by default)', async () => {
    await ageReport(earlier, 31);
    const next = await incident('Checkout down', 'Checkout', 'Initech');
    sandbox.runtime.deliverEvent(updated(next));
    await sandbox.runtime.drain();

    expect((await stored()).recurrences ?? []).toEqual([]);
    expect(dataOf(await invokeResolver(sandbox, people.rita, 'postmortem/forIssue', { issueKey: next })).recurrenceOf).toBeNull();
  });

  it('uses the window the project sets', async () => {
    const view = dataOf(await invokeResolver(sandbox, people.sam, 'config/getProject', { projectKey: 'SHOP' }));
    dataOf(await invokeResolver(sandbox, people.sam, 'config/saveProject', { projectKey: 'SHOP', baseVersion: view.version, config: { ...view.config, recurrenceWindowDays: 45 } }));
    await ageReport(earlier, 40);
    const next = await incident('Checkout down', 'Checkout', 'Initech');
    sandbox.runtime.deliverEvent(updated(next));
    await sandbox.runtime.drain();

    expect((await stored()).recurrences).toEqual([expect.objectContaining({ issueKey: next })]);
  });
});
