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

/** Jira's URL segment for each project type (`/jira/software/projects/SHOP/…`). */
const PROJECT_TYPE_SEGMENTS: Readonly<Record<string, string>> = { software: 'software', business: 'core', service_desk: 'servicedesk' };

export interface PostmortemsPage {
  /** Jira's project type from the module context; a software project when the context does not say. */
  readonly projectType: string | undefined;
  readonly projectKey: string;
  readonly appId: string;
  readonly environmentId: string;
}

/**
 * The same place as `postmortemLocation`, as a URL on the site: Jira's project page URL for the app
 * with our route after it. Used when `router.navigate` refuses the module location (`target:
 * 'module'` is a Preview feature), so the person still gets there.
 * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-project-page/
 */
export const postmortemPageUrl = (page: PostmortemsPage, id: string | null): string => {
  const segment = PROJECT_TYPE_SEGMENTS[page.projectType ?? 'software'] ?? 'software';
  const base = `/jira/${segment}/projects/${encodeURIComponent(page.projectKey)}/apps/${encodeURIComponent(page.appId)}/${encodeURIComponent(page.environmentId)}`;
  return id === null ? base : `${base}${postmortemPath(id)}`;
};
