import { describe, expect, it } from 'vitest';

import { isKnownTimeZone, isoToLocal, localToIso, timeZoneChoices, zoneOffsetMs } from './zoned-time';

const HOUR = 3_600_000;

describe('zoned time', () => {
  it('reads a wall-clock time in the chosen zone, DST included', () => {
    expect(localToIso('2026-01-15T10:00', 'UTC')).toBe('2026-01-15T10:00:00Z');
    expect(localToIso('2026-01-15T10:00', 'Europe/Berlin')).toBe('2026-01-15T09:00:00Z');
    expect(localToIso('2026-07-15T10:00', 'Europe/Berlin')).toBe('2026-07-15T08:00:00Z');
    expect(localToIso('2026-07-15T10:00', 'America/New_York')).toBe('2026-07-15T14:00:00Z');
    expect(localToIso('2026-01-15T10:00', 'America/New_York')).toBe('2026-01-15T15:00:00Z');
    expect(localToIso('2026-01-15T10:00', 'Asia/Tokyo')).toBe('2026-01-15T01:00:00Z');
  });

  it('shows an instant as the zone’s wall clock', () => {
    expect(isoToLocal('2026-07-15T08:00:00Z', 'Europe/Berlin')).toBe('2026-07-15T10:00');
    expect(isoToLocal('2026-01-15T01:00:00.000Z', 'Asia/Tokyo')).toBe('2026-01-15T10:00');
    expect(isoToLocal('2026-01-15T10:00:00+01:00', 'UTC')).toBe('2026-01-15T09:00');
    expect(isoToLocal('2026-01-01T04:30:00Z', 'America/New_York')).toBe('2025-12-31T23:30');
  });

  it('round-trips through every common zone', () => {
    for (const zone of timeZoneChoices()) {
      const iso = '2026-03-29T00:30:00Z';
      expect(localToIso(isoToLocal(iso, zone), zone)).toBe(iso);
    }
  });

  it('resolves a wall time skipped by a DST jump, and rejects empty or malformed values', () => {
    expect(localToIso('2026-03-29T02:30', 'Europe/Berlin')).toMatch(/^2026-03-29T0[01]:30:00Z$/);
    expect(localToIso('', 'UTC')).toBeNull();
    expect(localToIso('yesterday', 'UTC')).toBeNull();
    expect(isoToLocal(null, 'UTC')).toBe('');
    expect(isoToLocal('nope', 'UTC')).toBe('');
  });

  it('treats an unknown zone as UTC and offers only known zones', () => {
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
    expect(zoneOffsetMs(Date.UTC(2026, 6, 1), 'Mars/Olympus')).toBe(0);
    expect(zoneOffsetMs(Date.UTC(2026, 6, 1), 'Europe/Berlin')).toBe(2 * HOUR);
    const choices = timeZoneChoices('Europe/Paris', 'Mars/Olympus', undefined, 'UTC');
    expect(choices).toEqual(expect.arrayContaining(['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Europe/Paris']));
    expect(choices).not.toContain('Mars/Olympus');
    expect(new Set(choices).size).toBe(choices.length);
  });
});
