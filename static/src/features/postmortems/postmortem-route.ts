/**
 * The Postmortems page's own routes, kept by Jira after the page's URL (see platform/history.ts):
 * `/` is the list, `/postmortem/{id}` one postmortem. The paths themselves are in
 * shared/postmortem-links.ts, which the report panel links with too. Pure.
 */
export type PostmortemRoute = { readonly kind: 'list' } | { readonly kind: 'postmortem'; readonly id: string };

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
