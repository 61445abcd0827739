import { DEFAULT_TRIAGERS, type Triagers } from '../../contract/project-config.contract';
import { notTriagerSentence } from '../../domain/config/triagers';
import type { JiraClients } from '../../jira/jira-transport';
import { findTriagerMembership } from '../../jira/roles';

export type TriagerVerdict =
  | { readonly triager: true; /** "the Developers role", "the on-call group" */ readonly via: string }
  | {
      readonly triager: false;
      /**
       * Completes a refusal for `action` ("decide the severity"): who triages here, why this person
       * does not count, what to do.
       */
      readonly refusal: (action: string) => string;
    };

/**
 * Whether the invoking user triages in `projectKey` under the project's settings (`null`: the
 * defaults, the Developers and Administrators roles). For the report's resolvers, which enforce it
 * after checking the user's own permission on the issue (the roles are read as the app, see
 * `findTriagerMembership`). A Jira failure other than a refusal to show a role is thrown, for the
 * resolver to map like any other.
 */
export const triagerCheck = async (jira: JiraClients, projectKey: string, settings: { readonly triagers: Triagers } | null): Promise<TriagerVerdict> => {
  const triagers = settings?.triagers ?? DEFAULT_TRIAGERS;
  const membership = await findTriagerMembership(jira, projectKey, triagers);
  if (membership.triager) return { triager: true, via: `the ${membership.via.name} ${membership.via.kind}` };
  return { triager: false, refusal: (action) => notTriagerSentence(projectKey, triagers, action, membership) };
};
