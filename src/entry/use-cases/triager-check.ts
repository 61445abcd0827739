import { DEFAULT_TRIAGERS, type Triagers } from '../../contract/project-config.contract';
import { notTriagerSentence } from '../../domain/config/triagers';
import type { JiraClients } from '../../jira/jira-transport';
import { findTriagerMembership } from '../../jira/roles';
import { Refusal } from '../refusal';
import type { HandlerContext } from '../resolvers/resolver-definition';

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

/** One verdict per invocation and project: a change and the view it answers ask Jira once. */
const verdicts = new WeakMap<object, Map<string, Promise<TriagerVerdict>>>();

/**
 * `triagerCheck` for the invoking user, asked once per invocation and project. Call only after the
 * user's own permission on an issue of that project was checked (the resolver's access rule).
 */
export const triageVerdictFor = (handler: Pick<HandlerContext, 'access' | 'jira'>, projectKey: string, settings: { readonly triagers: Triagers } | null): Promise<TriagerVerdict> => {
  const known = verdicts.get(handler.access) ?? new Map<string, Promise<TriagerVerdict>>();
  verdicts.set(handler.access, known);
  const cached = known.get(projectKey);
  if (cached !== undefined) return cached;
  const asked = triagerCheck(handler.jira, projectKey, settings);
  known.set(projectKey, asked);
  asked.catch(() => known.delete(projectKey));
  return asked;
};

/**
 * Refuses (FORBIDDEN, saying who triages here and what to do) unless the invoking user triages in
 * the project. `action` completes "Only triagers can …".
 */
export const requireTriager = async (
  handler: Pick<HandlerContext, 'access' | 'jira'>,
  projectKey: string,
  settings: { readonly triagers: Triagers } | null,
  action: string,
): Promise<{ readonly via: string }> => {
  const verdict = await triageVerdictFor(handler, projectKey, settings);
  if (!verdict.triager) throw new Refusal('FORBIDDEN', verdict.refusal(action));
  return { via: verdict.via };
};
