import { describe, expect, it } from 'vitest';

import { punctualityShare, updatePunctuality } from './update-punctuality';

const decisionAt = '2026-11-20T14:00:00.000Z';
const at = (hhmm: string): string => `2026-11-20T${hhmm}:00.000Z`;
const sent = (hhmm: string, nextHhmm: string | null = null) => ({ at: at(hhmm), nextDueAt: nextHhmm === null ? null : at(nextHhmm) });

describe('on-time stakeholder updates', () => {
  it('counts each update against the due time in force when it went out: a cadence after the decision, then the time the previous one promised', () => {
    // Due 14:30 (sent 14:25, on time), due 14:55 (sent 15:10, late), due 15:40 (sent 15:40, on time: at the due time is on time).
    const result = updatePunctuality({ decisionAt, cadenceMinutes: 30, updates: [sent('15:10', '15:40'), sent('14:25', '14:55'), sent('15:40', '16:10')], endAt: at('16:00') });
    expect(result).toEqual({ due: 3, onTime: 2, late: 1, missed: 0 });
    expect(punctualityShare(result)).toBeCloseTo(2 / 3);
  });

  it('a due time that passed unanswered before the end counts as due and missed, once', () => {
    expect(updatePunctuality({ decisionAt, cadenceMinutes: 30, updates: [sent('14:20', '14:50')], endAt: at('23:00') })).toEqual({ due: 2, onTime: 1, late: 0, missed: 1 });
    expect(updatePunctuality({ decisionAt, cadenceMinutes: 30, updates: [], endAt: at('14:31') })).toEqual({ due: 1, onTime: 0, late: 0, missed: 1 });
  });

  it('nothing is due before the first due time comes (an incident resolved in time owes nothing)', () => {
    const result = updatePunctuality({ decisionAt, cadenceMinutes: 30, updates: [], endAt: at('14:30') });
    expect(result).toEqual({ due: 0, onTime: 0, late: 0, missed: 0 });
    expect(punctualityShare(result)).toBeNull();
  });

  it('an update that promised no next time moves the chain a cadence on, and a promise never moves it back', () => {
    expect(updatePunctuality({ decisionAt, cadenceMinutes: 30, updates: [sent('14:10'), sent('14:35', '14:20')], endAt: at('14:40') })).toEqual({ due: 2, onTime: 2, late: 0, missed: 0 });
  });
});
