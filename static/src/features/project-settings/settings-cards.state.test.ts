import { describe, expect, it } from 'vitest';

import { DEFAULT_PROJECT_CONFIG } from '../../../../src/domain/config/project-config';
import { generateConfigView } from '../../shared/testing/config-view.factory';
import { projectConfigSchema } from '@contract/project-config.contract';

import { DEFAULT_SUPPORT_CRITERIA as BUILT_IN_SUPPORT_CRITERIA } from '@contract/capacity.values';
import { checkCriteria } from '../../shared/criteria-form';
import { addItem, settingsFieldOf, supportErrorsOf } from './settings-form';
import { type ConfigCard, type ConfigCardState, SETTINGS_COPY, initialCardState } from './config-card.state';
import { type SettingsCardAction, isSettingsDirty as isDirty, reduceSettingsCard } from './settings-card.state';
import { type SupportCardAction, isSupportDirty, reduceSupportCard, withSupportCriteria } from './support-card.state';


const run = (...actions: SettingsCardAction[]) => actions.reduce(reduceSettingsCard, initialCardState);
const runSupport = (...actions: SupportCardAction[]) => actions.reduce(reduceSupportCard, initialCardState);
const asReady = <Draft>(state: ConfigCardState<Draft>): ConfigCard<Draft> => {
  if (state.status !== 'ready') throw new Error(`expected ready, got ${state.status}`);
  return state;
};
const loaded = (view = generateConfigView()) => ({ type: 'loaded', result: { ok: true, data: view } }) as const;
const addLogs: SettingsCardAction = { type: 'edit', change: (config) => addItem(config, 'Logs attached', false) };

describe('the main settings card', () => {
  it('edits a draft and knows it is unsaved', () => {
    const state = asReady(run(loaded(), addLogs));
    expect(state.draft.manualItems.at(-1)?.id).toBe('logs-attached');
    expect(isDirty(state)).toBe(true);
  });

  it('does not change anything for someone who is not a project admin', () => {
    const state = asReady(run(loaded(generateConfigView({ canEdit: false })), addLogs));
    expect(isDirty(state)).toBe(false);
  });

  it('.ui: marks the field the backend names', () => {
    const state = asReady(
      run(loaded(), addLogs, { type: 'saveStarted' }, { type: 'saved', result: { ok: false, error: { code: 'INVALID_INPUT', message: 'Too short.', field: 'config.manualItems.1.label' } } }),
    );
    expect(state).toMatchObject({ saving: false, fieldErrors: { 'manualItems.1.label': 'Too short.' } });
  });

  it('.ui: on CONFLICT explains, then shows their version with the admin’s unsaved edits on top', () => {
    const theirs = generateConfigView({ version: 3, config: { ...DEFAULT_PROJECT_CONFIG, sendBackStatus: null } });
    const conflicted = asReady(run(loaded(), addLogs, { type: 'saveStarted' }, { type: 'saved', result: { ok: false, error: { code: 'CONFLICT', message: 'x' } } }));
    expect(conflicted.notice).toEqual({ tone: 'warning', message: SETTINGS_COPY.conflict });
    const state = asReady(reduceSettingsCard(conflicted, { type: 'reloaded', result: { ok: true, data: theirs } }));
    expect(state.view).toBe(theirs);
    expect(state.draft.sendBackStatus).toBeNull();
    expect(state.draft.manualItems.map((item) => item.id)).toEqual(['reproduced-internally', 'logs-attached']);
    expect(isDirty(state)).toBe(true);
    expect(state.notice).toEqual({
      tone: 'warning',
      message: 'Someone else saved these settings while you were editing. Their version is shown with your changes on top (Added checklist item “Logs attached”). Check it, then save again.',
    });
  });

  it('.ui: after a CONFLICT where both changed the send-back status, keeps theirs and quotes mine', () => {
    const mine: SettingsCardAction = { type: 'edit', change: (config) => ({ ...config, sendBackStatus: 'In progress' }) };
    const theirs = generateConfigView({ version: 3, config: { ...DEFAULT_PROJECT_CONFIG, sendBackStatus: 'Triage' } });
    const state = asReady(run(loaded(), mine, { type: 'saveStarted' }, { type: 'saved', result: { ok: false, error: { code: 'CONFLICT', message: 'x' } } }, { type: 'reloaded', result: { ok: true, data: theirs } }));
    expect(state.draft.sendBackStatus).toBe('Triage');
    expect(state.notice?.message).toContain('Send-back status: yours was “In progress”');
  });

  it('.ui: after a CONFLICT, keeps who triages as edited, with their roles added too', () => {
    const mine: SettingsCardAction = { type: 'edit', change: (config) => ({ ...config, triagers: { roles: ['Developers'], groups: ['on-call'] } }) };
    const theirs = generateConfigView({ version: 3, config: { ...DEFAULT_PROJECT_CONFIG, triagers: { roles: ['Developers', 'Administrators', 'Users'], groups: [] } } });
    const state = asReady(run(loaded(), mine, { type: 'saveStarted' }, { type: 'saved', result: { ok: false, error: { code: 'CONFLICT', message: 'x' } } }, { type: 'reloaded', result: { ok: true, data: theirs } }));
    expect(state.draft.triagers).toEqual({ roles: ['Developers', 'Users'], groups: ['on-call'] });
  });

  it('starts again from the saved version', () => {
    const saved = generateConfigView({ version: 3 });
    const state = asReady(run(loaded(), addLogs, { type: 'saveStarted' }, { type: 'saved', result: { ok: true, data: saved } }));
    expect(state).toMatchObject({ view: saved, saving: false, notice: null });
    expect(isDirty(state)).toBe(false);
  });

  it('stops editing on FORBIDDEN', () => {
    const state = asReady(run(loaded(), { type: 'saveStarted' }, { type: 'saved', result: { ok: false, error: { code: 'FORBIDDEN', message: 'Admins only.' } } }));
    expect(state).toMatchObject({ editRevoked: true, notice: { message: 'Admins only.' } });
  });
});

describe('the support defaults card', () => {
  const ops = { kinds: [], classesOfService: [], issueTypes: [], labels: ['ops'], jql: 'component = "Ops"' };
  const typeJql: SupportCardAction = { type: 'edit', change: (draft) => ({ ...draft, jql: 'component = "Ops"' }), clears: ['supportCriteria.jql'] };

  it('starts from the project’s criteria, or the built-in defaults', () => {
    expect(asReady(runSupport(loaded())).draft).toMatchObject({ issueTypes: BUILT_IN_SUPPORT_CRITERIA.issueTypes.join(', '), jql: '' });
    const own = generateConfigView({ config: { ...DEFAULT_PROJECT_CONFIG, supportCriteria: ops } });
    expect(asReady(runSupport(loaded(own))).draft).toEqual({ kinds: [], classesOfService: [], issueTypes: '', labels: 'ops', jql: 'component = "Ops"' });
  });

  it('.payload: saves the stored config with the new criteria, which the contract accepts', () => {
    const state = asReady(runSupport(loaded(), typeJql));
    expect(isSupportDirty(state)).toBe(true);
    const checked = checkCriteria(state.draft);
    if (!checked.ok) throw new Error('expected valid criteria');
    const config = withSupportCriteria(state.view.config, checked.criteria);
    expect(config.supportCriteria?.jql).toBe('component = "Ops"');
    expect(projectConfigSchema.safeParse(config).success).toBe(true);
    expect('supportCriteria' in withSupportCriteria(config, undefined)).toBe(false);
  });

  it('keeps each card’s unsaved edits when another card saves', () => {
    const savedView = generateConfigView({ version: 3, config: { ...DEFAULT_PROJECT_CONFIG, supportCriteria: ops } });
    const afterSupport = asReady(reduceSettingsCard(run(loaded(), addLogs), { type: 'stored', view: savedView }));
    expect(afterSupport.draft.manualItems.at(-1)?.id).toBe('logs-attached');
    expect(afterSupport.draft.supportCriteria).toEqual(ops);
    expect(afterSupport.view.version).toBe(3);

    const afterSettings = asReady(reduceSupportCard(runSupport(loaded(), typeJql), { type: 'stored', view: generateConfigView({ version: 3 }) }));
    expect(afterSettings.draft.jql).toBe('component = "Ops"');
    expect(isSupportDirty(afterSettings)).toBe(true);

    const untouched = asReady(reduceSupportCard(runSupport(loaded()), { type: 'stored', view: savedView }));
    expect(isSupportDirty(untouched)).toBe(false);
    expect(untouched.draft.labels).toBe('ops');
  });

  it('.ui: marks the criteria field the backend names, and shows its notices in the section', () => {
    expect(settingsFieldOf('config.supportCriteria.jql')).toBe('supportCriteria.jql');
    expect(settingsFieldOf('config.supportCriteria.labels.0')).toBe('supportCriteria.labels');
    expect(settingsFieldOf('config.supportCriteria')).toBe('supportCriteria.criteria');
    expect(supportErrorsOf({ jql: 'Too long.' })).toEqual({ 'supportCriteria.jql': 'Too long.' });
    const state = asReady(runSupport(loaded(), typeJql, { type: 'saveStarted' }, { type: 'saved', result: { ok: false, error: { code: 'CONFLICT', message: 'x' } } }));
    expect(state.notice).toEqual({ tone: 'warning', message: SETTINGS_COPY.conflict });
    const theirs = generateConfigView({ version: 3, config: { ...DEFAULT_PROJECT_CONFIG, sendBackStatus: null } });
    const reloaded = asReady(reduceSupportCard(state, { type: 'reloaded', result: { ok: true, data: theirs } }));
    expect(reloaded.draft.jql).toBe('component = "Ops"');
    expect(reloaded.notice).toMatchObject({ message: expect.stringContaining('What counts as production support') as string });
    // The main card, with nothing unsaved, takes their version without a word.
    expect(asReady(reduceSettingsCard(run(loaded()), { type: 'reloaded', result: { ok: true, data: theirs } }))).toMatchObject({ view: theirs, notice: null });
  });
});

describe('which card shows a backend error', () => {
  const refused = (field: string) => ({ type: 'saved', result: { ok: false, error: { code: 'INVALID_INPUT', message: 'Bad.', field } } }) as const;

  it('.ui: marks a support field on the support card, and names it in a banner on the main card', () => {
    expect(asReady(runSupport(loaded(), { type: 'saveStarted' }, refused('config.supportCriteria.jql'))).fieldErrors).toEqual({ 'supportCriteria.jql': 'Bad.' });
    expect(asReady(run(loaded(), { type: 'saveStarted' }, refused('config.supportCriteria.jql')))).toMatchObject({ fieldErrors: {}, notice: { tone: 'error', message: 'Bad.' } });
  });
});
