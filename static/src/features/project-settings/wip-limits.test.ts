import { projectConfigSchema } from '@contract/project-config.contract';
import { WIP_LIMIT_MESSAGE } from '@contract/project-config.values';
import { describe, expect, it } from 'vitest';

import { DEFAULT_PROJECT_CONFIG } from '../../../../src/domain/config/project-config';
import { generateConfigView } from '../../shared/testing/config-view.factory';
import { initialCardState } from './config-card.state';
import { reduceSettingsCard } from './settings-card.state';
import { settingsFieldOf } from './settings-form';
import { mergeProjectConfig } from './settings-merge';
import { newMergeNotes } from '../../shared/three-way-merge';
import { type WipLimitsCard, type WipLimitsCardAction, type WipLimitsCardState, isWipLimitsDirty, reduceWipLimitsCard } from './wip-limits-card.state';
import { type WipLimitsDraft, checkWipLimits, parseWipLimit, wipLimitsDraftOf, withWipLimits } from './wip-limits-form';

const run = (...actions: WipLimitsCardAction[]): WipLimitsCardState => actions.reduce(reduceWipLimitsCard, initialCardState);
const asReady = (state: WipLimitsCardState): WipLimitsCard => {
  if (state.status !== 'ready') throw new Error(`expected ready, got ${state.status}`);
  return state;
};
const draft = (limits: Partial<WipLimitsDraft['limits']>, topSeverityExempt = false): WipLimitsDraft => ({
  limits: { emergency: '', 'bug-asap': '', 'bug-next-maintenance': '', 'bug-next-major': '', 'support-request': '', ...limits },
  topSeverityExempt,
});

describe('support WIP limits card', () => {
  it('starts empty (no limits) until saved, then from the stored limits', () => {
    expect(wipLimitsDraftOf(DEFAULT_PROJECT_CONFIG)).toEqual(draft({}));
    const stored = { ...DEFAULT_PROJECT_CONFIG, wipLimits: { limits: { emergency: 2, 'bug-asap': 3 }, topSeverityExempt: true } };
    expect(asReady(run({ type: 'loaded', result: { ok: true, data: generateConfigView({ config: stored }) } })).draft).toEqual(draft({ emergency: '2', 'bug-asap': '3' }, true));
  });

  it.each([
    ['', null],
    [' 7 ', 7],
    ['07', 7],
    ['1', 1],
    ['99', 99],
    ['0', undefined],
    ['100', undefined],
    ['-5', undefined],
    ['−5', undefined],
    ['2.5', undefined],
    ['two', undefined],
    ['1e1', undefined],
  ])('reads %j as %s', (typed, expected) => {
    expect(parseWipLimit(typed)).toBe(expected);
  });

  it('sends what the contract accepts, and says which box is wrong otherwise', () => {
    const ok = checkWipLimits(draft({ emergency: '2', 'support-request': ' 5 ' }, true));
    expect(ok).toEqual({ ok: true, wipLimits: { limits: { emergency: 2, 'support-request': 5 }, topSeverityExempt: true } });
    if (ok.ok) expect(projectConfigSchema.safeParse(withWipLimits(DEFAULT_PROJECT_CONFIG, ok.wipLimits)).success).toBe(true);
    expect(checkWipLimits(draft({ emergency: '0', 'bug-asap': 'lots' }))).toEqual({
      ok: false,
      errors: { 'wipLimits.emergency': `Emergency: ${WIP_LIMIT_MESSAGE}`, 'wipLimits.bug-asap': `ASAP bug: ${WIP_LIMIT_MESSAGE}` },
    });
  });

  it('the contract refuses what the form refuses', () => {
    for (const limit of [0, 100, 2.5, -1]) {
      const parsed = projectConfigSchema.safeParse({ ...DEFAULT_PROJECT_CONFIG, wipLimits: { limits: { emergency: limit }, topSeverityExempt: false } });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe(WIP_LIMIT_MESSAGE);
    }
    expect(projectConfigSchema.safeParse({ ...DEFAULT_PROJECT_CONFIG, wipLimits: { limits: { 'not-a-class': 1 }, topSeverityExempt: false } }).success).toBe(false);
  });

  it('marks the backend’s error paths on the right box', () => {
    expect(settingsFieldOf('config.wipLimits.limits.emergency')).toBe('wipLimits.emergency');
    expect(settingsFieldOf('config.wipLimits.topSeverityExempt')).toBe('wipLimits.topSeverityExempt');
    expect(settingsFieldOf('config.wipLimits.limits.nonsense')).toBe('wipLimits.topSeverityExempt');
  });

  it('keeps its unsaved edits when another card saves, and is dirty until saved', () => {
    const loaded = run({ type: 'loaded', result: { ok: true, data: generateConfigView() } });
    const edited = reduceWipLimitsCard(loaded, { type: 'edit', change: (previous) => ({ ...previous, limits: { ...previous.limits, emergency: '1' } }) });
    expect(isWipLimitsDirty(asReady(edited))).toBe(true);
    const afterOther = asReady(reduceWipLimitsCard(edited, { type: 'stored', view: generateConfigView({ version: 3 }) }));
    expect(afterOther.view.version).toBe(3);
    expect(afterOther.draft.limits.emergency).toBe('1');
  });

  it('is kept by the main settings card, whose draft is the whole config: after another card saves and after a conflict', () => {
    const limits = { limits: { emergency: 1 }, topSeverityExempt: false };
    const loaded = reduceSettingsCard(initialCardState, { type: 'loaded', result: { ok: true, data: generateConfigView() } });
    const settings = reduceSettingsCard(loaded, { type: 'edit', change: (previous) => ({ ...previous, sendBackStatus: null }) });
    const afterWip = reduceSettingsCard(settings, { type: 'stored', view: generateConfigView({ version: 3, config: { ...DEFAULT_PROJECT_CONFIG, wipLimits: limits } }) });
    expect(afterWip.status === 'ready' && afterWip.draft).toMatchObject({ sendBackStatus: null, wipLimits: limits });

    const merged = mergeProjectConfig(newMergeNotes(), DEFAULT_PROJECT_CONFIG, { ...DEFAULT_PROJECT_CONFIG, sendBackStatus: null }, { ...DEFAULT_PROJECT_CONFIG, wipLimits: limits });
    expect(merged).toMatchObject({ sendBackStatus: null, wipLimits: limits });
  });
});
