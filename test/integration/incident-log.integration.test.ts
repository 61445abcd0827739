/**
 * log part (issue 16): the live incident log through the resolvers. Anyone who may comment on an open
 * incident adds entries; who and when come from the invocation context and the server's clock; a
 * double submit adds one; two people at once keep both; the author alone corrects or deletes; the
 * entries land on the postmortem's timeline and survive rebuilds with people's notes.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import type { IncidentLogView } from '../../src/contract/incident-log.contract';
import { playDemoStory } from '../../sandbox/scenarios/demo-story';
import type { Sandbox } from '../../sandbox/sandbox';
import { createIssue, resolveIssue } from '../support/jira-helpers';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { issueIdOf } from '../support/app-storage';
import { invokeAs, worldFingerprint } from '../support/sandbox-harness';
import { people } from '../support/people';
import { VIEWER_WHO_CANNOT_COMMENT, demoWithReadOnlyViewer, reportedIncident } from '../support/incident-world';

const RESPONDER = people.devon;
const COLLEAGUE = people.mia;
const VIEWER = VIEWER_WHO_CANNOT_COMMENT;

let sandbox: Sandbox;
let incident: string;

const submission = (n: number): string => n.toString(16).padStart(32, '0');
const texts = (view: IncidentLogView) => view.entries.map((entry) => entry.text);
const add = (text: string, n: number, as = RESPONDER, extra: Record<string, unknown> = {}) => invokeResolver(sandbox, as, 'log/add', { issueKey: incident, submissionId: submission(n), text, ...extra });
const logRows = () => Object.values(sandbox.kvs.dump().entities['incident-log-entry'] ?? {});

const resolve = (issueKey: string) => resolveIssue(sandbox, RESPONDER, issueKey);

beforeEach(async () => {
  sandbox = await demoWithReadOnlyViewer();
  incident = await reportedIncident(sandbox);
});

describe('adding and reading entries', () => {
  it('records the author and time from the context, lists newest first by name, and keeps the link', async () => {
    dataOf(await add('First 500 on checkout in the EU region', 1, COLLEAGUE, { happenedAt: new Date(Date.now() - 20 * 60_000).toISOString() }));
    const view = dataOf(await add('Rolled back build 412 on web-3', 2, RESPONDER, { link: 'https://ci.example.com/builds/412' }));

    expect(texts(view)).toEqual(['Rolled back build 412 on web-3', 'First 500 on checkout in the EU region']);
    expect(view.entries.map((entry) => entry.author)).toEqual([{ accountId: RESPONDER, displayName: 'Devon Park' }, { accountId: COLLEAGUE, displayName: 'Mia Chen' }]);
    expect(view.entries[0]).toMatchObject({ link: 'https://ci.example.com/builds/412', mine: true, fromPlaybook: false });
    expect(view.entries[1]?.mine).toBe(false);
    expect(view).toMatchObject({ open: true, canAdd: true, cannotAddReason: null });
    // Anyone who may browse reads the same log.
    expect(texts(dataOf(await invokeResolver(sandbox, VIEWER, 'log/get', { issueKey: incident })))).toEqual(texts(view));
  });

  it('ignores forged author and time fields: the payload is refused whole and nothing is stored', async () => {
    const before = worldFingerprint(sandbox);
    const forged = await invokeAs(sandbox, RESPONDER, 'log/add', { issueKey: incident, submissionId: submission(3), text: 'I was never here', author: COLLEAGUE, recordedAt: '2020-01-01T00:00:00.000Z' });
    expectRefusal(forged, 'INVALID_INPUT', /author, recordedAt/);
    expect(worldFingerprint(sandbox)).toBe(before);
  });

  it('adds one entry for a double submit, and keeps both when two people add at once', async () => {
    const [first, second] = await Promise.all([add('Paged the payments team', 4), add('Paged the payments team', 4)]);
    expect(first.ok && second.ok).toBe(true);
    await Promise.all([add('Checked the load balancer: healthy', 5, RESPONDER), add('Card provider status page: degraded', 6, COLLEAGUE)]);
    const view = dataOf(await invokeResolver(sandbox, RESPONDER, 'log/get', { issueKey: incident }));
    expect(texts(view).sort()).toEqual(['Card provider status page: degraded', 'Checked the load balancer: healthy', 'Paged the payments team']);
    // Someone else cannot take over a submission key another person used.
    expectRefusal(await add('Not mine', 4, COLLEAGUE), 'CONFLICT', /key is taken/);
    expect(logRows()).toHaveLength(3);
  });

  it('refuses bad input in a sentence and changes nothing', async () => {
    const before = worldFingerprint(sandbox);
    expectRefusal(await add('x'.repeat(1_001), 7), 'TOO_LARGE', /at most 1,000 characters/);
    expectRefusal(await add('   ', 8), 'INVALID_INPUT', /Write what was checked or done/);
    expectRefusal(await add('Future', 9, RESPONDER, { happenedAt: new Date(Date.now() + 10 * 60_000).toISOString() }), 'INVALID_INPUT', /in the future/);
    expectRefusal(await add('Link', 10, RESPONDER, { link: 'javascript:alert(1)' }), 'INVALID_INPUT', /http:\/\/ or https:\/\//);
    expectRefusal(await invokeAs(sandbox, RESPONDER, 'log/add', { issueKey: incident, submissionId: 'pb-rest-abcdef-1', text: 'Squatting a playbook tick' }), 'INVALID_INPUT', /submission key/);
    expectRefusal(await invokeAs(sandbox, RESPONDER, 'log/add', { issueKey: incident, submissionId: submission(11), text: 42 }), 'INVALID_INPUT');
    expect(worldFingerprint(sandbox)).toBe(before);
  });
});

describe('who may write, and when', () => {
  it('refuses someone who may browse but not comment, and tells them in the view why they cannot add', async () => {
    const before = worldFingerprint(sandbox);
    expectRefusal(await add('Viewer was here', 12, VIEWER), 'FORBIDDEN', /"Add comments" permission/);
    expect(worldFingerprint(sandbox)).toBe(before);
    const view = dataOf(await invokeResolver(sandbox, VIEWER, 'log/get', { issueKey: incident }));
    expect(view).toMatchObject({ open: true, canAdd: false });
    expect(view.cannotAddReason).toMatch(/Add comments/);
  });

  it('refuses someone who cannot see the issue, naming nothing of it', async () => {
    expectRefusal(await add('Otto was here', 13, people.otto), 'FORBIDDEN', /don't have access/);
    expectRefusal(await invokeResolver(sandbox, people.otto, 'log/get', { issueKey: incident }), 'FORBIDDEN');
  });

  it('closes the log when the incident is resolved: no adding, correcting or deleting', async () => {
    const view = dataOf(await add('Fixed by rollback', 14));
    const entry = view.entries[0];
    await resolve(incident);
    const before = worldFingerprint(sandbox);
    expectRefusal(await add('Too late', 15), 'INVALID_INPUT', /resolved/);
    expectRefusal(await invokeResolver(sandbox, RESPONDER, 'log/edit', { issueKey: incident, entryId: entry?.id ?? '', baseVersion: 1, text: 'Changed', link: null, happenedAt: entry?.happenedAt ?? '' }), 'INVALID_INPUT', /resolved/);
    expectRefusal(await invokeResolver(sandbox, RESPONDER, 'log/delete', { issueKey: incident, entryId: entry?.id ?? '', baseVersion: 1 }), 'INVALID_INPUT', /resolved/);
    expect(worldFingerprint(sandbox)).toBe(before);
    const closed = dataOf(await invokeResolver(sandbox, RESPONDER, 'log/get', { issueKey: incident }));
    expect(closed).toMatchObject({ open: false, canAdd: false });
    expect(closed.entries[0]).toMatchObject({ text: 'Fixed by rollback', mine: false });
  });

  it('refuses an issue without a production report', async () => {
    const bare = await createIssue(sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary: 'No report yet' });
    expectRefusal(await invokeResolver(sandbox, RESPONDER, 'log/add', { issueKey: bare, submissionId: submission(16), text: 'x' }), 'INVALID_INPUT', /production report/);
  });
});

describe('correcting and deleting', () => {
  it('lets the author correct and delete their own entry, and nobody else', async () => {
    const added = dataOf(await add('Rolled back build 41', 17)).entries[0];
    if (added === undefined) throw new Error('not added');
    const edit = { issueKey: incident, entryId: added.id, baseVersion: added.version, text: 'Rolled back build 412', link: 'https://ci.example.com/builds/412', happenedAt: added.happenedAt };

    const before = worldFingerprint(sandbox);
    expectRefusal(await invokeResolver(sandbox, COLLEAGUE, 'log/edit', edit), 'FORBIDDEN', /Only Devon Park, who wrote this entry/);
    expectRefusal(await invokeResolver(sandbox, COLLEAGUE, 'log/delete', { issueKey: incident, entryId: added.id, baseVersion: added.version }), 'FORBIDDEN', /Only Devon Park/);
    expect(worldFingerprint(sandbox)).toBe(before);

    const corrected = dataOf(await invokeResolver(sandbox, RESPONDER, 'log/edit', edit)).entries[0];
    expect(corrected).toMatchObject({ text: 'Rolled back build 412', link: 'https://ci.example.com/builds/412', version: 2 });
    expect(corrected?.editedAt).not.toBeNull();
    // A second tab still at version 1 is told, not overwritten.
    expectRefusal(await invokeResolver(sandbox, RESPONDER, 'log/edit', { ...edit, text: 'Stale tab' }), 'CONFLICT', /changed since you opened it/);

    const deleted = dataOf(await invokeResolver(sandbox, RESPONDER, 'log/delete', { issueKey: incident, entryId: added.id, baseVersion: 2 }));
    expect(deleted.entries).toEqual([]);
    // A late retry of the original submission does not bring it back.
    dataOf(await add('Rolled back build 41', 17));
    expect(dataOf(await invokeResolver(sandbox, RESPONDER, 'log/get', { issueKey: incident })).entries).toEqual([]);
    expectRefusal(await invokeResolver(sandbox, RESPONDER, 'log/delete', { issueKey: incident, entryId: added.id, baseVersion: 3 }), 'NOT_FOUND', /no longer in the log/);
  });
});

describe('a full log', () => {
  it('refuses an entry past the 500 every read shows, saying so, and stores nothing', async () => {
    sandbox.setKvsLatency({ minMs: 0, maxMs: 0 });
    const issueId = await issueIdOf(sandbox, incident);
    await Promise.all(
      Array.from({ length: 500 }, async (_unused, index) => {
        const id = submission(1_000 + index);
        const at = new Date(Date.now() - (600 - index) * 60_000).toISOString();
        const document = { schemaVersion: 1, id, issueId, issueKey: incident, author: RESPONDER, text: `Step ${String(index)}`, link: null, happenedAt: at, recordedAt: at, editedAt: null, deleted: false };
        const response = await sandbox.kvs.handle('/api/v1/entity/set', { method: 'POST', body: JSON.stringify({ entityName: 'incident-log-entry', key: `${issueId}:${id}`, value: { issueId, happenedAt: at, version: 1, document } }) });
        expect(response.ok).toBe(true);
      }),
    );
    const before = worldFingerprint(sandbox);
    expectRefusal(await add('One too many', 2_000), 'TOO_LARGE', /log is full \(500 entries\)/);
    expect(worldFingerprint(sandbox)).toBe(before);
    expect(dataOf(await invokeResolver(sandbox, RESPONDER, 'log/get', { issueKey: incident })).entries).toHaveLength(500);
  });
});

describe('under faults', () => {
  it('adds nothing when Jira answers 429 mid-action, says so, and the retry adds one', async () => {
    sandbox.jira.faults.add({ method: 'GET', pathPattern: `^/rest/api/3/issue/${incident}$`, kind: '429', retryAfterSeconds: 3600 });
    expectRefusal(await add('Paged the DBA', 18), 'RATE_LIMITED', /Nothing was changed/);
    expect(logRows()).toHaveLength(0);
    sandbox.jira.faults.clear();
    dataOf(await add('Paged the DBA', 18));
    dataOf(await add('Paged the DBA', 18));
    expect(logRows()).toHaveLength(1);
  });
});

describe('on the postmortem timeline', () => {
  it('appear as log entries by name; a rebuild keeps ids and notes, shows corrections and drops deletions', async () => {
    const first = dataOf(await add('First 500 on checkout', 19, COLLEAGUE, { happenedAt: new Date(Date.now() - 30 * 60_000).toISOString() })).entries[0];
    const second = dataOf(await add('Rolled back build 412', 20, RESPONDER, { link: 'https://ci.example.com/builds/412' })).entries[0];
    if (first === undefined || second === undefined) throw new Error('not added');

    const started = dataOf(await invokeResolver(sandbox, RESPONDER, 'postmortem/start', { issueKey: incident }));
    const logEntries = started.postmortem.timeline.filter((entry) => entry.kind === 'log');
    expect(logEntries.map((entry) => [entry.who, entry.text])).toEqual([
      [COLLEAGUE, 'Log: First 500 on checkout'],
      [RESPONDER, 'Log: Rolled back build 412 (https://ci.example.com/builds/412)'],
    ]);
    expect(started.names[COLLEAGUE]).toBe('Mia Chen');

    const { postmortem } = started;
    const timeline = postmortem.timeline.map((entry) => (entry.kind === 'log' && entry.text.includes('build 412') ? { ...entry, note: 'This is what fixed it' } : entry));
    const edit = { title: postmortem.title, severity: postmortem.severity, owner: postmortem.owner, incidents: postmortem.incidents, artifacts: [], summary: '', customerImpact: '', impact: postmortem.impact, timeline, answers: {}, actions: [], remediation: [] };
    const saved = dataOf(await invokeResolver(sandbox, RESPONDER, 'postmortem/save', { id: postmortem.id, edit, baseRevision: postmortem.revision }));

    dataOf(await invokeResolver(sandbox, RESPONDER, 'log/edit', { issueKey: incident, entryId: second.id, baseVersion: second.version, text: 'Rolled back build 412 on all web nodes', link: second.link, happenedAt: second.happenedAt }));
    dataOf(await invokeResolver(sandbox, COLLEAGUE, 'log/delete', { issueKey: incident, entryId: first.id, baseVersion: first.version }));
    dataOf(await add('Error rate back to normal', 21));

    const rebuilt = dataOf(await invokeResolver(sandbox, RESPONDER, 'postmortem/refreshTimeline', { id: postmortem.id, baseRevision: saved.postmortem.revision }));
    const again = dataOf(await invokeResolver(sandbox, RESPONDER, 'postmortem/refreshTimeline', { id: postmortem.id, baseRevision: rebuilt.postmortem.revision }));
    expect(again.postmortem.timeline.filter((entry) => entry.kind === 'log').map((entry) => [entry.text, entry.note])).toEqual([
      ['Log: Rolled back build 412 on all web nodes (https://ci.example.com/builds/412)', 'This is what fixed it'],
      ['Log: Error rate back to normal', ''],
    ]);
    expect(new Set(again.postmortem.timeline.map((entry) => entry.id)).size).toBe(again.postmortem.timeline.length);
    const markdown = dataOf(await invokeResolver(sandbox, RESPONDER, 'postmortem/exportMarkdown', { id: postmortem.id, locale: 'en-GB' }));
    expect(markdown.markdown).toContain('Devon Park | Log: Rolled back build 412 on all web nodes');
  });
});

describe('a log entry forged into a postmortem save', () => {
  it('is dropped: only the incident log writes log entries, by their real author', async () => {
    dataOf(await add('Rolled back build 412', 22));
    const started = dataOf(await invokeResolver(sandbox, RESPONDER, 'postmortem/start', { issueKey: incident }));
    const { postmortem } = started;
    const forged = { id: `${incident}:log:${submission(99)}`, at: new Date(Date.now() - 60_000).toISOString(), who: COLLEAGUE, kind: 'log' as const, issueKey: incident, text: 'Log: Mia deleted the production database', hidden: false, note: '' };
    const rewritten = postmortem.timeline.map((entry) => (entry.kind === 'log' ? { ...entry, text: 'Log: nothing happened', who: COLLEAGUE } : entry));
    const edit = { title: postmortem.title, severity: postmortem.severity, owner: postmortem.owner, incidents: postmortem.incidents, artifacts: [], summary: '', customerImpact: '', impact: postmortem.impact, timeline: [...rewritten, forged], answers: {}, actions: [], remediation: [] };
    const saved = dataOf(await invokeResolver(sandbox, RESPONDER, 'postmortem/save', { id: postmortem.id, edit, baseRevision: postmortem.revision }));
    expect(saved.postmortem.timeline.filter((entry) => entry.kind === 'log').map((entry) => [entry.who, entry.text])).toEqual([[RESPONDER, 'Log: Rolled back build 412']]);
  });
});

describe('on the demo', () => {
  it('SHOP-155 carries three log entries and three playbook ticks, newest first, also on its draft postmortem’s timeline', async () => {
    const story = await playDemoStory(sandbox);
    const view = dataOf(await invokeResolver(sandbox, people.rita, 'log/get', { issueKey: 'SHOP-155' }));
    expect(view.entries.map((entry) => [entry.author.displayName, entry.text.slice(0, 24)])).toEqual([
      ['Devon Park', 'Playbook: Quick root-cau'],
      ['Devon Park', 'Playbook: Quick impact a'],
      ['Devon Park', 'Playbook: Bring in help '],
      ['Devon Park', 'Rolling back checkout-ap'],
      ['Devon Park', 'Checked checkout-api on '],
      ['Mia Chen', 'First wrong total seen i'],
    ]);
    const draft = story.postmortems.find((postmortem) => postmortem.incident === 'SHOP-155');
    const postmortem = dataOf(await invokeResolver(sandbox, people.sam, 'postmortem/get', { id: draft?.id ?? '' }));
    expect(postmortem.postmortem.timeline.filter((entry) => entry.kind === 'log')).toHaveLength(6);
  });
});
