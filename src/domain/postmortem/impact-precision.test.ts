import { describe, expect, it } from 'vitest';

import type { Postmortem } from '../../contract/postmortem.contract';
import { applyEdit } from './edit';
import { changedSections, contentOf } from './review';
import { generatePostmortem } from './testing/postmortem.factory';

/**
 * fixes part (issue 15): the page's time inputs show minutes, so a save that did not touch an impact
 * time sends it back without its seconds. That is no change: the stored time stays, and the version
 * history does not list "Impact times".
 */
const storedImpact: Postmortem['impact'] = { ...generatePostmortem().impact, started: '2026-11-20T14:12:37.250Z', detected: '2026-11-20T14:20:00.000Z', mitigated: null, resolved: '2026-11-20T16:05:59Z' };
const stored = generatePostmortem({ impact: storedImpact });
const edited = (impact: Partial<Postmortem['impact']>) => applyEdit(stored, { ...contentOf(stored), impact: { ...storedImpact, ...impact } });

describe('impact times at the input’s precision', () => {
  it.each([
    ['the same minutes, seconds dropped', { started: '2026-11-20T14:12:00Z', detected: '2026-11-20T14:20:00Z', resolved: '2026-11-20T16:05:00Z' }, storedImpact],
    ['the same minute with milliseconds written out', { started: '2026-11-20T14:12:00.000Z' }, storedImpact],
  ] as const)('keeps the stored times for %s, and records no change', (_case, sent, kept) => {
    const next = edited(sent);
    expect(next.impact).toEqual(kept);
    expect(changedSections(stored, next)).toEqual([]);
  });

  it.each([
    ['a different minute', { started: '2026-11-20T14:13:00Z' }, { started: '2026-11-20T14:13:00Z' }],
    ['a time with its own seconds (an API client)', { started: '2026-11-20T14:12:05Z' }, { started: '2026-11-20T14:12:05Z' }],
    ['a cleared time', { started: null }, { started: null }],
    ['a time where none was stored', { mitigated: '2026-11-20T15:00:00Z' }, { mitigated: '2026-11-20T15:00:00Z' }],
  ] as const)('takes %s as a change', (_case, sent, expected) => {
    const next = edited(sent);
    expect(next.impact).toEqual({ ...storedImpact, ...expected });
    expect(changedSections(stored, next)).toEqual(['impact']);
  });

  it('leaves a malformed stored time to the edit', () => {
    const odd = generatePostmortem({ impact: { ...storedImpact, started: 'not-a-time' } });
    expect(applyEdit(odd, { ...contentOf(odd), impact: { ...storedImpact, started: '2026-11-20T14:12:00Z' } }).impact.started).toBe('2026-11-20T14:12:00Z');
  });
});
