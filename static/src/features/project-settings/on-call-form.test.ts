import { describe, expect, it } from 'vitest';

import { DEFAULT_PROJECT_CONFIG } from '../../../../src/domain/config/project-config';
import { generateConfigView } from '../../shared/testing/config-view.factory';
import { checkOnCall, describeOnCall, movePerson, nextMondayMorning, onCallBackendFieldOf, onCallDraftOf, type OnCallDraft } from './on-call-form';

const devon = { accountId: 'acc-devon', displayName: 'Devon Park' };
const mia = { accountId: 'acc-mia', displayName: 'Mia Chen' };
const draft = (overrides: Partial<OnCallDraft> = {}): OnCallDraft => ({ people: [devon, mia], shift: 'week', boardId: '', startsAt: '2026-12-07T09:00', timeZone: 'Europe/Berlin', swaps: [], ...overrides });

describe('the on-call card’s draft', () => {
  it('starts a new rotation next Monday at 09:00 in the admin’s zone', () => {
    expect(nextMondayMorning(new Date(2026, 11, 2, 15))).toBe('2026-12-07T09:00');
    expect(nextMondayMorning(new Date(2026, 11, 7, 8))).toBe('2026-12-14T09:00');
    expect(onCallDraftOf(generateConfigView(), { timeZone: 'Asia/Tokyo', startsAt: '2026-12-07T09:00' })).toEqual({ people: [], shift: 'week', boardId: '', startsAt: '2026-12-07T09:00', timeZone: 'Asia/Tokyo', swaps: [] });
  });

  it('shows the saved rotation with the names the page knows', () => {
    const onCall = { people: ['acc-devon', 'acc-gone'], shift: { length: 'sprint' as const, boardId: 1 }, startsAt: '2026-12-07T09:00', timeZone: 'UTC', swaps: [] };
    const view = generateConfigView({ config: { ...DEFAULT_PROJECT_CONFIG, onCall }, people: { 'acc-devon': 'Devon Park' } });
    expect(onCallDraftOf(view, { timeZone: 'UTC', startsAt: '' })).toMatchObject({ people: [devon, { accountId: 'acc-gone', displayName: 'Someone Jira does not show you' }], shift: 'sprint', boardId: '1' });
  });

  it('checks with names, and asks for a board for sprint shifts', () => {
    expect(checkOnCall(draft({ people: [devon, devon, mia] }))).toEqual({ ok: false, errors: { 'onCall.people': 'Devon Park is on call twice in a row (turns 1 and 2): put someone between them or remove one.' } });
    expect(checkOnCall(draft({ shift: 'sprint' }))).toEqual({ ok: false, errors: { 'onCall.shift': 'Choose the board whose sprints are the shifts.' } });
    expect(checkOnCall(draft({ swaps: [{ from: '2026-12-10T00:00', to: '2026-12-09T00:00', covering: 'acc-devon', coveredFor: 'acc-mia' }] }))).toEqual({ ok: false, errors: { 'onCall.swaps.0': 'Swap 1: it must end after it starts.' } });
    expect(checkOnCall(draft({ shift: 'sprint', boardId: '3' }))).toMatchObject({ ok: true, onCall: { people: ['acc-devon', 'acc-mia'], shift: { length: 'sprint', boardId: 3 } } });
  });

  it('moves people within the order, and not past its ends', () => {
    expect(movePerson(draft(), 1, -1).people).toEqual([mia, devon]);
    expect(movePerson(draft(), 0, -1).people).toEqual([devon, mia]);
  });

  it('maps the backend’s paths to the card’s fields', () => {
    expect(onCallBackendFieldOf('onCall.swaps.3.to')).toBe('onCall.swaps.3');
    expect(onCallBackendFieldOf('onCall.people.2')).toBe('onCall.people');
    expect(onCallBackendFieldOf('onCall.startsAt')).toBe('onCall.startsAt');
  });

  it('describes a rotation for the note after a conflict', () => {
    expect(describeOnCall(draft())).toBe('Devon Park, Mia Chen; weekly from 2026-12-07T09:00 Europe/Berlin; 0 swaps');
    expect(describeOnCall(draft({ people: [] }))).toBe('no rotation');
  });
});
