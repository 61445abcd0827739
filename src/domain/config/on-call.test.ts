import { describe, expect, it } from 'vitest';

import { type OnCallRotation, onCallAt, onCallShares, onCallStretchAt } from './on-call';

const weekly = (overrides: Partial<OnCallRotation> = {}): OnCallRotation => ({
  people: ['devon', 'otto', 'mia'],
  shift: { length: 'week' },
  startsAt: '2026-11-02T09:00',
  timeZone: 'UTC',
  swaps: [],
  ...overrides,
});

describe('who is on call at a moment (weekly shifts)', () => {
  it.each([
    ['before the rotation starts', '2026-11-02T08:59:59Z', null],
    ['the first minute of the first shift', '2026-11-02T09:00:00Z', 'devon'],
    ['the last second of the first week', '2026-11-09T08:59:59Z', 'devon'],
    ['the handover', '2026-11-09T09:00:00Z', 'otto'],
    ['the third week', '2026-11-18T12:00:00Z', 'mia'],
    ['round again', '2026-11-23T09:00:00Z', 'devon'],
    ['a year later (52 weeks: turn 52 → otto)', '2027-11-01T09:00:00Z', 'otto'],
  ])('%s', (_, at, expected) => {
    expect(onCallAt(weekly(), at)?.accountId ?? null).toBe(expected);
  });

  it('has nobody on call with an empty list (no rotation)', () => {
    expect(onCallAt(weekly({ people: [] }), '2026-11-10T00:00:00Z')).toBeNull();
    expect(onCallShares(weekly({ people: [] }), { start: '2026-11-02T00:00:00Z', end: '2026-11-16T00:00:00Z' })).toEqual([]);
  });

  it('lets one person take several turns', () => {
    const rotation = weekly({ people: ['devon', 'otto', 'devon', 'mia'] });
    expect(['2026-11-03', '2026-11-10', '2026-11-17', '2026-11-24'].map((day) => onCallAt(rotation, `${day}T12:00:00Z`)?.accountId)).toEqual(['devon', 'otto', 'devon', 'mia']);
  });

  it('reads nothing from a malformed moment or start, and never throws', () => {
    expect(onCallAt(weekly(), 'soon')).toBeNull();
    expect(onCallAt(weekly({ startsAt: 'next Monday' }), '2026-11-10T00:00:00Z')).toBeNull();
    expect(onCallShares(weekly({ startsAt: '2026-02-30T25:00' }), { start: '2026-11-02T00:00:00Z', end: '2026-11-16T00:00:00Z' })).toEqual([]);
  });

  it('reads a zone the runtime does not know as UTC', () => {
    expect(onCallAt(weekly({ timeZone: 'Mars/Olympus' }), '2026-11-02T09:00:00Z')?.accountId).toBe('devon');
  });
});

describe('time zones and DST', () => {
  // Berlin leaves summer time on Sun 25 Oct 2026 (03:00 CEST → 02:00 CET) and starts it on Sun 28 Mar 2027.
  const berlin = weekly({ startsAt: '2026-10-19T09:00', timeZone: 'Europe/Berlin' });

  it('hands over at 09:00 Berlin time before and after the autumn change', () => {
    expect(onCallAt(berlin, '2026-10-19T06:59:59Z')).toBeNull(); // 08:59 CEST
    expect(onCallAt(berlin, '2026-10-19T07:00:00Z')?.accountId).toBe('devon'); // 09:00 CEST
    // The next Monday is in CET: 09:00 there is 08:00 UTC, so 07:30 UTC is still Devon's.
    expect(onCallAt(berlin, '2026-10-26T07:30:00Z')?.accountId).toBe('devon');
    expect(onCallAt(berlin, '2026-10-26T08:00:00Z')?.accountId).toBe('otto');
  });

  it('makes the DST week one hour longer, and says when the shift ends in UTC', () => {
    expect(onCallStretchAt(berlin, '2026-10-20T00:00:00Z')).toEqual({ accountId: 'devon', until: '2026-10-26T08:00:00.000Z' });
    const shares = onCallShares(berlin, { start: '2026-10-19T07:00:00Z', end: '2026-10-26T08:00:00Z' });
    expect(shares).toEqual([{ accountId: 'devon', share: 1 }]);
  });

  it('hands over at 09:00 local after the spring change too', () => {
    const spring = weekly({ startsAt: '2027-03-22T09:00', timeZone: 'Europe/Berlin' });
    expect(onCallAt(spring, '2027-03-29T06:59:00Z')?.accountId).toBe('devon'); // 08:59 CEST
    expect(onCallAt(spring, '2027-03-29T07:00:00Z')?.accountId).toBe('otto'); // 09:00 CEST
  });

  it('reads a start in a zone west of UTC on its own day', () => {
    const newYork = weekly({ startsAt: '2026-11-02T09:00', timeZone: 'America/New_York' });
    expect(onCallAt(newYork, '2026-11-02T13:59:00Z')).toBeNull(); // 08:59 EST
    expect(onCallAt(newYork, '2026-11-02T14:00:00Z')?.accountId).toBe('devon');
  });
});

describe('swaps', () => {
  it('puts the person covering on call for the covered person, only within its dates', () => {
    const rotation = weekly({ swaps: [{ from: '2026-11-11T00:00', to: '2026-11-13T00:00', covering: 'mia', coveredFor: 'otto' }] });
    expect(onCallAt(rotation, '2026-11-10T23:59:00Z')?.accountId).toBe('otto');
    expect(onCallAt(rotation, '2026-11-11T00:00:00Z')?.accountId).toBe('mia');
    expect(onCallAt(rotation, '2026-11-13T00:00:00Z')?.accountId).toBe('otto');
    expect(onCallStretchAt(rotation, '2026-11-11T06:00:00Z')).toEqual({ accountId: 'mia', until: '2026-11-13T00:00:00.000Z' });
  });

  it('changes nothing when the covered person is not on call during the swap', () => {
    const rotation = weekly({ swaps: [{ from: '2026-11-03T00:00', to: '2026-11-05T00:00', covering: 'mia', coveredFor: 'otto' }] });
    expect(onCallAt(rotation, '2026-11-04T00:00:00Z')?.accountId).toBe('devon');
  });

  it('covers across a handover: only the covered person’s part changes', () => {
    // Devon's week ends Mon 9 Nov 09:00; the swap runs Sun 8 Nov to Tue 10 Nov, covering Devon.
    const rotation = weekly({ swaps: [{ from: '2026-11-08T00:00', to: '2026-11-10T00:00', covering: 'mia', coveredFor: 'devon' }] });
    expect(onCallAt(rotation, '2026-11-08T12:00:00Z')?.accountId).toBe('mia');
    expect(onCallAt(rotation, '2026-11-09T10:00:00Z')?.accountId).toBe('otto');
    expect(onCallStretchAt(rotation, '2026-11-08T12:00:00Z')).toEqual({ accountId: 'mia', until: '2026-11-09T09:00:00.000Z' });
  });

  it('applies overlapping swaps in their order, so a cover can be covered', () => {
    const rotation = weekly({
      swaps: [
        { from: '2026-11-09T09:00', to: '2026-11-16T09:00', covering: 'devon', coveredFor: 'otto' },
        { from: '2026-11-12T00:00', to: '2026-11-13T00:00', covering: 'mia', coveredFor: 'devon' },
      ],
    });
    expect(onCallAt(rotation, '2026-11-10T00:00:00Z')?.accountId).toBe('devon');
    expect(onCallAt(rotation, '2026-11-12T12:00:00Z')?.accountId).toBe('mia');
    // Devon's own first week is covered by Mia only between those dates: the second swap starts after it.
    expect(onCallAt(rotation, '2026-11-05T00:00:00Z')?.accountId).toBe('devon');
  });

  it('reads swap times in the rotation’s zone', () => {
    const rotation = weekly({ timeZone: 'Asia/Tokyo', startsAt: '2026-11-02T09:00', swaps: [{ from: '2026-11-03T09:00', to: '2026-11-04T09:00', covering: 'otto', coveredFor: 'devon' }] });
    expect(onCallAt(rotation, '2026-11-03T00:00:00Z')?.accountId).toBe('otto'); // 09:00 JST
    expect(onCallAt(rotation, '2026-11-02T23:59:00Z')?.accountId).toBe('devon');
  });

  it('ignores a swap that ends before it starts', () => {
    const rotation = weekly({ swaps: [{ from: '2026-11-05T00:00', to: '2026-11-04T00:00', covering: 'mia', coveredFor: 'devon' }] });
    expect(onCallAt(rotation, '2026-11-04T12:00:00Z')?.accountId).toBe('devon');
  });
});

describe('a rotation that starts in the future', () => {
  const later = weekly({ startsAt: '2026-12-07T09:00' });

  it('has nobody on call yet, and gives the shares of a window it starts in', () => {
    expect(onCallAt(later, '2026-12-01T00:00:00Z')).toBeNull();
    expect(onCallStretchAt(later, '2026-12-01T00:00:00Z')).toBeNull();
    // A two-week window whose second half is Devon's first shift.
    const shares = onCallShares(later, { start: '2026-11-30T09:00:00Z', end: '2026-12-14T09:00:00Z' });
    expect(shares).toEqual([{ accountId: 'devon', share: 0.5 }]);
  });
});

describe('sprint-length shifts', () => {
  const rotation = weekly({ shift: { length: 'sprint', boardId: 1 }, startsAt: '2026-11-01T00:00' });
  const sprints = [
    { start: '2026-10-19T09:00:00Z', end: '2026-11-02T09:00:00Z' }, // before the rotation: nobody
    { start: '2026-11-02T09:00:00Z', end: '2026-11-16T09:00:00Z' },
    { start: '2026-11-16T09:00:00Z', end: '2026-11-30T09:00:00Z' },
    { start: '2026-12-01T09:00:00Z', end: '2026-12-15T09:00:00Z' }, // a day's gap before it
  ];

  it.each([
    ['the sprint before the rotation', '2026-10-25T00:00:00Z', null],
    ['the first sprint from the start', '2026-11-03T00:00:00Z', 'devon'],
    ['the second', '2026-11-20T00:00:00Z', 'otto'],
    ['the gap between sprints: the last person stays on', '2026-11-30T20:00:00Z', 'otto'],
    ['the third', '2026-12-02T00:00:00Z', 'mia'],
    ['after the last known sprint', '2027-01-10T00:00:00Z', 'mia'],
  ])('%s', (_, at, expected) => {
    expect(onCallAt(rotation, at, sprints)?.accountId ?? null).toBe(expected);
  });

  it('has nobody without the board’s sprints', () => {
    expect(onCallAt(rotation, '2026-11-03T00:00:00Z')).toBeNull();
  });

  it('gives a whole sprint to its person, minus a swap within it', () => {
    const swapped = { ...rotation, swaps: [{ from: '2026-11-19T09:00', to: '2026-11-23T09:00', covering: 'mia', coveredFor: 'otto' }] };
    const shares = onCallShares(swapped, { start: '2026-11-16T09:00:00Z', end: '2026-11-30T09:00:00Z' }, sprints);
    expect(shares).toEqual([
      { accountId: 'otto', share: 10 / 14 },
      { accountId: 'mia', share: 4 / 14 },
    ]);
  });

  it('says until the next sprint starts, and no end for the last known one', () => {
    expect(onCallStretchAt(rotation, '2026-11-20T00:00:00Z', sprints)).toEqual({ accountId: 'otto', until: '2026-12-01T09:00:00.000Z' });
    expect(onCallStretchAt(rotation, '2026-12-02T00:00:00Z', sprints)).toEqual({ accountId: 'mia', until: null });
  });
});

describe('shares of a window', () => {
  it('splits a two-week sprint that straddles handovers', () => {
    // Sprint Wed 4 Nov 09:00 → Wed 18 Nov 09:00: Devon 5 days, Otto 7, Mia 2.
    const shares = onCallShares(weekly(), { start: '2026-11-04T09:00:00Z', end: '2026-11-18T09:00:00Z' });
    expect(shares).toEqual([
      { accountId: 'otto', share: 7 / 14 },
      { accountId: 'devon', share: 5 / 14 },
      { accountId: 'mia', share: 2 / 14 },
    ]);
  });

  it('adds up one person’s turns across the window, and a swap’s time to the one covering', () => {
    const rotation = weekly({ people: ['devon', 'otto'], swaps: [{ from: '2026-11-09T09:00', to: '2026-11-10T09:00', covering: 'mia', coveredFor: 'otto' }] });
    const shares = onCallShares(rotation, { start: '2026-11-02T09:00:00Z', end: '2026-11-30T09:00:00Z' });
    expect(shares).toEqual([
      { accountId: 'devon', share: 14 / 28 },
      { accountId: 'otto', share: 13 / 28 },
      { accountId: 'mia', share: 1 / 28 },
    ]);
  });

  it('answers nothing for an empty or backwards window', () => {
    expect(onCallShares(weekly(), { start: '2026-11-10T00:00:00Z', end: '2026-11-10T00:00:00Z' })).toEqual([]);
    expect(onCallShares(weekly(), { start: '2026-11-11T00:00:00Z', end: '2026-11-10T00:00:00Z' })).toEqual([]);
    expect(onCallShares(weekly(), { start: 'x', end: '2026-11-10T00:00:00Z' })).toEqual([]);
  });

  it('has no handover in sight for a one-person rotation', () => {
    expect(onCallStretchAt(weekly({ people: ['devon'] }), '2026-11-10T00:00:00Z')).toEqual({ accountId: 'devon', until: null });
  });
});
