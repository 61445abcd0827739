import { describe, expect, it } from 'vitest';

import { afterTemporaryFailure, ESCALATION_ATTEMPTS_MAX, escalationMail, nextEscalationStep, openEscalation, SENDING_STALE_MINUTES, type EscalationRecord } from './update-escalation';

const DUE = '2025-12-01T14:30:00.000Z';
const REMINDED = '2025-12-01T14:32:00.000Z';
const at = (minutesAfterReminder: number): string => new Date(Date.parse(REMINDED) + minutesAfterReminder * 60_000).toISOString();
const record = (overrides: Partial<EscalationRecord> = {}): EscalationRecord => ({ ...openEscalation(DUE, REMINDED, 30), ...overrides });
const open = { nextUpdateDueAt: DUE, resolved: false, contact: 'acc-sam' };

describe('openEscalation', () => {
  it('escalates a cadence after the reminder, not after the due time: the assignee always gets a full interval', () => {
    expect(openEscalation(DUE, REMINDED, 30)).toEqual({ dueAt: DUE, remindedAt: REMINDED, escalateAt: '2025-12-01T15:02:00.000Z', status: 'pending', attempts: 0 });
    // A run that was down an hour reminds late; the contact still hears a cadence after that.
    expect(openEscalation(DUE, '2025-12-01T15:45:00.000Z', 30).escalateAt).toBe('2025-12-01T16:15:00.000Z');
  });
});

describe('nextEscalationStep', () => {
  it('waits until the escalation time, then sends to the contact', () => {
    expect(nextEscalationStep(record(), open, at(29))).toEqual({ kind: 'wait' });
    expect(nextEscalationStep(record(), open, at(30))).toEqual({ kind: 'send', contact: 'acc-sam' });
  });

  it('never fires for a due time the issue no longer has (an update moved it), nor on a resolved issue', () => {
    expect(nextEscalationStep(record(), { ...open, nextUpdateDueAt: '2025-12-01T15:20:00.000Z' }, at(40))).toMatchObject({ kind: 'close', status: 'cancelled' });
    expect(nextEscalationStep(record(), { ...open, nextUpdateDueAt: null }, at(40))).toMatchObject({ kind: 'close', status: 'cancelled' });
    const resolved = nextEscalationStep(record(), { ...open, resolved: true }, at(40));
    expect(resolved).toMatchObject({ kind: 'close', status: 'cancelled' });
    expect(resolved.kind === 'close' ? resolved.note : '').toMatch(/resolved/);
  });

  it('stops at the reminder when the level has no contact', () => {
    expect(nextEscalationStep(record(), { ...open, contact: null }, at(40))).toMatchObject({ kind: 'close', status: 'no-contact' });
  });

  it('leaves settled records alone', () => {
    for (const status of ['escalated', 'cancelled', 'no-contact', 'undeliverable', 'failed'] as const) expect(nextEscalationStep(record({ status }), open, at(40))).toEqual({ kind: 'wait' });
  });

  it('waits for a run that is sending, and closes one that stopped mid-send as unconfirmed rather than send twice', () => {
    const sending = record({ status: 'sending', sendingSince: at(30) });
    expect(nextEscalationStep(sending, open, at(31))).toEqual({ kind: 'wait' });
    const stale = nextEscalationStep(sending, open, at(30 + SENDING_STALE_MINUTES));
    expect(stale).toMatchObject({ kind: 'close', status: 'failed' });
    expect(stale.kind === 'close' ? stale.note : '').toMatch(/not sent again/);
  });
});

describe('afterTemporaryFailure', () => {
  it('puts the record back for the next run, and gives up after the last try, saying so', () => {
    const once = afterTemporaryFailure(record({ status: 'sending', sendingSince: at(30) }), 'Jira was busy.');
    expect(once).toMatchObject({ status: 'pending', attempts: 1, note: 'Jira was busy. The next run tries again.' });
    expect(once.sendingSince).toBeUndefined();
    const last = afterTemporaryFailure(record({ attempts: ESCALATION_ATTEMPTS_MAX - 1 }), 'Jira was busy.');
    expect(last).toMatchObject({ status: 'failed', attempts: ESCALATION_ATTEMPTS_MAX });
    expect(last.note).toMatch(/tried 5 times and stopped/);
  });
});

describe('escalationMail', () => {
  const facts = { issueKey: 'SHOP-7', summary: 'Checkout\r\nis down', levelName: 'Critical', record: record(), assigneeName: 'Devon Park', direct: true, issueUrl: 'https://example.atlassian.net/browse/SHOP-7', now: at(30) };

  it('says what is overdue, since when, who was reminded, what to do, with the link', () => {
    const mail = escalationMail(facts);
    expect(mail.subject).toBe('SHOP-7: stakeholder update overdue since 14:30 UTC (Critical: Checkout is down)');
    expect(mail.textBody).toContain('was due by 14:30 UTC and none has been posted. Firebreak reminded Devon Park, the assignee, at 14:32 UTC');
    expect(mail.textBody).toContain('escalation contact for Critical');
    expect(mail.textBody).toContain('post an update, or click "Nothing new"');
    expect(mail.textBody.endsWith('https://example.atlassian.net/browse/SHOP-7')).toBe(true);
  });

  it('asks for a comment where the level sends no direct updates, and names no assignee when there is none', () => {
    const mail = escalationMail({ ...facts, direct: false, assigneeName: null });
    expect(mail.textBody).toContain('add a comment with where the incident stands');
    expect(mail.textBody).toContain('(it has no assignee)');
  });

  it('keeps the subject to one mail line', () => {
    const subject = escalationMail({ ...facts, summary: `x\nBcc: all@example.com ${'y'.repeat(400)}` }).subject;
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject.length).toBeLessThanOrEqual(255);
  });
});
