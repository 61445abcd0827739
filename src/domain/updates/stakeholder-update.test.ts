import { describe, expect, it } from 'vitest';

import type { PolicyLevel } from '../../contract/policy.contract';
import { DEFAULT_POLICY } from '../policy/presets';
import { audienceWords, nextUpdateDue, nothingNewText, subjectFor, updateBody, utcClock, whyNoDirectUpdates } from './stakeholder-update';
import { levelCommunication } from '../../contract/policy.values';

const [critical, major, medium] = DEFAULT_POLICY.levels as [PolicyLevel, PolicyLevel, PolicyLevel];
const issue = { key: 'SHOP-7', summary: 'Checkout is down' };

describe('subjectFor', () => {
  it.each([
    ['PRIORITY 0 ISSUE UPDATE: {summary}', 'PRIORITY 0 ISSUE UPDATE: Checkout is down'],
    ['{LEVEL} ISSUE UPDATE: {summary}', 'CRITICAL ISSUE UPDATE: Checkout is down'],
    ['[{key}] {level}: {summary}', '[SHOP-7] Critical: Checkout is down'],
    ['{unknown} stays as typed', '{unknown} stays as typed'],
  ])('fills %s', (template, subject) => {
    expect(subjectFor(template, critical, issue)).toBe(subject);
  });

  it('keeps a hostile summary to one line of at most 255 characters', () => {
    const subject = subjectFor('{summary}', critical, { key: 'SHOP-7', summary: `line one\r\nBcc: everyone@example.com ${'x'.repeat(400)}` });
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject.length).toBeLessThanOrEqual(255);
  });
});

describe('whyNoDirectUpdates', () => {
  it('offers levels with a cadence (old policies default to direct updates)', () => {
    expect(whyNoDirectUpdates(critical)).toBeNull();
    expect(levelCommunication(major).direct).toBe(true);
  });
  it('says why a level without a cadence, or with no direct communication, offers none', () => {
    expect(whyNoDirectUpdates(medium)).toMatch(/no update cadence.*normal process/);
    expect(whyNoDirectUpdates({ ...critical, communication: { direct: false, groups: [], roles: [], subjectTemplate: 'x', escalationContact: null } })).toMatch(/no direct communication/);
  });
});

describe('next update', () => {
  const at = '2026-12-01T14:00:00.000Z';
  it('is a cadence after the update, never earlier than already due', () => {
    expect(nextUpdateDue(30, { nextUpdateDueAt: '2026-12-01T14:10:00.000Z' }, at)).toBe('2026-12-01T14:30:00.000Z');
    expect(nextUpdateDue(30, { nextUpdateDueAt: '2026-12-01T15:00:00.000Z' }, at)).toBe('2026-12-01T15:00:00.000Z');
  });
  it('names the time in UTC, with the day when it is another day', () => {
    expect(utcClock('2026-12-01T14:30:00.000Z', at)).toBe('14:30 UTC');
    expect(utcClock('2026-12-02T00:30:00.000Z', at)).toBe('Wed 2 Dec, 00:30 UTC');
    expect(nothingNewText('2026-12-01T14:30:00.000Z', at)).toBe('Nothing to update. Still investigating. Next update by 14:30 UTC.');
    expect(updateBody('  Rolled back.  ', '2026-12-01T14:30:00.000Z', at, 'https://x.atlassian.net/browse/SHOP-7')).toBe('Rolled back.\n\nNext update by 14:30 UTC.\n\nhttps://x.atlassian.net/browse/SHOP-7');
  });
});

describe('audienceWords', () => {
  it('names groups and roles before the people who always hear', () => {
    expect(audienceWords({ ...levelCommunication(critical), groups: ['ops'], roles: ['Developers', 'Administrators'] })).toBe('group ops; project roles Developers, Administrators; the reporter, assignee and watchers');
  });
});
