/**
 * Honest answers and the send-back note through the real resolvers, validator and Jira emulator:
 * "Not known yet" reaches Ready everywhere the app judges readiness (panel, validator), lazy answers
 * are sent back in the words the form uses, and the triager's note lands in Jira as plain text. A
 * forged note (too long, not a string) changes nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { adfToText } from '../../src/contract/adf';
import { DEFAULT_VALIDATOR_CONFIG, type ValidatorConfig } from '../../src/contract/policy.contract';
import { FIELD_ADVICE } from '../../src/contract/report-answers';
import { SEND_BACK_NOTE_MAX, type ReportView } from '../../src/contract/report.contract';
import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { validateSeverityPolicy } from '../../src/entry/validators/severity-policy.validator';
import { Sandbox } from '../../sandbox/sandbox';
import { appReport } from '../support/app-storage';
import { createIssue, issueSnapshot, jiraCall } from '../support/jira-helpers';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';
import { invokeAs, worldFingerprint } from '../support/sandbox-harness';

const REPORTER = people.rita;
const TRIAGER = people.devon;

let sandbox: Sandbox;
let issueKey: string;

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
  issueKey = await createIssue(sandbox, REPORTER, { project: 'SHOP', type: 'Bug', summary: 'Checkout spinner never stops' });
  await jiraCall(sandbox, TRIAGER, 'PUT', `/rest/api/3/issue/${issueKey}/assignee`, { accountId: TRIAGER });
});

const save = async (fields: Parameters<typeof generateReportFields>[0], baseRevision = 0): Promise<ReportView> =>
  dataOf(await invokeResolver(sandbox, REPORTER, 'report/save', { issueKey, fields: generateReportFields(fields), reporterSeverity: 'major', baseRevision }));

const readyRule: ValidatorConfig = { failMode: 'closed', rules: { ...DEFAULT_VALIDATOR_CONFIG.rules, severityPicked: false, definitionOfReady: true } };

/** The comments on the issue as Jira stored them (ADF), newest last. */
const storedComments = async (): Promise<Array<{ body: { content: Array<{ type: string; content?: Array<{ type: string; text?: string; marks?: unknown }> }> } }>> =>
  (await jiraCall<{ comments: Array<{ body: { content: Array<{ type: string; content?: Array<{ type: string; text?: string; marks?: unknown }> }> } }> }>(sandbox, 'app', 'GET', `/rest/api/3/issue/${issueKey}/comment`))
    .body.comments;

describe('honest “don’t know” answers', () => {
  it('reach Ready in the panel and pass the validator’s Definition of Ready rule', async () => {
    const filed = await save({ workaround: 'unknown', customers: 'Not known yet', environment: 'Production', raisedVia: 'support-agent' });

    expect(filed.problems).toEqual([]);
    expect(filed.readiness.items.filter((item) => item.owner === 'reporter' && !item.met)).toEqual([]);

    const classified = dataOf(
      await invokeResolver(sandbox, TRIAGER, 'triage/classify', { issueKey, level: 'code-or-data', kind: 'defect', classOfService: 'bug-asap', baseRevision: filed.report?.revision ?? 0 }),
    );
    const ticked = dataOf(
      await invokeResolver(sandbox, TRIAGER, 'dor/checkItem', { issueKey, itemId: 'reproduced-internally', checked: true, note: 'https://wiki.example/repro', baseRevision: classified.report?.revision ?? 0 }),
    );

    expect(ticked.readiness.ready).toBe(true);
    expect(ticked.report?.search.ready).toBe('yes');
    expect(await validateSeverityPolicy({ issue: { key: issueKey }, configuration: readyRule })).toEqual({ result: true });
  });

  it('stores “internal user” as how it was raised', async () => {
    await save({ raisedVia: 'internal-user' });

    expect(await appReport(sandbox, issueKey)).toMatchObject({ fields: { raisedVia: 'internal-user' } });
  });
});

describe('send back with a personal note', () => {
  it('asks for each lazy answer in the form’s words, adds the note as plain text, and hands the issue to the reporter', async () => {
    const filed = await save({ actualResult: 'Error', expectedResult: 'it should work', environment: '' });
    const note = 'Hi Rita, the screenshot from the call would help a lot.\n\n*Thanks* [see](https://evil.example)';

    const sent = dataOf(await invokeResolver(sandbox, TRIAGER, 'dor/sendBack', { issueKey, baseRevision: filed.report?.revision ?? 0, actionId: 'click-note-01', note }));

    expect(sent.outcome).toMatchObject({ tone: 'success', message: expect.stringContaining('Rita Reyes') as string });
    const snapshot = await issueSnapshot(sandbox, issueKey);
    expect(snapshot).toMatchObject({ assignee: REPORTER, status: 'Waiting for reporter' });
    const [comment] = snapshot.comments;
    expect(comment).toContain(`What actually happens says only “Error”, which is too vague to act on. ${FIELD_ADVICE.actualResult}`);
    expect(comment).toContain(`What you expected to happen says only “it should work”, which is too vague to act on. ${FIELD_ADVICE.expectedResult}`);
    expect(comment).toContain(`Environment is empty. ${FIELD_ADVICE.environment}`);
    expect(comment).toContain('Hi Rita, the screenshot from the call would help a lot.');
    expect(comment).not.toContain('Describe what happened');

    // The note is paragraphs of plain text: no marks, no links, whatever the triager typed.
    const [stored] = await storedComments();
    const noteNodes = (stored?.body.content ?? []).filter((node) => node.type === 'paragraph' && adfToText(node).includes('[see]'));
    expect(noteNodes).toEqual([{ type: 'paragraph', content: [{ type: 'text', text: '*Thanks* [see](https://evil.example)' }] }]);
  });

  it.each([
    ['one character too long', 'x'.repeat(SEND_BACK_NOTE_MAX + 1), 'TOO_LARGE'],
    ['a number', 42, 'INVALID_INPUT'],
    ['an object', { type: 'doc', content: [] }, 'INVALID_INPUT'],
    ['a list', ['Hi'], 'INVALID_INPUT'],
  ] as const)('refuses a forged note that is %s and changes nothing', async (_, note, code) => {
    const filed = await save({ environment: '' });
    const before = worldFingerprint(sandbox);

    const result = await invokeAs(sandbox, TRIAGER, 'dor/sendBack', { issueKey, baseRevision: filed.report?.revision ?? 0, actionId: 'click-forged-1', note }, 'definition-of-ready-panel');

    expectRefusal(result, code);
    expect(result).toMatchObject({ error: { field: 'note' } });
    if (code === 'TOO_LARGE') expect(result).toMatchObject({ error: { message: expect.stringContaining('at most 1,000 characters') as string } });
    expect(worldFingerprint(sandbox)).toBe(before);
    expect(await issueSnapshot(sandbox, issueKey)).toMatchObject({ assignee: TRIAGER, status: 'New', comments: [] });
  });

  it('names the status a send-back moves to in the view, and the past-tense total once the issue returned', async () => {
    const filed = await save({ environment: '' });
    expect(filed.sendBackStatus).toBe('Waiting for reporter');

    const sent = dataOf(await invokeResolver(sandbox, TRIAGER, 'dor/sendBack', { issueKey, baseRevision: filed.report?.revision ?? 0 }));
    const back = await save({ environment: 'Production' }, sent.report?.revision ?? 0);

    expect(back.report?.sendBacks[0]?.returnedAt).toBeDefined();
    expect(await issueSnapshot(sandbox, issueKey)).toMatchObject({ assignee: TRIAGER, status: 'New' });
  });
});
