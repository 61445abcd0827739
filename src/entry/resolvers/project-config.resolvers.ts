import { projectConfigSchema } from '../../contract/project-config.contract';
import { fail, ok } from '../../contract/result';
import { DEFAULT_PROJECT_CONFIG } from '../../domain/config/project-config';
import { getProjectIssueTypes, getStatusNames } from '../../jira/projects';
import { clearCapacityCache } from '../../storage/capacity-cache.store';
import { readProjectConfig, writeProjectConfig } from '../../storage/project-config.store';
import { defineResolver, type HandlerContext } from './resolver-definition';

const view = async (projectKey: string, handler: HandlerContext) => {
  const [stored, issueTypes, statuses] = await Promise.all([
    readProjectConfig(projectKey),
    getProjectIssueTypes(handler.jira.asUser, projectKey),
    getStatusNames(handler.jira.asUser),
  ]);
  return {
    projectKey,
    version: stored?.version ?? 0,
    config: stored?.config ?? DEFAULT_PROJECT_CONFIG,
    canEdit: handler.access.granted.has('ADMINISTER_PROJECTS'),
    issueTypes,
    statuses,
  };
};

export const getProjectConfig = defineResolver({
  key: 'config/getProject',
  access: { kind: 'project', permission: 'BROWSE_PROJECTS', projectKey: (payload) => payload.projectKey },
  examplePayload: ({ projectKey }) => ({ projectKey }),
  async handle({ projectKey }, handler) {
    return ok(await view(projectKey, handler));
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
    const current = await readProjectConfig(projectKey);
    if ((current?.version ?? 0) !== baseVersion) {
      return fail('CONFLICT', 'Someone else saved these settings while you were editing. Review their version, then apply your change again.');
    }
    await writeProjectConfig(projectKey, {
      schemaVersion: 1,
      version: baseVersion + 1,
      config,
      updatedAt: handler.now().toISOString(),
      updatedBy: handler.access.accountId,
    });
    // What counts as production support may have changed: cached gadget figures are stale.
    await clearCapacityCache();
    return ok(await view(projectKey, handler));
  },
});
