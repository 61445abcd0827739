import { view } from '@forge/bridge';
import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The route of a full-page module, kept by Jira after the page's own URL
 * (`/jira/software/projects/SHOP/apps/{appId}/{envId}/postmortem/pm-1`), so a route can be linked,
 * reloaded and left with the browser's back button.
 *
 * Where the host cannot keep one (`createHistory` is only for full pages), the route lives in memory
 * and starts at `/`: the page still works, its links just do not survive a reload.
 * @see https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/view/#createhistory
 * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-project-page/
 */
export interface AppPath {
  /** `/` at the page's top; null until the host has said where the page is. */
  readonly path: string | null;
  readonly push: (path: string) => void;
  readonly replace: (path: string) => void;
}

interface HostHistory {
  readonly location: { readonly pathname: string };
  push(path: string): void;
  replace(path: string): void;
  listen(listener: (location: { readonly pathname: string }) => void): () => void;
}

export function useAppPath(): AppPath {
  const [path, setPath] = useState<string | null>(null);
  const history = useRef<HostHistory | null>(null);

  useEffect(() => {
    let current = true;
    let unlisten: (() => void) | undefined;
    view.createHistory().then(
      (created: HostHistory) => {
        if (!current) return;
        history.current = created;
        setPath(created.location.pathname);
        unlisten = created.listen((location) => setPath(location.pathname));
      },
      () => {
        if (current) setPath('/');
      },
    );
    return () => {
      current = false;
      unlisten?.();
    };
  }, []);

  const push = useCallback((next: string) => {
    if (history.current === null) setPath(next);
    else history.current.push(next);
  }, []);
  const replace = useCallback((next: string) => {
    if (history.current === null) setPath(next);
    else history.current.replace(next);
  }, []);

  return { path, push, replace };
}
