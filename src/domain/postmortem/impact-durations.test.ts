import { describe, expect, it } from 'vitest';

import { describeDuration, impactDurations } from './impact-durations';

const impact = (started: string | null, detected: string | null, mitigated: string | null, resolved: string | null) => ({ started, detected, mitigated, resolved, timeZone: 'UTC', usersAffected: null });

describe('impactDurations', () => {
  it.each([
    ['all in order', impact('2026-11-20T14:00:00Z', '2026-11-20T14:12:00Z', '2026-11-20T14:42:00Z', '2026-11-20T17:00:00Z'), [{ minutes: 12 }, { minutes: 42 }, { minutes: 180 }]],
    ['no start', impact(null, '2026-11-20T14:12:00Z', null, null), [{ missing: 'start' }, { missing: 'start' }, { missing: 'start' }]],
    ['some ends missing', impact('2026-11-20T14:00:00Z', '2026-11-20T14:00:00Z', null, null), [{ minutes: 0 }, { missing: 'end' }, { missing: 'end' }]],
    ['an end before the start', impact('2026-11-20T14:00:00Z', '2026-11-20T13:59:00Z', '2026-11-20T14:30:00Z', '2026-11-20T14:29:00+01:00'), [{ outOfOrder: true }, { minutes: 30 }, { outOfOrder: true }]],
    ['offsets compared as instants', impact('2026-11-20T15:00:00+01:00', '2026-11-20T14:05:00Z', null, null), [{ minutes: 5 }, { missing: 'end' }, { missing: 'end' }]],
    ['an unreadable time', impact('yesterday', '2026-11-20T14:05:00Z', null, null), [{ missing: 'start' }, { missing: 'start' }, { missing: 'start' }]],
  ])('%s', (_name, given, [toDetect, toMitigate, toResolve]) => {
    expect(impactDurations(given)).toEqual({ toDetect, toMitigate, toResolve });
  });

  it('says why there is no number', () => {
    expect(describeDuration({ minutes: 42 }, 'detected')).toBe('42 minutes');
    expect(describeDuration({ minutes: 190 }, 'resolved')).toBe('3 hours 10 minutes');
    expect(describeDuration({ missing: 'end' }, 'detected')).toBe('not known: enter when it was detected');
    expect(describeDuration({ missing: 'start' }, 'resolved')).toBe('not known: enter when the impact started');
    expect(describeDuration({ outOfOrder: true }, 'mitigated')).toBe('not shown: mitigated is before the impact started');
  });
});
