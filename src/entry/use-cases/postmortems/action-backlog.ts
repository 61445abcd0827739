import type { Postmortem } from '../../../contract/postmortem.contract';
import type { ProjectConfig } from '../../../contract/project-config.contract';
import { readProjectConfig } from '../../../storage/project-config.store';

export type ImprovementsBacklog = NonNullable<ProjectConfig['improvements']>;

/** The label filed action issues carry when the project configured none. */
export const IMPROVEMENT_LABEL = 'postmortem-action';

/** Where a postmortem's actions are filed: the improvements backlog its project configured, or the project itself (Task, `postmortem-action`). */
export const backlogOf = async (postmortem: Pick<Postmortem, 'projectKey'>): Promise<ImprovementsBacklog> =>
  (await readProjectConfig(postmortem.projectKey))?.config.improvements ?? { projectKey: postmortem.projectKey, issueType: 'Task', label: IMPROVEMENT_LABEL };

/** The project an action's owner is assigned its issue in. */
export const backlogProjectOf = async (postmortem: Pick<Postmortem, 'projectKey'>): Promise<string> => (await backlogOf(postmortem)).projectKey;
