import { projectConfigSchema } from '../../contract/project-config.contract';
import { ok } from '../../contract/result';
import { DEFAULT_PROJECT_CONFIG } from '../../domain/config/project-config';
import { readProjectSettingsView, readSupportWip, saveProjectSettings } from '../use-cases/project-settings';
import { searchAssignablePeople } from '../../jira/user-search';
import { defineResolver } from './resolver-definition';

export const getProjectConfig = defineResolver({
  key: 'config/getProject',
  access: { kind: 'project', permission: 'BROWSE_PROJECTS', projectKey: (payload) => payload.projectKey },
  examplePayload: ({ projectKey }) => ({ projectKey }),
  async handle({ projectKey }, handler) {
    return ok(await readProjectSettingsView(projectKey, handler));
  },
});

/**
 * Saves the project's template and Definition of Ready settings. Needs Administer projects, checked
 * as the user; the settings live in app storage, written only after that check.
 */
export const saveProjectConfig = defineResolver({
  key: 'config/saveProject',
  access: { kind: 'project', permission: 'ADMINISTER_PROJECTS', projectKey: (payload) => payload.projectKey },
  examplePayload: ({ projectKey }) => ({ projectKey, config: projectConfigSchema.parse(DEFAULT_PROJECT_CONFIG), baseVersion: 0 }),
  async handle({ projectKey, config, baseVersion }, handler) {
    return ok(await saveProjectSettings(projectKey, config, baseVersion, handler));
  },
});

/**
 * Where the issue's class of service stands against the project's WIP limit, for the Definition of
 * Ready panel. Read-only; counted as the viewer, so only issues they may browse are counted or read.
 */
export const getSupportWip = defineResolver({
  key: 'config/supportWip',
  access: { kind: 'issue', permission: 'BROWSE_PROJECTS', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey }),
  async handle({ issueKey }, handler) {
    return ok(await readSupportWip(issueKey, handler));
  },
});

/**
 * People to put in the on-call rotation, by name: those who may be assigned issues in the project
 * (the rotation exists to be assigned incidents), searched as the admin so Jira's privacy applies.
 */
export const findPeople = defineResolver({
  key: 'config/findPeople',
  access: { kind: 'project', permission: 'ADMINISTER_PROJECTS', projectKey: (payload) => payload.projectKey },
  examplePayload: ({ projectKey }) => ({ projectKey, query: 'a' }),
  async handle({ projectKey, query }, handler) {
    return ok({ people: await searchAssignablePeople(handler.jira.asUser, projectKey, query, 10) });
  },
});
