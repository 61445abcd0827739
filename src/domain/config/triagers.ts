/**
 * Who triages, in words: the sentences the project settings page and the report's refusals use.
 * Pure: which roles and groups the person holds is found by `src/jira/roles.ts`.
 */
import type { Triagers } from '../../contract/project-config.contract';

const either = (names: readonly string[]): string => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}`);

/** "members of the Developers or Administrators project role, or of the support-leads group" */
export function describeTriagers(triagers: Triagers): string {
  const roles = triagers.roles.length === 0 ? '' : `the ${either(triagers.roles)} project role`;
  const groups = triagers.groups.length === 0 ? '' : `the ${either(triagers.groups)} group`;
  if (roles === '' && groups === '') return 'nobody (no role or group is chosen)';
  if (roles === '') return `members of ${groups}`;
  if (groups === '') return `members of ${roles}`;
  return `members of ${roles}, or of ${groups}`;
}

export interface NotATriager {
  /** Chosen roles the project does not have (renamed or deleted since they were chosen). */
  readonly missingRoles: readonly string[];
  /** Chosen roles whose members Jira would not show Firebreak. */
  readonly unreadableRoles: readonly string[];
}

/**
 * Why someone may not do a triager's work here, and what to do: the refusal's sentence. `action`
 * completes "Only triagers can …" ("decide the severity").
 */
export function notTriagerSentence(projectKey: string, triagers: Triagers, action: string, why: NotATriager): string {
  const parts = [`Only triagers can ${action} in ${projectKey}: ${describeTriagers(triagers)}.`];
  if (why.missingRoles.length > 0) parts.push(`${projectKey} has no ${either(why.missingRoles)} role any more, so a project admin should choose who triages again in its Firebreak settings.`);
  if (why.unreadableRoles.length > 0) parts.push(`Jira did not let Firebreak see who holds the ${either(why.unreadableRoles)} role, so that role could not count.`);
  parts.push('Ask a project admin to add you, or to change who triages in the project’s Firebreak settings.');
  return parts.join(' ');
}
