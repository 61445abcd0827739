import type { Scenario } from '../../sandbox/jira';

export interface Actors {
  readonly projectKey: string;
  readonly issueKey: string;
  /** May browse and edit the main project. */
  readonly editor: string;
  /** May browse but not edit the main project, when the scenario has such a user. */
  readonly viewer: string | undefined;
  /** May not browse the main project at all. */
  readonly outsider: string;
  /** A project the outsider may browse, and an issue in it. */
  readonly otherProjectKey: string | undefined;
}

const can = (scenario: Scenario, accountId: string, projectKey: string, permission: 'browse' | 'edit'): boolean => {
  const user = scenario.users.find((candidate) => candidate.accountId === accountId);
  if (user === undefined) return false;
  return (user.projectPermissions[projectKey] ?? []).includes(permission);
};

/** The scenario's cast for permission tests, found from the data rather than hard-coded ids. */
export const pickActors = (scenario: Scenario): Actors => {
  const project = scenario.projects.find((candidate) => candidate.key === 'SHOP') ?? scenario.projects[0];
  if (project === undefined) throw new Error('The scenario has no project.');
  const issue = scenario.issues.find((candidate) => candidate.key.startsWith(`${project.key}-`));
  if (issue === undefined) throw new Error(`The scenario has no issue in ${project.key}.`);
  const users = scenario.users.filter((user) => !user.siteAdmin);
  const editor = users.find((user) => can(scenario, user.accountId, project.key, 'edit'));
  const outsider = users.find((user) => !can(scenario, user.accountId, project.key, 'browse'));
  const viewer = users.find((user) => can(scenario, user.accountId, project.key, 'browse') && !can(scenario, user.accountId, project.key, 'edit'));
  if (editor === undefined || outsider === undefined) throw new Error(`The scenario needs an editor of ${project.key} and a user without access to it.`);
  const otherProject = scenario.projects.find((candidate) => candidate.key !== project.key && can(scenario, outsider.accountId, candidate.key, 'browse'));
  return {
    projectKey: project.key,
    issueKey: issue.key,
    editor: editor.accountId,
    viewer: viewer?.accountId,
    outsider: outsider.accountId,
    otherProjectKey: otherProject?.key,
  };
};
