/**
 * The Postmortems page's own routes, kept by Jira after the page's URL (see platform/history.ts):
 * `/` is the list, `/postmortem/{id}` one postmortem. Pure.
 */
export type PostmortemRoute = { readonly kind: 'list' } | { readonly kind: 'postmortem'; readonly id: string };

/** The manifest key of the Postmortems project page (`jira:projectPage` in manifest.yml). */
export const POSTMORTEMS_MODULE_KEY = 'postmortems';

export const LIST_PATH = '/';

export const postmortemPath = (id: string): string => `/postmortem/${encodeURIComponent(id)}`;

/** Any path that is not a postmortem's reads as the list, so an old or mistyped link still lands somewhere useful. */
export function parsePostmortemRoute(path: string): PostmortemRoute {
  const match = /^\/postmortem\/([^/?#]+)\/?$/.exec(path);
  if (match?.[1] === undefined) return { kind: 'list' };
  try {
    const id = decodeURIComponent(match[1]);
    return id === '' ? { kind: 'list' } : { kind: 'postmortem', id };
  } catch {
    return { kind: 'list' };
  }
}

/**
 * Where `router.navigate` takes someone to a postmortem (or to the project's list when `id` is
 * null): Jira's project page for the module, with our route after it.
 * @see https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/router/
 */
export const postmortemLocation = (projectKey: string, id: string | null) =>
  ({ target: 'module', moduleKey: POSTMORTEMS_MODULE_KEY, projectKey, path: id === null ? LIST_PATH : postmortemPath(id) }) as const;
