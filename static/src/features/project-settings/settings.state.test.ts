import type { ProjectConfigView } from '@contract/project-config.contract';
import { describe, expect, it } from 'vitest';

import { DEFAULT_PROJECT_CONFIG } from '../../../../src/domain/config/project-config';
import { projectConfigSchema } from '@contract/project-config.contract';

import { DEFAULT_SUPPORT_CRITERIA as BUILT_IN_SUPPORT_CRITERIA } from '@contract/capacity.values';
import { checkCriteria } from '../../shared/criteria-form';
import { addItem, settingsFieldOf, supportErrorsOf } from './settings-form';
import {
  type EditingState,
  type SettingsAction,
  type SettingsState,
  SETTINGS_COPY,
  initialSettingsState,
  isDirty,
  isSupportDirty,
  reduceSettings,
  withSupportCriteria,
} from './settings.state';

const generateConfigView = (overrides: Partial<ProjectConfigView> = {}): ProjectConfigView => ({
  projectKey: 'SHOP',
  version: 2,
  config: DEFAULT_PROJECT_CONFIG,
  canEdit: true,
  issueTypes: ['Bug', 'Incident', 'Support request', 'Story'],
  statuses: ['Triage', 'Waiting for reporter', 'In progress'],
  roles: [{ name: 'Administrators', description: '' }, { name: 'Developers', description: '' }, { name: 'Users', description: '' }],
  ...overrides,
});

const run = (...actions: SettingsAction[]): SettingsState => actions.reduce(reduceSettings, initialSettingsState);
const asReady = (state: SettingsState): EditingState => {
  if (state.status !== 'ready') throw new Error(`expected ready, got ${state.status}`);
  return state;
};
const loaded = (view = generateConfigView()): SettingsAction => ({ type: 'loaded', result: { ok: true, data: view } });
const addLogs: SettingsAction = { type: 'edit', change: (config) => addItem(config, 'Logs attached', false) };

describe('reduceSettings', () => {
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
    expect(conflicted.notice).toEqual({ tone: 'warning', message: SETTINGS_COPY.conflict, part: 'settings' });
    const state = asReady(reduceSettings(conflicted, { type: 'reloaded', result: { ok: true, data: theirs } }));
    expect(state.view).toBe(theirs);
    expect(state.draft.sendBackStatus).toBeNull();
    expect(state.draft.manualItems.map((item) => item.id)).toEqual(['reproduced-internally', 'logs-attached']);
    expect(isDirty(state)).toBe(true);
    expect(state.notice).toEqual({
      tone: 'warning',
      part: 'settings',
      message: 'Someone else saved these settings while you were editing. Their version is shown with your changes on top (Added checklist item “Logs attached”). Check it, then save again.',
    });
  });

  it('.ui: after a CONFLICT where both changed the send-back status, keeps theirs and quotes mine', () => {
    const mine: SettingsAction = { type: 'edit', change: (config) => ({ ...config, sendBackStatus: 'In progress' }) };
    const theirs = generateConfigView({ version: 3, config: { ...DEFAULT_PROJECT_CONFIG, sendBackStatus: 'Triage' } });
    const state = asReady(run(loaded(), mine, { type: 'saveStarted' }, { type: 'saved', result: { ok: false, error: { code: 'CONFLICT', message: 'x' } } }, { type: 'reloaded', result: { ok: true, data: theirs } }));
    expect(state.draft.sendBackStatus).toBe('Triage');
    expect(state.notice?.message).toContain('Send-back status: yours was “In progress”');
  });

  it('.ui: after a CONFLICT, keeps who triages as edited, with their roles added too', () => {
    const mine: SettingsAction = { type: 'edit', change: (config) => ({ ...config, triagers: { roles: ['Developers'], groups: ['on-call'] } }) };
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

describe('support defaults', () => {
  const ops = { kinds: [], classesOfService: [], issueTypes: [], labels: ['ops'], jql: 'component = "Ops"' };
  const typeJql: SettingsAction = { type: 'editSupport', change: (draft) => ({ ...draft, jql: 'component = "Ops"' }), clears: ['supportCriteria.jql'] };

  it('starts from the project’s criteria, or the built-in defaults', () => {
    expect(asReady(run(loaded())).supportDraft).toMatchObject({ issueTypes: BUILT_IN_SUPPORT_CRITERIA.issueTypes.join(', '), jql: '' });
    const own = generateConfigView({ config: { ...DEFAULT_PROJECT_CONFIG, supportCriteria: ops } });
    expect(asReady(run(loaded(own))).supportDraft).toEqual({ kinds: [], classesOfService: [], issueTypes: '', labels: 'ops', jql: 'component = "Ops"' });
  });

  it('.payload: saves the stored config with the new criteria, which the contract accepts', () => {
    const state = asReady(run(loaded(), typeJql));
    expect(isSupportDirty(state)).toBe(true);
    expect(isDirty(state)).toBe(false);
    const checked = checkCriteria(state.supportDraft);
    if (!checked.ok) throw new Error('expected valid criteria');
    const config = withSupportCriteria(state.view.config, checked.criteria);
    expect(config.supportCriteria?.jql).toBe('component = "Ops"');
    expect(projectConfigSchema.safeParse(config).success).toBe(true);
    expect('supportCriteria' in withSupportCriteria(config, undefined)).toBe(false);
  });

  it('keeps the other part’s unsaved edits after one part saves', () => {
    const savedView = generateConfigView({ version: 3, config: { ...DEFAULT_PROJECT_CONFIG, supportCriteria: ops } });
    const afterSupport = asReady(run(loaded(), addLogs, typeJql, { type: 'saveStarted' }, { type: 'saved', part: 'support', result: { ok: true, data: savedView } }));
    expect(afterSupport.draft.manualItems.at(-1)?.id).toBe('logs-attached');
    expect(afterSupport.draft.supportCriteria).toEqual(ops);
    expect(isSupportDirty(afterSupport)).toBe(false);

    const afterSettings = asReady(run(loaded(), addLogs, typeJql, { type: 'saveStarted' }, { type: 'saved', result: { ok: true, data: generateConfigView({ version: 3 }) } }));
    expect(afterSettings.supportDraft.jql).toBe('component = "Ops"');
    expect(isDirty(afterSettings)).toBe(false);
  });

  it('.ui: marks the criteria field the backend names, and shows its notices in the section', () => {
    expect(settingsFieldOf('config.supportCriteria.jql')).toBe('supportCriteria.jql');
    expect(settingsFieldOf('config.supportCriteria.labels.0')).toBe('supportCriteria.labels');
    expect(settingsFieldOf('config.supportCriteria')).toBe('supportCriteria.criteria');
    expect(supportErrorsOf({ jql: 'Too long.' })).toEqual({ 'supportCriteria.jql': 'Too long.' });
    const state = asReady(run(loaded(), typeJql, { type: 'saveStarted' }, { type: 'saved', part: 'support', result: { ok: false, error: { code: 'CONFLICT', message: 'x' } } }));
    expect(state.notice).toEqual({ tone: 'warning', message: SETTINGS_COPY.conflict, part: 'support' });
    const theirs = generateConfigView({ version: 3, config: { ...DEFAULT_PROJECT_CONFIG, sendBackStatus: null } });
    const reloaded = asReady(reduceSettings(state, { type: 'reloaded', result: { ok: true, data: theirs } }));
    expect(reloaded.supportDraft.jql).toBe('component = "Ops"');
    expect(reloaded.notice).toMatchObject({ part: 'support', message: expect.stringContaining('What counts as production support') as string });
  });
});
