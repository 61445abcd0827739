import { saveProjectPolicyPayloadSchema } from '@contract/policy.contract';
import { describe, expect, it } from 'vitest';

import { generatePolicyView } from '../../shared/testing/policy-view.factory';
import type { PolicyEditingState } from '../../shared/policy-editor/policy-editor.state';
import { updateLevel } from '../../shared/policy-editor/policy-form';
import {
  PROJECT_POLICY_COPY,
  type ProjectPolicyAction,
  type ProjectPolicyState,
  hasProjectPolicyChange,
  initialProjectPolicyState,
  projectPolicySave,
  projectSourceSentence,
  reduceProjectPolicy,
} from './project-policy.state';

const projectView = (overrides: Parameters<typeof generatePolicyView>[0] = {}) => generatePolicyView({ scope: { kind: 'project', projectKey: 'SHOP' }, source: 'site', ...overrides });
const run = (...actions: ProjectPolicyAction[]): ProjectPolicyState => actions.reduce(reduceProjectPolicy, initialProjectPolicyState);
const loaded = (view = projectView()): ProjectPolicyAction => ({ type: 'loaded', result: { ok: true, data: view } });
const ready = (state: ProjectPolicyState): PolicyEditingState => {
  if (state.policy.status !== 'ready') throw new Error(`expected ready, got ${state.policy.status}`);
  return state.policy;
};
const rename: ProjectPolicyAction = { type: 'edit', change: (draft) => updateLevel(draft, 0, { name: 'Sev 1' }), clears: 'levels.0.name' };

describe('projectSourceSentence', () => {
  it('says where the project’s policy comes from', () => {
    expect(projectSourceSentence({ source: 'site', version: 0 })).toBe('This project uses the site’s policy.');
    expect(projectSourceSentence({ source: 'default', version: 0 })).toContain('Firebreak’s default');
    expect(projectSourceSentence({ source: 'project', version: 4 })).toBe('This project uses its own policy (this project’s own), version 4.');
  });
});

describe('reduceProjectPolicy', () => {
  it('ticks the override only for a project with its own policy', () => {
    expect(run(loaded()).override).toBe(false);
    expect(run(loaded(projectView({ source: 'project', version: 2 }))).override).toBe(true);
  });

  it('starts the editor from the current policy, and unticking drops the edits', () => {
    const edited = run(loaded(), { type: 'override', on: true }, rename);
    expect(edited.override).toBe(true);
    expect(ready(edited).draft.levels[0]?.name).toBe('Sev 1');
    const unticked = reduceProjectPolicy(edited, { type: 'override', on: false });
    expect(ready(unticked).draft.levels[0]?.name).not.toBe('Sev 1');
  });

  it('does not let a viewer who cannot edit override', () => {
    expect(run(loaded(projectView({ canEdit: false })), { type: 'override', on: true }).override).toBe(false);
  });

  it('.ui: marks the level field the backend names', () => {
    const state = run(loaded(), { type: 'override', on: true }, { type: 'saveStarted' }, { type: 'saved', result: { ok: false, error: { code: 'INVALID_INPUT', message: 'Two levels are called "X".', field: 'policy.levels.1.name' } } });
    expect(ready(state).fieldErrors).toEqual({ 'levels.1.name': 'Two levels are called "X".' });
    expect(state.override).toBe(true);
  });

  it('.ui: on CONFLICT says so in the project’s words, then shows their version', () => {
    const theirs = projectView({ source: 'project', version: 3 });
    const conflicted = run(loaded(), { type: 'override', on: true }, { type: 'saveStarted' }, { type: 'saved', result: { ok: false, error: { code: 'CONFLICT', message: 'x' } } });
    expect(ready(conflicted).notice).toEqual({ tone: 'warning', message: PROJECT_POLICY_COPY.conflict });
    const state = reduceProjectPolicy(conflicted, { type: 'reloaded', result: { ok: true, data: theirs } });
    expect(ready(state)).toMatchObject({ view: theirs, notice: { tone: 'warning', message: expect.stringContaining('Someone else saved this project’s severity policy') as string } });
    expect(state.override).toBe(true);
  });

  it('.ui: after a CONFLICT, keeps an untick the admin had not saved yet', () => {
    const state = run(
      loaded(projectView({ source: 'project', version: 2 })),
      { type: 'override', on: false },
      { type: 'saveStarted' },
      { type: 'saved', result: { ok: false, error: { code: 'CONFLICT', message: 'x' } } },
      { type: 'reloaded', result: { ok: true, data: projectView({ source: 'project', version: 3 }) } },
    );
    expect(state.override).toBe(false);
    expect(ready(state).view.version).toBe(3);
  });

  it('follows the saved view: back on the site’s policy after removing the override', () => {
    const state = run(loaded(projectView({ source: 'project', version: 2 })), { type: 'override', on: false }, { type: 'saveStarted' }, { type: 'saved', result: { ok: true, data: projectView() } });
    expect(state.override).toBe(false);
    expect(ready(state).saving).toBe(false);
  });
});

describe('projectPolicySave', () => {
  it('.payload: sends the edited policy when overriding', () => {
    const state = run(loaded(), { type: 'override', on: true }, rename);
    const save = projectPolicySave(ready(state), state.override);
    expect(save.kind === 'send' && save.policy?.levels[0]?.name).toBe('Sev 1');
    expect(save.kind === 'send' && saveProjectPolicyPayloadSchema.safeParse({ projectKey: 'SHOP', policy: save.policy, baseVersion: 0 }).success).toBe(true);
  });

  it('.payload: sends null to go back to the site’s policy, and nothing when already on it', () => {
    const own = run(loaded(projectView({ source: 'project', version: 2 })), { type: 'override', on: false });
    expect(projectPolicySave(ready(own), own.override)).toEqual({ kind: 'send', policy: null });
    expect(saveProjectPolicyPayloadSchema.safeParse({ projectKey: 'SHOP', policy: null, baseVersion: 2 }).success).toBe(true);
    const site = run(loaded());
    expect(projectPolicySave(ready(site), site.override)).toEqual({ kind: 'nothing' });
    expect(hasProjectPolicyChange(ready(site), false, false)).toBe(false);
    expect(hasProjectPolicyChange(ready(site), true, false)).toBe(true);
  });

  it('returns the editor’s errors instead of a payload', () => {
    const state = run(loaded(), { type: 'override', on: true }, { type: 'edit', change: (draft) => updateLevel(draft, 0, { name: '' }) });
    expect(projectPolicySave(ready(state), true)).toEqual({ kind: 'invalid', errors: { 'levels.0.name': 'Give the level a name.' } });
  });
});
