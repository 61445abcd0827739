import { ok } from '../../contract/result';
import { DEFAULT_POLICY } from '../../domain/policy/presets';
import { searchSitePeople } from '../../jira/user-search';
import { readPolicyView, savePolicy } from '../use-cases/policy-admin';
import { defineResolver } from './resolver-definition';

const EXAMPLE_POLICY = DEFAULT_POLICY;

export const getSitePolicy = defineResolver({
  key: 'policy/getSite',
  access: { kind: 'global', permission: 'ADMINISTER' },
  examplePayload: () => ({}),
  async handle(_payload, handler) {
    return ok(await readPolicyView(null, handler, true));
  },
});

/**
 * part: updates (issue 16): people to name as a level's escalation contact on the site policy page,
 * by name, searched as the admin so Jira's privacy applies. A project's own policy searches the
 * people who may be assigned its issues instead (`config/findPeople`).
 */
export const findSitePeople = defineResolver({
  key: 'policy/findPeople',
  access: { kind: 'global', permission: 'ADMINISTER' },
  examplePayload: () => ({ query: 'a' }),
  async handle({ query }, handler) {
    return ok({ people: await searchSitePeople(handler.jira.asUser, query, 10) });
  },
});

export const saveSitePolicy = defineResolver({
  key: 'policy/saveSite',
  access: { kind: 'global', permission: 'ADMINISTER' },
  examplePayload: () => ({ policy: EXAMPLE_POLICY, baseVersion: 0 }),
  async handle({ policy, baseVersion, mapping, actionId }, handler) {
    return ok(await savePolicy(null, policy, baseVersion, handler, { mapping, actionId }));
  },
});

export const getProjectPolicy = defineResolver({
  key: 'policy/getProject',
  access: { kind: 'project', permission: 'BROWSE_PROJECTS', projectKey: (payload) => payload.projectKey },
  examplePayload: ({ projectKey }) => ({ projectKey }),
  async handle({ projectKey }, handler) {
    return ok(await readPolicyView(projectKey, handler, handler.access.granted.has('ADMINISTER_PROJECTS')));
  },
});

export const saveProjectPolicy = defineResolver({
  key: 'policy/saveProject',
  access: { kind: 'project', permission: 'ADMINISTER_PROJECTS', projectKey: (payload) => payload.projectKey },
  examplePayload: ({ projectKey }) => ({ projectKey, policy: EXAMPLE_POLICY, baseVersion: 0 }),
  async handle({ projectKey, policy, baseVersion, mapping, actionId }, handler) {
    return ok(await savePolicy(projectKey, policy, baseVersion, handler, { mapping, actionId }));
  },
});
