/**
 * What the Postmortems page and the report panel both need to point someone at a postmortem: how
 * its status reads, and where it lives (the page's route after Jira's project page). Pure.
 */
import type { PostmortemStatus } from '@contract/postmortem.contract';

export const STATUS_LABELS: Readonly<Record<PostmortemStatus, string>> = { draft: 'Draft', 'in-review': 'In review', published: 'Published' };

/**
 * fixes part (issue 15): the status as the list and the incident panel show it. While a revision is
 * open, the published version is still what readers get, so that comes first: "Published · revision
 * in draft". An answer from before the flag existed reads as its status alone.
 */
export const statusLabel = ({ status, revisionOfPublished }: { readonly status: PostmortemStatus; readonly revisionOfPublished?: boolean | undefined }): string =>
  revisionOfPublished === true && status !== 'published' ? `${STATUS_LABELS.published} · revision ${status === 'in-review' ? 'in review' : 'in draft'}` : STATUS_LABELS[status];

/** The project of an issue key (`SHOP-12` → `SHOP`). */
export const projectKeyOf = (issueKey: string): string => issueKey.slice(0, Math.max(0, issueKey.lastIndexOf('-')));

/** The manifest key of the Postmortems project page (`jira:projectPage` in manifest.yml). */
export const POSTMORTEMS_MODULE_KEY = 'postmortems';

/** The page's own route to its list; `postmortemPath` is the route to one postmortem. */
export const LIST_PATH = '/';

export const postmortemPath = (id: string): string => `/postmortem/${encodeURIComponent(id)}`;

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
