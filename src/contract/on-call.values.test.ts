import { describe, expect, it } from 'vitest';

import { type OnCallRotation, onCallProblems } from './on-call.values';

const rotation = (overrides: Partial<OnCallRotation> = {}): OnCallRotation => ({
  people: ['devon', 'otto', 'mia'],
  shift: { length: 'week' },
  startsAt: '2026-11-02T09:00',
  timeZone: 'Europe/Berlin',
  swaps: [],
  ...overrides,
});
const names: Record<string, string> = { devon: 'Devon Park', otto: 'Otto Weber', mia: 'Mia Chen' };
const nameOf = (accountId: string) => names[accountId] ?? accountId;
const swap = { from: '2026-11-10T00:00', to: '2026-11-12T00:00', covering: 'mia', coveredFor: 'otto' };

describe('what is wrong with a rotation, in sentences', () => {
  it.each<[string, Partial<OnCallRotation>, string | null]>([
    ['a good rotation', {}, null],
    ['no people: no rotation, and that is fine', { people: [] }, null],
    ['one person alone', { people: ['devon'] }, null],
    ['a person twice, not in a row', { people: ['devon', 'otto', 'devon', 'mia'] }, null],
    ['twice in a row', { people: ['devon', 'otto', 'otto'] }, 'Otto Weber is on call twice in a row (turns 2 and 3): put someone between them or remove one.'],
    ['last and first', { people: ['devon', 'otto', 'devon'] }, 'Devon Park is last and first in the order, so on call twice in a row: move one of their turns.'],
    ['too many people', { people: Array.from({ length: 21 }, (_, index) => `p${String(index)}`) }, 'A rotation holds at most 20 people; remove 1.'],
    ['no start', { startsAt: '' }, 'Enter when the first shift starts, as a date and time.'],
    ['a start that is no date', { startsAt: '2026-13-01T09:00' }, 'Enter when the first shift starts, as a date and time.'],
    ['a day the month does not have', { startsAt: '2026-02-30T09:00' }, 'Enter when the first shift starts, as a date and time.'],
    ['an unknown zone', { timeZone: 'Mars/Olympus' }, '“Mars/Olympus” is not a time zone Firebreak knows; choose one from the list.'],
    ['a swap ending before it starts', { swaps: [{ ...swap, to: '2026-11-09T00:00' }] }, 'Swap 1: it must end after it starts.'],
    ['a swap of a whole season', { swaps: [{ ...swap, to: '2027-03-01T00:00' }] }, 'Swap 1: a swap lasts at most 92 days; change the order instead for longer.'],
    ['a swap before the rotation', { swaps: [{ ...swap, from: '2026-10-01T00:00', to: '2026-10-02T00:00' }] }, 'Swap 1: it ends before the rotation starts, so it would change nothing.'],
    ['covering for someone outside the rotation', { swaps: [{ ...swap, coveredFor: 'liam' }] }, 'Swap 1: the person covered for is not in the rotation; choose someone who is.'],
    ['covering for oneself', { swaps: [{ ...swap, covering: 'otto' }] }, 'Swap 1: someone cannot cover for themselves; choose another person.'],
    ['nobody covering', { swaps: [{ ...swap, covering: '' }] }, 'Swap 1: choose who covers.'],
    ['too many swaps', { swaps: Array.from({ length: 51 }, () => swap) }, 'At most 50 swaps fit; remove the ones that are over.'],
  ])('%s', (_, overrides, expected) => {
    const problems = onCallProblems(rotation(overrides), nameOf);
    expect(problems[0]?.message ?? null).toBe(expected);
  });

  it('points each problem at its field', () => {
    expect(onCallProblems(rotation({ swaps: [swap, { ...swap, to: '2026-11-01T00:00' }] }), nameOf).map((problem) => problem.path.join('.'))).toEqual(['swaps.1.to', 'swaps.1.to']);
  });
});
