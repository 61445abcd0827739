import { projectConfigSchema } from '@contract/project-config.contract';
import { describe, expect, it } from 'vitest';

import { DEFAULT_PROJECT_CONFIG } from '../../../../src/domain/config/project-config';
import { generateConfigView } from '../../shared/testing/config-view.factory';
import { IMPROVEMENTS_COPY, checkImprovements, defaultImprovements, improvementsOf, settingsFieldOf, withImprovements } from './settings-form';
import { initialCardState } from './config-card.state';
import { type ImprovementsCard, type ImprovementsCardAction, type ImprovementsCardState, isImprovementsDirty, reduceImprovementsCard } from './improvements-card.state';

const run = (...actions: ImprovementsCardAction[]): ImprovementsCardState => actions.reduce(reduceImprovementsCard, initialCardState);
const asReady = (state: ImprovementsCardState): ImprovementsCard => {
  if (state.status !== 'ready') throw new Error(`expected ready, got ${state.status}`);
  return state;
};

describe('improvements backlog', () => {
  it('starts from the stored value or this project’s defaults', () => {
    expect(improvementsOf(DEFAULT_PROJECT_CONFIG, 'SHOP')).toEqual({ projectKey: 'SHOP', issueType: 'Task', label: 'postmortem-action' });
    const stored = { projectKey: 'OPS', issueType: 'Story', label: 'pm' };
    expect(improvementsOf({ ...DEFAULT_PROJECT_CONFIG, improvements: stored }, 'SHOP')).toBe(stored);
    expect(asReady(run({ type: 'loaded', result: { ok: true, data: generateConfigView() } })).draft).toEqual(defaultImprovements('SHOP'));
  });

  it('checks the fields the contract checks, trimmed', () => {
    const ok = checkImprovements({ projectKey: ' ops ', issueType: ' Task ', label: 'pm-action ' });
    expect(ok).toEqual({ ok: true, improvements: { projectKey: 'OPS', issueType: 'Task', label: 'pm-action' } });
    if (ok.ok) expect(projectConfigSchema.safeParse(withImprovements(DEFAULT_PROJECT_CONFIG, ok.improvements)).success).toBe(true);
    expect(checkImprovements({ projectKey: '1X', issueType: ' ', label: 'two words' })).toEqual({
      ok: false,
      errors: { 'improvements.projectKey': IMPROVEMENTS_COPY.projectKey, 'improvements.issueType': IMPROVEMENTS_COPY.issueType, 'improvements.label': IMPROVEMENTS_COPY.label },
    });
    expect(checkImprovements({ projectKey: 'OPS', issueType: 'x'.repeat(61), label: 'l'.repeat(256) }).ok).toBe(false);
  });

  it('maps backend paths to the fields', () => {
    expect(settingsFieldOf('config.improvements.label')).toBe('improvements.label');
    expect(settingsFieldOf('config.improvements.projectKey')).toBe('improvements.projectKey');
  });

  it('edits, clears the field’s error, and keeps its edits when another card saves', () => {
    const start = run({ type: 'loaded', result: { ok: true, data: generateConfigView() } }, { type: 'invalid', errors: { 'improvements.label': 'bad' } });
    const edited = asReady(reduceImprovementsCard(start, { type: 'edit', change: (draft) => ({ ...draft, label: 'pm' }), clears: ['improvements.label'] }));
    expect(edited.draft.label).toBe('pm');
    expect(edited.fieldErrors).toEqual({});
    expect(isImprovementsDirty(edited)).toBe(true);

    const improvements = { projectKey: 'SHOP', issueType: 'Task', label: 'pm' };
    const savedView = generateConfigView({ version: 3, config: { ...DEFAULT_PROJECT_CONFIG, improvements } });
    const afterSave = asReady(reduceImprovementsCard({ ...edited, saving: true }, { type: 'saved', result: { ok: true, data: savedView } }));
    expect(afterSave.draft).toEqual(improvements);
    expect(isImprovementsDirty(afterSave)).toBe(false);

    const otherSave = asReady(reduceImprovementsCard(edited, { type: 'stored', view: generateConfigView({ version: 3 }) }));
    expect(otherSave.draft.label).toBe('pm');
    expect(otherSave.view.version).toBe(3);
  });
});
