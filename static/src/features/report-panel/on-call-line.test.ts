import type { OnCallView } from '@contract/on-call.contract';
import { describe, expect, it } from 'vitest';

import { assignedSentence, onCallLineOf } from './on-call-line';

const view = (overrides: Partial<OnCallView> = {}): OnCallView => ({
  issueKey: 'SHOP-121',
  hasRotation: true,
  onCall: { accountId: 'acc-devon', displayName: 'Devon Park', until: '2026-12-07T09:00:00Z' },
  nobodyReason: null,
  assignee: null,
  canAssign: true,
  ...overrides,
});
const now = new Date('2026-12-02T12:00:00Z');
const london = { locale: 'en-GB', timeZone: 'Europe/London' };

describe('the on-call line', () => {
  it('names who is on call until when, in the viewer’s locale and zone, and offers to assign', () => {
    expect(onCallLineOf(view(), now, london)).toEqual({ kind: 'on-call', text: 'On call now: Devon Park, until Mon 7 Dec, 09:00', offer: 'Assign to Devon Park', accountId: 'acc-devon' });
    expect(onCallLineOf(view(), now, { locale: 'en-US', timeZone: 'America/New_York' })).toMatchObject({ text: 'On call now: Devon Park, until Mon, Dec 7, 4:00 AM' });
  });

  it('offers nothing to someone who may not assign, or when the issue is theirs already', () => {
    expect(onCallLineOf(view({ canAssign: false }), now, london)).toMatchObject({ offer: null });
    expect(onCallLineOf(view({ assignee: { accountId: 'acc-devon', displayName: 'Devon Park' } }), now, london)).toMatchObject({ offer: null });
  });

  it('says nothing without a rotation, and why nobody is on call with one', () => {
    expect(onCallLineOf(view({ hasRotation: false, onCall: null }), now, london)).toEqual({ kind: 'none' });
    expect(onCallLineOf(view({ onCall: null, nobodyReason: 'Nobody is on call yet.' }), now, london)).toEqual({ kind: 'nobody', text: 'Nobody is on call yet.' });
  });

  it('leaves out "until" when no handover is in sight', () => {
    expect(onCallLineOf(view({ onCall: { accountId: 'acc-devon', displayName: 'Devon Park', until: null } }), now, london)).toMatchObject({ text: 'On call now: Devon Park' });
  });

  it('says what assigning did', () => {
    expect(assignedSentence({ ...view(), outcome: 'assigned' })).toBe('SHOP-121 is assigned to Devon Park');
    expect(assignedSentence({ ...view(), outcome: 'already' })).toBe('SHOP-121 was already assigned to Devon Park; nothing changed');
  });
});
