/**
 * Where Jira puts an app's full pages, and how the bridge's `router` turns a NavigationLocation into
 * one of those URLs. The sandbox serves its pages at the same paths Jira uses, so a route the app
 * pushes with `view.createHistory()` shows in the address bar the way it would on a real site.
 * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-project-page/
 * @see https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/router/
 */
import { z } from 'zod';

import type { AppManifest } from '../forge/manifest';

/** The environment id the sandbox reports in the context and puts in app page URLs. */
export const SANDBOX_ENVIRONMENT_ID = 'sandbox-environment';

/** Jira's URL segment for each project type (`/jira/software/projects/SHOP/…`). */
const PROJECT_TYPE_SEGMENTS: Readonly<Record<string, string>> = { software: 'software', service_desk: 'servicedesk', business: 'core' };

/** `ari:cloud:ecosystem::app/8c3f…` → `8c3f…`, the app id in page URLs. */
export const appIdOf = (manifest: AppManifest): string => manifest.raw.app.id.slice(manifest.raw.app.id.lastIndexOf('/') + 1);

/** A route inside an app page: always starts with `/`, `/` itself being the page's top. */
export const normaliseRoute = (route: string | undefined): string => {
  if (route === undefined || route === '' || route === '/') return '/';
  return route.startsWith('/') ? route : `/${route}`;
};

/** `/jira/software/projects/SHOP/apps/{appId}/{envId}` plus the app's own route, if any. */
export const projectPagePath = (manifest: AppManifest, project: { readonly key: string; readonly projectTypeKey: string }, route?: string): string => {
  const base = `/jira/${PROJECT_TYPE_SEGMENTS[project.projectTypeKey] ?? 'software'}/projects/${encodeURIComponent(project.key)}/apps/${appIdOf(manifest)}/${SANDBOX_ENVIRONMENT_ID}`;
  const inside = normaliseRoute(route);
  return inside === '/' ? base : `${base}${inside}`;
};

export interface ProjectPageRequest {
  readonly projectKey: string;
  /** The part of the path Jira leaves to the app: its `history.location.pathname`. */
  readonly route: string;
  /** The page's own URL without the route: where the app's history is rooted. */
  readonly base: string;
}

/** Reads a project page URL back; undefined when the path is not one, or is another app's. */
export const parseProjectPagePath = (manifest: AppManifest, path: string): ProjectPageRequest | undefined => {
  const match = /^\/jira\/(software|servicedesk|core)\/projects\/([A-Z][A-Z0-9_]*)\/apps\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path);
  if (match === null) return undefined;
  const [, typeSegment = '', projectKey = '', appId, environmentId, route] = match;
  if (appId !== appIdOf(manifest) || environmentId !== SANDBOX_ENVIRONMENT_ID) return undefined;
  return { projectKey, route: normaliseRoute(route), base: `/jira/${typeSegment}/projects/${projectKey}/apps/${appId}/${environmentId}` };
};

/**
 * The NavigationLocation shapes of `@forge/bridge`'s router that make sense in Jira. `module` takes
 * the page module's key, its project for project pages, and a route inside it (`path`).
 */
const navigationLocationSchema = z.discriminatedUnion('target', [
  z.object({ target: z.literal('issue'), issueKey: z.string().min(1) }),
  z.object({ target: z.literal('dashboard'), dashboardId: z.string().min(1) }),
  z.object({ target: z.literal('projectSettingsDetails'), projectKey: z.string().min(1) }),
  z.object({ target: z.literal('module'), moduleKey: z.string().min(1), projectKey: z.string().optional(), path: z.string().optional() }),
]);

export interface ProjectLookup {
  (projectKey: string): { readonly key: string; readonly projectTypeKey: string } | undefined;
}

/**
 * The sandbox URL for a router location: a URL string as given (relative to the site), or a
 * NavigationLocation resolved the way Jira would. Throws with the reason when there is no such page,
 * as the real router rejects its promise.
 */
export const resolveNavigation = (manifest: AppManifest, projectOf: ProjectLookup, location: unknown): string => {
  if (typeof location === 'string') return location;
  if (location !== null && typeof location === 'object' && typeof (location as { url?: unknown }).url === 'string') return (location as { url: string }).url;
  const parsed = navigationLocationSchema.safeParse(location);
  if (!parsed.success) throw new Error('The router needs a URL or a NavigationLocation with a target the sandbox knows (issue, dashboard, projectSettingsDetails, module).');
  const target = parsed.data;
  switch (target.target) {
    case 'issue':
      return `/browse/${encodeURIComponent(target.issueKey)}`;
    case 'dashboard':
      return `/jira/dashboards/${encodeURIComponent(target.dashboardId)}`;
    case 'projectSettingsDetails':
      return `/jira/projects/${encodeURIComponent(target.projectKey)}/settings/details`;
    case 'module': {
      const module = manifest.module(target.moduleKey);
      if (module === undefined) throw new Error(`manifest.yml has no module "${target.moduleKey}".`);
      if (module.type === 'jira:projectPage') {
        const project = target.projectKey === undefined ? undefined : projectOf(target.projectKey);
        if (project === undefined) throw new Error(`Navigating to the project page "${target.moduleKey}" needs the projectKey of an existing project.`);
        return projectPagePath(manifest, project, target.path);
      }
      if (module.type === 'jira:projectSettingsPage') {
        if (target.projectKey === undefined) throw new Error(`Navigating to the project settings page "${target.moduleKey}" needs a projectKey.`);
        return `/jira/projects/${encodeURIComponent(target.projectKey)}/settings/apps`;
      }
      if (module.type === 'jira:adminPage') return '/jira/settings/apps';
      if (module.type === 'jira:dashboardGadget') return '/jira/dashboards/1';
      throw new Error(`The sandbox cannot navigate to a ${module.type} module.`);
    }
  }
};
