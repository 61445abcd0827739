import type { IncidentLinkImpact } from '@contract/incident-link.contract';
import type { JiraPriorities, MarkdownExport, PostmortemList, PostmortemStatus, PostmortemView, ReviewerCandidates } from '@contract/postmortem.contract';
import type { ResolverError, ResolverResult } from '@contract/result';
import { useCallback, useReducer, useRef, useState } from 'react';

import type { CallResolver } from '../../api/client';
import { usePrefetchedLoad } from '../../app/use-prefetched-load';
import { flagSuccess } from '../../platform/flags';
import { newIdempotencyKey } from '../../shared/idempotency-key';
import { draftToEdit } from './postmortem-draft';
import type { FindOwners } from './editor/TitleAndOwner';
import { type Change, type EditorAction, type EditorState, EDITOR_COPY, editorStateOf, reduceEditor } from './postmortem-editor.state';

export type ListState =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly error: ResolverError }
  | { readonly status: 'ready'; readonly list: PostmortemList };

type PageAction = EditorAction | { readonly type: 'open'; readonly view: PostmortemView } | { readonly type: 'close' };

const reducePage = (state: EditorState | null, action: PageAction): EditorState | null => {
  if (action.type === 'open') return editorStateOf(action.view);
  if (action.type === 'close') return null;
  return state === null ? null : reduceEditor(state, action);
};

export interface PostmortemsActions {
  readonly retry: () => void;
  /** Opens a postmortem in the editor; resolves to it, or to null when it could not be opened (the list says why). */
  readonly open: (id: string) => Promise<PostmortemView | null>;
  /** Starts (or opens the existing) postmortem of an incident, the same way. */
  readonly start: (issueKey: string) => Promise<PostmortemView | null>;
  readonly back: () => void;
  readonly dispatch: (action: EditorAction) => void;
  readonly save: () => void;
  readonly setStatus: (to: PostmortemStatus) => void;
  readonly createIssue: (actionId: string) => void;
  readonly refreshTimeline: () => void;
  // Review (part "review")
  readonly setReviewers: (accountIds: readonly string[]) => void;
  readonly approve: () => void;
  readonly publish: (confirmBlameHints: boolean) => void;
  readonly openRevision: () => void;
  readonly searchReviewers: (query: string) => Promise<ResolverResult<ReviewerCandidates>>;
  // actions part (issue 15)
  readonly findOwners: FindOwners;
  /** Records how a finished action was verified (a sentence and/or a link). */
  readonly verifyAction: (actionId: string, how: string, link: string | null) => void;
  /** guards (issue 15): who would lose access if this incident were linked (another project's incident hides the postmortem from people who cannot browse it). */
  readonly checkLink?: (issueKey: string) => Promise<ResolverResult<IncidentLinkImpact>>;
  // format part (issue 15)
  /** Files a remediation item as its own Jira issue, with a Jira priority by id (null: Jira's default). */
  readonly createRemediationIssue?: (remediationId: string, priorityId: string | null) => void;
  /** The priorities Jira offers, by name. */
  readonly loadPriorities?: () => Promise<ResolverResult<JiraPriorities>>;
  /** fixes (issue 15): the saved postmortem as Markdown, its dates in the viewer's locale. */
  readonly exportMarkdown?: (locale: string) => Promise<ResolverResult<MarkdownExport>>;
}

export interface PostmortemsState {
  readonly list: ListState;
  readonly editor: EditorState | null;
  /** The postmortem (id) or incident (key) being opened. */
  readonly opening: string | null;
  readonly listNotice: string | null;
}

/** The project page: the list, opening or starting a postmortem, and the editor's changes. */
export function usePostmortems(projectKey: string, callResolver: CallResolver, firstLoad: Promise<ResolverResult<PostmortemList>>): readonly [PostmortemsState, PostmortemsActions] {
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [editor, dispatchPage] = useReducer(reducePage, null);
  const [opening, setOpening] = useState<string | null>(null);
  const [listNotice, setListNotice] = useState<string | null>(null);
  const editorRef = useRef(editor);
  editorRef.current = editor;

  const load = useCallback(() => callResolver('postmortem/list', { projectKey }), [callResolver, projectKey]);
  const reload = usePrefetchedLoad(firstLoad, load, (result) => setList(result.ok ? { status: 'ready', list: result.data } : { status: 'failed', error: result.error }));

  const openWith = useCallback(async (key: string, request: Promise<ResolverResult<PostmortemView>>) => {
    setOpening(key);
    setListNotice(null);
    const result = await request;
    setOpening(null);
    if (!result.ok) {
      setListNotice(result.error.message);
      return null;
    }
    dispatchPage({ type: 'open', view: result.data });
    return result.data;
  }, []);

  const open = useCallback((id: string) => openWith(id, callResolver('postmortem/get', { id })), [callResolver, openWith]);
  const start = useCallback((issueKey: string) => openWith(issueKey, callResolver('postmortem/start', { issueKey })), [callResolver, openWith]);

  const back = useCallback(() => {
    dispatchPage({ type: 'close' });
    void load().then((result) => {
      if (result.ok) setList({ status: 'ready', list: result.data });
    });
  }, [load]);

  const retry = useCallback(() => {
    setList({ status: 'loading' });
    reload();
  }, [reload]);

  /** Runs one change; after a conflict, shows the stored version. */
  const run = useCallback(
    (change: Change, request: () => Promise<ResolverResult<PostmortemView>>, flag?: string) => {
      const s = editorRef.current;
      if (s === null || s.busy !== null) return;
      const id = s.view.postmortem.id;
      dispatchPage({ type: 'started', change });
      void request().then((result) => {
        dispatchPage({ type: 'done', change, result });
        if (result.ok && flag !== undefined) flagSuccess(flag);
        if (!result.ok && result.error.code === 'CONFLICT') void callResolver('postmortem/get', { id }).then((reloaded) => dispatchPage({ type: 'reloaded', result: reloaded }));
      });
    },
    [callResolver],
  );

  const save = useCallback(() => {
    const s = editorRef.current;
    if (s === null || s.busy !== null) return;
    const checked = draftToEdit(s.draft);
    if (!checked.ok) {
      dispatchPage({ type: 'invalid', errors: checked.errors });
      return;
    }
    const { id, revision } = s.view.postmortem;
    // Only links still in the draft count as confirmed: unlinking drops the confirmation with the link.
    const confirmedLinks = (s.draft.confirmedLinks ?? []).filter((key) => checked.edit.incidents.includes(key));
    run('save', () => callResolver('postmortem/save', { id, edit: checked.edit, baseRevision: revision, ...(confirmedLinks.length === 0 ? {} : { confirmedLinks }) }), EDITOR_COPY.saved);
  }, [callResolver, run]);

  const checkLink = useCallback(
    async (issueKey: string): Promise<ResolverResult<IncidentLinkImpact>> => {
      const s = editorRef.current;
      if (s === null) return { ok: false, error: { code: 'CONFLICT', message: 'Open the postmortem again.' } };
      return callResolver('postmortem/linkImpact', { id: s.view.postmortem.id, issueKey });
    },
    [callResolver],
  );

  const exportMarkdown = useCallback(
    async (locale: string): Promise<ResolverResult<MarkdownExport>> => {
      const s = editorRef.current;
      if (s === null) return { ok: false, error: { code: 'CONFLICT', message: 'Open the postmortem again.' } };
      return callResolver('postmortem/exportMarkdown', { id: s.view.postmortem.id, locale });
    },
    [callResolver],
  );

  const setStatus = useCallback(
    (to: PostmortemStatus) => {
      const s = editorRef.current;
      if (s === null) return;
      const { id, revision } = s.view.postmortem;
      run('status', () => callResolver('postmortem/setStatus', { id, to, baseRevision: revision }));
    },
    [callResolver, run],
  );

  // One idempotency key per click of "Create Jira issue", kept until the filing succeeds: a retry
  // after an error or a timeout sends the same key, so the backend finishes that filing instead of
  // filing a second issue.
  const filingKeys = useRef(new Map<string, string>());
  const createIssue = useCallback(
    (actionId: string) => {
      const s = editorRef.current;
      if (s === null) return;
      const { id, revision } = s.view.postmortem;
      const slot = `${id}:${actionId}`;
      const idempotencyKey = filingKeys.current.get(slot) ?? newIdempotencyKey();
      filingKeys.current.set(slot, idempotencyKey);
      run(
        { createIssueFor: actionId },
        () =>
          callResolver('postmortem/createActionIssue', { id, actionId, idempotencyKey, baseRevision: revision }).then((result) => {
            if (result.ok) filingKeys.current.delete(slot);
            return result;
          }),
        'Jira issue created',
      );
    },
    [callResolver, run],
  );

  const refreshTimeline = useCallback(() => {
    const s = editorRef.current;
    if (s === null) return;
    const { id, revision } = s.view.postmortem;
    run('refresh', () => callResolver('postmortem/refreshTimeline', { id, baseRevision: revision }));
  }, [callResolver, run]);

  // Review (part "review"): each a change of the opened postmortem at the revision on screen.
  const reviewChange = useCallback(
    (request: (id: string, baseRevision: number) => Promise<ResolverResult<PostmortemView>>, flag?: string) => {
      const s = editorRef.current;
      if (s === null) return;
      const { id, revision } = s.view.postmortem;
      run('review', () => request(id, revision), flag);
    },
    [run],
  );
  const setReviewers = useCallback((accountIds: readonly string[]) => reviewChange((id, baseRevision) => callResolver('postmortem/setReviewers', { id, reviewers: [...accountIds], baseRevision })), [callResolver, reviewChange]);
  const approve = useCallback(() => reviewChange((id, baseRevision) => callResolver('postmortem/approve', { id, baseRevision }), 'Approved'), [callResolver, reviewChange]);
  const publish = useCallback(
    (confirmBlameHints: boolean) => reviewChange((id, baseRevision) => callResolver('postmortem/publish', { id, baseRevision, confirmBlameHints }), 'Postmortem published'),
    [callResolver, reviewChange],
  );
  const openRevision = useCallback(() => reviewChange((id, baseRevision) => callResolver('postmortem/openRevision', { id, baseRevision }), 'New revision opened'), [callResolver, reviewChange]);
  const searchReviewers = useCallback(
    (query: string) => {
      const id = editorRef.current?.view.postmortem.id ?? '';
      return callResolver('postmortem/searchReviewers', { id, query });
    },
    [callResolver],
  );

  // actions part (issue 15): owners found by name, and proof that an action worked.
  const findOwners = useCallback<FindOwners>(
    (query, target) => {
      const s = editorRef.current;
      if (s === null) return Promise.resolve({ ok: true, data: { people: [] } });
      return callResolver('postmortem/findOwners', { id: s.view.postmortem.id, query, for: target });
    },
    [callResolver],
  );
  const verifyAction = useCallback(
    (actionId: string, how: string, link: string | null) => {
      const s = editorRef.current;
      if (s === null) return;
      const { id, revision } = s.view.postmortem;
      run({ verifyFor: actionId }, () => callResolver('postmortem/verifyAction', { id, actionId, how, link, baseRevision: revision }), 'Verification recorded');
    },
    [callResolver, run],
  );

  // format part (issue 15): a remediation item filed as its own issue, one idempotency key per click as for actions.
  const createRemediationIssue = useCallback(
    (remediationId: string, priorityId: string | null) => {
      const s = editorRef.current;
      if (s === null) return;
      const { id, revision } = s.view.postmortem;
      const slot = `${id}:r:${remediationId}`;
      const idempotencyKey = filingKeys.current.get(slot) ?? newIdempotencyKey();
      filingKeys.current.set(slot, idempotencyKey);
      run(
        { fileRemediationFor: remediationId },
        () =>
          callResolver('postmortem/createRemediationIssue', { id, remediationId, priorityId, idempotencyKey, baseRevision: revision }).then((result) => {
            if (result.ok) filingKeys.current.delete(slot);
            return result;
          }),
        'Jira issue created',
      );
    },
    [callResolver, run],
  );
  const loadPriorities = useCallback(() => callResolver('postmortem/jiraPriorities', { id: editorRef.current?.view.postmortem.id ?? '' }), [callResolver]);

  return [
    { list, editor, opening, listNotice },
    { retry, open, start, back, dispatch: dispatchPage, save, setStatus, createIssue, refreshTimeline, setReviewers, approve, publish, openRevision, searchReviewers, findOwners, verifyAction, checkLink, createRemediationIssue, loadPriorities, exportMarkdown },
  ] as const;
}
