import { ok } from '../../contract/result';
import { DEFAULT_SUPPORT_CRITERIA } from '../../contract/capacity.values';
import { readProjectConfig } from '../../storage/project-config.store';
import { defineResolver } from './resolver-definition';

/**
 * The support criteria a gadget on "Use the project's defaults" counts with, so its editor can show
 * them. Readable by whoever may browse the project, as `config/getProject` is (project settings are
 * not secret from the project's members); the same fallback as the gadget's figures: the project's
 * own, else Firebreak's built-in ones. Reads app storage only, no Jira call beyond the permission check.
 */
export const getProjectCriteria = defineResolver({
  key: 'capacity/projectCriteria',
  access: { kind: 'project', permission: 'BROWSE_PROJECTS', projectKey: (payload) => payload.projectKey },
  examplePayload: ({ projectKey }) => ({ projectKey }),
  async handle({ projectKey }, _handler) {
    const own = (await readProjectConfig(projectKey))?.config.supportCriteria;
    return ok(own === undefined ? { criteria: { ...DEFAULT_SUPPORT_CRITERIA }, source: 'firebreak' as const } : { criteria: own, source: 'project' as const });
  },
});
