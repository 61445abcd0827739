import type { PostmortemList } from '@contract/postmortem.contract';
import type { ResolverResult } from '@contract/result';
import { useEffect, useId, useMemo, useRef, useState } from 'react';

import type { CallResolver } from '../../api/client';
import { type AppPath, useAppPath } from '../../platform/history';
import { LIST_PATH, postmortemPath, statusLabel } from '../../shared/postmortem-links';
import { formatAbsolute } from '../../shared/time';
import { Banner } from '../../ui/Banner';
import { LoadFailed } from '../../ui/LoadFailed';
import { Lozenge } from '../../ui/Lozenge';
import { Shell } from '../../ui/Shell';
import { IssueLink } from './IssueLink';
import { PostmortemEditor } from './editor/PostmortemEditor';
import { isEditorDirty } from './postmortem-editor.state';
import {
  type ListFilters,
  NO_FILTERS,
  STATUS_FILTER_OPTIONS,
  STATUS_TONES,
  countSentence,
  filterPostmortems,
  isStatusFilter,
  missingWords,
  sortPostmortems,
} from './postmortem-list';
import { type PostmortemRoute, parsePostmortemRoute } from './postmortem-route';
import { type PostmortemsActions, type PostmortemsState, usePostmortems } from './use-postmortems';

export interface PostmortemsPageProps {
  readonly projectKey: string;
  readonly callResolver: CallResolver;
  /** `postmortem/list`, already sent by `routes.tsx` while this chunk was downloading. */
  readonly firstLoad: Promise<ResolverResult<PostmortemList>>;
  readonly accountId?: string;
  readonly locale?: string;
  readonly timezone?: string;
}

/**
 * The project's Postmortems page (`postmortems` in manifest.yml): the list at `/`, one postmortem's
 * editor at `/postmortem/{id}`. The route is in Jira's URL, so a postmortem can be linked to (the
 * report panel does), reloaded, and left with the browser's back button.
 */
export default function PostmortemsPage(props: PostmortemsPageProps) {
  const [state, pageActions] = usePostmortems(props.projectKey, props.callResolver, props.firstLoad);
  const { path, push, replace } = useAppPath();
  const route = path === null ? null : parsePostmortemRoute(path);
  useFollowRoute(route, state, pageActions, { push, replace });

  // Leaving the editor and opening a row are route changes; useFollowRoute does the rest.
  const actions = useMemo<PostmortemsActions>(
    () => ({
      ...pageActions,
      back: () => {
        pageActions.dispatch({ type: 'discard' });
        push(LIST_PATH);
      },
      open: (id) => {
        push(postmortemPath(id));
        return Promise.resolve(null);
      },
      start: async (issueKey) => {
        const view = await pageActions.start(issueKey);
        if (view !== null) push(postmortemPath(view.postmortem.id));
        return view;
      },
    }),
    [pageActions, push],
  );

  if (route === null) return <Shell label="Loading postmortems…" />;
  if (state.editor !== null) {
    return <PostmortemEditor state={state.editor} actions={actions} accountId={props.accountId} locale={props.locale} timezone={props.timezone} />;
  }
  if (route.kind === 'postmortem' && state.opening === route.id) return <Shell label="Opening the postmortem…" />;
  if (state.list.status === 'loading') return <Shell label="Loading postmortems…" />;
  if (state.list.status === 'failed') return <LoadFailed error={state.list.error} onRetry={pageActions.retry} />;
  return <ListView state={state} list={state.list.list} actions={actions} locale={props.locale} timezone={props.timezone} />;
}

/**
 * Brings the page to its route whenever the route changes: opens the postmortem it names (going back
 * to the list if that fails, with the reason on the list), or closes the editor for the list.
 */
function useFollowRoute(route: PostmortemRoute | null, state: PostmortemsState, actions: PostmortemsActions, navigation: Pick<AppPath, 'push' | 'replace'>): void {
  const latest = useRef({ state, actions, navigation });
  latest.current = { state, actions, navigation };
  // The postmortem being fetched for the route, so StrictMode's second effect run does not fetch it again.
  const requested = useRef<string | null>(null);
  const routeKey = route === null ? null : route.kind === 'list' ? LIST_PATH : postmortemPath(route.id);

  useEffect(() => {
    if (route === null) return;
    const { state: now, actions: act } = latest.current;
    const { push: pushRoute, replace: replaceRoute } = latest.current.navigation;
    const openId = now.editor?.view.postmortem.id ?? null;
    if (route.kind === 'list') {
      if (now.editor === null) return;
      if (isEditorDirty(now.editor) && openId !== null) {
        // The browser's back button: unsaved work stays on screen, and the address with it.
        pushRoute(postmortemPath(openId));
        act.dispatch({ type: 'leaveBlocked' });
        return;
      }
      act.back();
      return;
    }
    if (openId === route.id || now.opening === route.id || requested.current === route.id) return;
    const id = route.id;
    requested.current = id;
    void act.open(id).then((view) => {
      if (requested.current === id) requested.current = null;
      if (view === null) replaceRoute(LIST_PATH);
    });
    // Only a change of route moves the page; the state it reads is the latest (`latest`).
  }, [routeKey]);
}

function ListView({
  state,
  list,
  actions,
  locale,
  timezone,
}: {
  readonly state: PostmortemsState;
  readonly list: PostmortemList;
  readonly actions: PostmortemsActions;
  readonly locale: string | undefined;
  readonly timezone: string | undefined;
}) {
  const id = useId();
  const [filters, setFilters] = useState<ListFilters>(NO_FILTERS);
  const rows = sortPostmortems(filterPostmortems(list.postmortems, filters));
  const busy = state.opening !== null;
  const date = (iso: string | null) => (iso === null ? '—' : formatAbsolute(iso, locale, timezone));
  const missing = missingWords(list.postmortemLevels);

  return (
    <div className="fb-panel fb-pm">
      <header className="fb-settings__header">
        <h1 className="fb-title">Postmortems</h1>
        <p className="fb-note">Blameless reviews of this project’s incidents: what happened, the five questions, and the actions that follow.</p>
      </header>
      {state.listNotice === null ? null : <Banner tone="error">{state.listNotice}</Banner>}
      <div className="fb-pm__filters" role="search">
        <div className="fb-field">
          <label className="fb-label" htmlFor={`${id}-status`}>
            Status
          </label>
          <select
            id={`${id}-status`}
            className="fb-select"
            value={filters.status}
            onChange={(event) => {
              const value = event.target.value;
              if (isStatusFilter(value)) setFilters((f) => ({ ...f, status: value }));
            }}
          >
            {STATUS_FILTER_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="fb-field">
          <label className="fb-label" htmlFor={`${id}-search`}>
            Search
          </label>
          <input id={`${id}-search`} className="fb-input" type="search" value={filters.search} placeholder="Title or incident key" onChange={(event) => setFilters((f) => ({ ...f, search: event.target.value }))} />
        </div>
      </div>
      <p className="fb-meta" aria-live="polite">
        {countSentence(rows.length, list.postmortems.length)}
      </p>
      {list.postmortems.length === 0 ? (
        <div className="fb-empty">
          <p className="fb-empty__title">No postmortems yet</p>
          <p className="fb-empty__hint">{missing.startHint}</p>
        </div>
      ) : rows.length === 0 ? (
        <p className="fb-note">No postmortems match these filters.</p>
      ) : (
        <div className="fb-table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
          <table className="fb-table">
            <caption id={`${id}-caption`} className="fb-visually-hidden">
              Postmortems
            </caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Severity</th>
                <th scope="col">Incidents</th>
                <th scope="col">Owner</th>
                <th scope="col">Updated</th>
                <th scope="col">Published</th>
                <th scope="col">Overdue actions</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <button type="button" className="fb-link-button" disabled={busy} onClick={() => void actions.open(row.id)}>
                      {state.opening === row.id ? `Opening ${row.title}…` : row.title}
                    </button>
                  </td>
                  <td>
                    <Lozenge tone={STATUS_TONES[row.revisionOfPublished === true ? 'published' : row.status]}>{statusLabel(row)}</Lozenge>
                  </td>
                  <td>{row.severityName ?? '—'}</td>
                  <td>
                    {row.incidents.map((key, at) => (
                      <span key={key}>
                        {at > 0 ? ', ' : null}
                        <IssueLink issueKey={key} />
                      </span>
                    ))}
                  </td>
                  <td>{row.ownerName}</td>
                  <td>{date(row.updatedAt)}</td>
                  <td>{date(row.publishedAt)}</td>
                  <td>{row.overdueActions > 0 ? <Lozenge tone="removed">{String(row.overdueActions)}</Lozenge> : '0'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="fb-card" aria-labelledby={`${id}-missing`}>
        <h2 className="fb-card__title" id={`${id}-missing`}>
          {missing.heading}
        </h2>
        {list.missing.length === 0 ? (
          <p className="fb-note">{missing.allCovered}</p>
        ) : (
          <ul className="fb-pm__missing">
            {list.missing.map((incident) => (
              <li key={incident.key} className="fb-pm__missing-item">
                <span id={`${id}-m-${incident.key}`}>
                  <IssueLink issueKey={incident.key} /> {incident.summary} <Lozenge tone="removed">{incident.severityName}</Lozenge>
                </span>
                <button type="button" className="fb-button" disabled={busy} aria-describedby={`${id}-m-${incident.key}`} onClick={() => void actions.start(incident.key)}>
                  {state.opening === incident.key ? 'Starting…' : 'Start postmortem'}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
