import { describe, expect, it } from 'vitest';

import type { StoredLogEntry } from '../../contract/incident-log.contract';
import { checkEntryDraft, logOpenness, playbookEntryId, playbookState, playbookStepKey, visibleEntries } from './incident-log';

const NOW = '2026-11-20T14:30:00.000Z';

describe('checkEntryDraft', () => {
  it.each([
    ['an entry with text only happened now', { text: '  Rolled back build 412 on web-3  ' }, { ok: true, text: 'Rolled back build 412 on web-3', link: null, happenedAt: NOW }],
    ['a link and an earlier time are kept', { text: 'First 500 on checkout', link: 'https://grafana.example.com/d/abc?from=now-1h', happenedAt: '2026-11-20T13:58:00+01:00' }, { ok: true, text: 'First 500 on checkout', link: 'https://grafana.example.com/d/abc?from=now-1h', happenedAt: '2026-11-20T12:58:00.000Z' }],
    ['an empty link is no link', { text: 'x', link: '  ' }, { ok: true, text: 'x', link: null, happenedAt: NOW }],
    ['a clock a few seconds fast is not the future', { text: 'x', happenedAt: '2026-11-20T14:30:45.000Z' }, { ok: true, text: 'x', link: null, happenedAt: '2026-11-20T14:30:45.000Z' }],
  ])('accepts %s', (_name, draft, expected) => {
    expect(checkEntryDraft(draft, NOW)).toEqual(expected);
  });

  it.each([
    ['blank text', { text: '   \n ' }, 'INVALID_INPUT', 'text', /Write what was checked or done/],
    ['text over 1,000 characters', { text: 'a'.repeat(1_001) }, 'TOO_LARGE', 'text', /at most 1,000 characters/],
    ['a javascript: link', { text: 'x', link: 'javascript:alert(1)' }, 'INVALID_INPUT', 'link', /http:\/\/ or https:\/\//],
    ['a time two minutes ahead', { text: 'x', happenedAt: '2026-11-20T14:32:00.000Z' }, 'INVALID_INPUT', 'happenedAt', /in the future/],
    ['a time that is not one', { text: 'x', happenedAt: 'yesterday' }, 'INVALID_INPUT', 'happenedAt', /not a time/],
  ])('refuses %s, saying why', (_name, draft, code, field, message) => {
    const check = checkEntryDraft(draft, NOW);
    expect(check).toMatchObject({ ok: false, code, field });
    if (!check.ok) expect(check.message).toMatch(message);
  });
});

describe('logOpenness', () => {
  it('is open for a reported issue that is not done, and says why not otherwise', () => {
    expect(logOpenness(true, 'indeterminate')).toEqual({ open: true, reason: null });
    expect(logOpenness(true, null)).toEqual({ open: true, reason: null });
    expect(logOpenness(true, 'done').reason).toMatch(/resolved/);
    expect(logOpenness(false, 'new').reason).toMatch(/production report/);
  });
});

const entry = (overrides: Partial<StoredLogEntry>): StoredLogEntry => ({
  schemaVersion: 1,
  id: 'a'.repeat(32),
  issueId: '10001',
  issueKey: 'SHOP-155',
  author: 'acc-devon',
  text: 'x',
  link: null,
  happenedAt: NOW,
  recordedAt: NOW,
  editedAt: null,
  deleted: false,
  ...overrides,
});

describe('visibleEntries', () => {
  it('leaves deleted entries out and lists the rest newest first by when they happened', () => {
    const early = entry({ id: '1'.repeat(32), happenedAt: '2026-11-20T14:00:00.000Z', recordedAt: '2026-11-20T14:40:00.000Z' });
    const late = entry({ id: '2'.repeat(32), happenedAt: '2026-11-20T14:20:00.000Z' });
    const gone = entry({ id: '3'.repeat(32), deleted: true });
    expect(visibleEntries([early, gone, late]).map((item) => item.id)).toEqual([late.id, early.id]);
  });
});

describe('the playbook', () => {
  it('keys a step by its words: readable, stable, and different for different words', () => {
    expect(playbookStepKey('Mitigation plan (rollback often beats a fix)')).toMatch(/^mitigation-plan-rollba-[0-9a-f]{6}$/);
    expect(playbookStepKey(' Rest ')).toBe(playbookStepKey('rest'));
    expect(playbookStepKey('Update sent')).not.toBe(playbookStepKey('Update sent!'));
    expect(playbookStepKey('日本語')).toMatch(/^step-[0-9a-f]{6}$/);
  });

  it('reads each step from its last tick or untick, and numbers the next change after them', () => {
    const steps = ['Mitigation plan', 'Rest'];
    const key = playbookStepKey('Mitigation plan');
    const ticks = [
      entry({ id: `pb-${key}-1`, author: 'acc-mia', recordedAt: '2026-11-20T14:01:00.000Z', playbook: { step: key, done: true } }),
      entry({ id: `pb-${key}-2`, author: 'acc-devon', recordedAt: '2026-11-20T14:05:00.000Z', playbook: { step: key, done: false } }),
      entry({ id: `pb-${key}-3`, author: 'acc-mia', recordedAt: '2026-11-20T14:09:00.000Z', playbook: { step: key, done: true } }),
    ];
    const [mitigation, rest] = playbookState(steps, [ticks[2] as StoredLogEntry, ticks[0] as StoredLogEntry, ticks[1] as StoredLogEntry, entry({})]);
    expect(mitigation).toEqual({ key, text: 'Mitigation plan', done: true, by: 'acc-mia', at: '2026-11-20T14:09:00.000Z', changes: 3 });
    expect(rest).toMatchObject({ done: false, by: null, at: null, changes: 0 });
    expect(playbookEntryId(mitigation!)).toBe(`pb-${key}-4`);
  });
});
