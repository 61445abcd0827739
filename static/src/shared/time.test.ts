import { describe, expect, it } from 'vitest';

import { formatAge, formatDistance, formatWhen, formatWhenFromNow } from './time';

// Intl output uses narrow no-break spaces in places ("2:15 PM"); compare on plain spaces.
const plain = (text: string): string => text.replace(/[\u202f\u00a0]/g, ' ');

describe('formatWhen: one format, in the viewer’s locale and zone', () => {
  const now = new Date('2026-11-30T14:03:00Z');
  it.each([
    // Today on the viewer's clock: the time alone.
    ['en-GB', 'UTC', '2026-11-30T14:15:00Z', '14:15'],
    ['en-US', 'UTC', '2026-11-30T14:15:00Z', '2:15 PM'],
    ['de-DE', 'UTC', '2026-11-30T14:15:00Z', '14:15'],
    ['en-US', 'America/New_York', '2026-11-30T14:15:00Z', '9:15 AM'],
    ['en-GB', 'Asia/Kolkata', '2026-11-30T14:15:00Z', '19:45'],
    // Another day: weekday, day and month too. Today in UTC can be tomorrow in Kolkata.
    ['en-GB', 'UTC', '2026-12-01T09:00:00Z', 'Tue 1 Dec, 09:00'],
    ['en-US', 'UTC', '2026-12-01T09:00:00Z', 'Tue, Dec 1, 9:00 AM'],
    ['de-DE', 'UTC', '2026-12-01T09:00:00Z', 'Di., 1. Dez., 09:00'],
    ['en-GB', 'Asia/Kolkata', '2026-11-30T20:00:00Z', 'Tue 1 Dec, 01:30'],
    ['en-US', 'America/New_York', '2026-12-01T03:00:00Z', '10:00 PM'],
    // Another year: the year too.
    ['en-GB', 'UTC', '2025-11-30T07:08:00Z', 'Sun, 30 Nov 2025, 07:08'],
  ])('%s in %s: %s → %s', (locale, timeZone, iso, expected) => {
    expect(plain(formatWhen(iso, now, { locale, timeZone }))).toBe(expected);
  });

  it.each([
    ['en-GB', 'UTC', '14:15 UTC'],
    ['en-US', 'America/New_York', '9:15 AM EST'],
    ['en-GB', 'Asia/Kolkata', '19:45 GMT+5:30'],
  ])('names the zone where it matters (%s, %s)', (locale, timeZone, expected) => {
    expect(plain(formatWhen('2026-11-30T14:15:00Z', now, { locale, timeZone }, { nameZone: true }))).toBe(expected);
  });

  it('falls back instead of breaking on a zone or locale the runtime does not know', () => {
    expect(plain(formatWhen('2026-11-30T14:15:00Z', now, { locale: 'en-GB', timeZone: 'Mars/Olympus' }))).toMatch(/\d\d:\d\d/);
    expect(formatWhen('2026-11-30T14:15:00Z', now, { locale: 'not a locale!', timeZone: 'UTC' })).not.toBe('');
  });

  it('returns nothing for an unreadable date instead of "Invalid Date"', () => {
    expect(formatWhen('not a date', now, {})).toBe('');
  });
});

describe('formatDistance: words only as an addition', () => {
  const now = new Date('2026-11-30T14:03:00Z');
  it.each([
    ['en-GB', '2026-11-30T14:15:00Z', 'in 12 min'],
    ['en-GB', '2026-11-30T13:58:00Z', '5 min ago'],
    ['en-GB', '2026-11-30T14:02:40Z', '1 min ago'],
    ['en-GB', '2026-11-30T11:03:00Z', '3 hr ago'],
    ['en-US', '2026-11-29T14:03:00Z', 'yesterday'],
    ['de-DE', '2026-11-30T14:15:00Z', 'in 12 Min.'],
  ])('%s: %s → %s', (locale, iso, expected) => {
    expect(plain(formatDistance(iso, now, locale))).toBe(expected);
  });

  it('puts the distance beside the time, never instead of it', () => {
    expect(plain(formatWhenFromNow('2026-11-30T14:15:00Z', now, { locale: 'en-GB', timeZone: 'UTC' }))).toBe('14:15 (in 12 min)');
  });

  it('returns nothing for an unreadable date instead of "NaN"', () => {
    expect(formatDistance('not a date', now)).toBe('');
  });
});

describe('formatAge: how long ago something was computed', () => {
  const now = new Date('2026-11-30T14:03:00Z');
  it.each([
    ['exactly now', '2026-11-30T14:03:00Z', 'just now'],
    ['a server clock 3 s ahead', '2026-11-30T14:03:03Z', 'just now'],
    ['40 s ago', '2026-11-30T14:02:20Z', 'just now'],
    ['5 min ago', '2026-11-30T13:58:00Z', '5 min ago'],
  ])('%s → %s', (_case, iso, expected) => {
    expect(plain(formatAge(iso, now, 'en-GB'))).toBe(expected);
  });

  it('returns nothing for an unreadable date', () => {
    expect(formatAge('not a date', now)).toBe('');
  });
});
