import { getAppContext } from '@forge/api';

import type { AppPageIds } from '../../contract/postmortem.contract';
import { ok } from '../../contract/result';
import { isRevisionOfPublished } from '../../domain/postmortem/review';
import { postmortemIdForIncident, readPostmortem } from '../../storage/postmortem.store';
import { refreshPostmortemTimeline as refreshTimelineUseCase, savePostmortem as savePostmortemUseCase, setPostmortemStatus as setStatusUseCase } from '../use-cases/postmortems/change-postmortem';
import { findOwners, verifyAction } from '../use-cases/postmortems/action-owners-and-proof';
import { incidentLinkImpact as incidentLinkImpactUseCase } from '../use-cases/postmortems/incident-link-impact';
import { recurrenceOfIncident } from '../use-cases/postmortems/watch-recurrence';
import { fileActionIssue, fileRemediationIssue } from '../use-cases/postmortems/file-action-issue';
import { listJiraPriorities } from '../use-cases/postmortems/remediation-priorities';
import { listProjectPostmortems } from '../use-cases/postmortems/list-postmortems';
import { loadPostmortem, mayAccess } from '../use-cases/postmortems/postmortem-access';
import { buildView } from '../use-cases/postmortems/postmortem-view';
import { startPostmortem as startPostmortemUseCase } from '../use-cases/postmortems/start-postmortem';
import { approvePostmortem, openPostmortemRevision, publishPostmortem, searchReviewers, setPostmortemReviewers } from '../use-cases/postmortems/review-postmortem';
import { defineResolver } from './resolver-definition';

/**
 * The postmortem resolvers: parse (the contract's schema, in run-resolver) → authorize → the use
 * case in `use-cases/postmortems` → its view. A postmortem is as visible as its incidents, so the
 * resolvers that name one by id are open to any signed-in user and the use case checks the
 * incidents (see `postmortem-access.ts`).
 *
 * `examplePayload` aims at real resources: the authorization matrix passes the id of a postmortem
 * it started on the target issue, with one action, `a1`.
 */

export const listPostmortemsResolver = defineResolver({
  key: 'postmortem/list',
  access: { kind: 'project', permission: 'BROWSE_PROJECTS', projectKey: (payload) => payload.projectKey },
  examplePayload: ({ projectKey }) => ({ projectKey }),
  handle: async ({ projectKey }, handler) => ok(await listProjectPostmortems(handler, projectKey)),
});

/**
 * This app's and environment's ids, which Jira puts in the URLs of the app's pages.
 * @see https://developer.atlassian.com/platform/forge/runtime-reference/app-context-api/
 */
const appPageIds = (): AppPageIds => {
  const { appAri, environmentAri } = getAppContext();
  return { appId: appAri.appId, environmentId: environmentAri.environmentId };
};

/** guards (issue 15): the earlier postmortem this incident recurs, if the viewer may read it. */
const visibleRecurrence = async (handler: Parameters<typeof mayAccess>[0], issueKey: string) => {
  const found = await recurrenceOfIncident(issueKey.slice(0, issueKey.lastIndexOf('-')), issueKey);
  if (found === null) return null;
  const postmortem = await readPostmortem(found.id);
  return postmortem !== null && (await mayAccess(handler, postmortem, 'BROWSE_PROJECTS')) ? found : null;
};

export const postmortemForIssue = defineResolver({
  key: 'postmortem/forIssue',
  access: { kind: 'issue', permission: 'BROWSE_PROJECTS', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey }),
  async handle({ issueKey }, handler) {
    const id = await postmortemIdForIncident(issueKey);
    const postmortem = id === null ? null : await readPostmortem(id);
    const visible = postmortem !== null && (await mayAccess(handler, postmortem, 'BROWSE_PROJECTS'));
    return ok({
      postmortem: visible ? { id: postmortem.id, title: postmortem.title, status: postmortem.status, revisionOfPublished: isRevisionOfPublished(postmortem) } : null,
      canStart: handler.access.granted.has('EDIT_ISSUES'),
      appPage: appPageIds(),
      recurrenceOf: await visibleRecurrence(handler, issueKey),
    });
  },
});

/** Starts one from an incident (or opens the one it already has): timeline from its own history. */
export const startPostmortem = defineResolver({
  key: 'postmortem/start',
  access: { kind: 'issue', permission: 'EDIT_ISSUES', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey }),
  handle: async ({ issueKey }, handler) => ok(await startPostmortemUseCase(handler, issueKey)),
});

export const getPostmortem = defineResolver({
  key: 'postmortem/get',
  access: { kind: 'authenticated' },
  examplePayload: ({ postmortemId }) => ({ id: postmortemId }),
  handle: async ({ id }, handler) => ok(await buildView(handler, (await loadPostmortem(handler, id, 'BROWSE_PROJECTS')).postmortem)),
});

export const savePostmortem = defineResolver({
  key: 'postmortem/save',
  access: { kind: 'authenticated' },
  examplePayload: ({ postmortemId, issueKey }) => ({
    id: postmortemId,
    edit: {
      title: 'Forged',
      severity: null,
      owner: 'acc-forged',
      incidents: [issueKey],
      artifacts: [],
      summary: '',
      customerImpact: '',
      impact: { started: null, detected: null, mitigated: null, resolved: null, timeZone: 'UTC', usersAffected: null },
      timeline: [],
      answers: {},
      actions: [],
      remediation: [],
    },
    baseRevision: 2,
  }),
  handle: async ({ id, edit, baseRevision, confirmedLinks }, handler) => ok(await savePostmortemUseCase(handler, id, edit, baseRevision, confirmedLinks)),
});

export const setPostmortemStatus = defineResolver({
  key: 'postmortem/setStatus',
  access: { kind: 'authenticated' },
  examplePayload: ({ postmortemId }) => ({ id: postmortemId, to: 'in-review', baseRevision: 2 }),
  handle: async ({ id, to, baseRevision }, handler) => ok(await setStatusUseCase(handler, id, to, baseRevision)),
});

export const refreshPostmortemTimeline = defineResolver({
  key: 'postmortem/refreshTimeline',
  access: { kind: 'authenticated' },
  examplePayload: ({ postmortemId }) => ({ id: postmortemId, baseRevision: 2 }),
  handle: async ({ id, baseRevision }, handler) => ok(await refreshTimelineUseCase(handler, id, baseRevision)),
});

/** Files an action item as a linked improvement issue, once per click however often it is sent (see `file-action-issue.ts`). */
export const createActionIssue = defineResolver({
  key: 'postmortem/createActionIssue',
  access: { kind: 'authenticated' },
  examplePayload: ({ postmortemId }) => ({ id: postmortemId, actionId: 'a1', idempotencyKey: 'matrix-0000-0000-0001', baseRevision: 2 }),
  handle: async ({ id, actionId, idempotencyKey, baseRevision }, handler) => ok(await fileActionIssue(handler, { id, actionId, idempotencyKey, baseRevision })),
});

// ── format part (issue 15): remediation items filed as their own Jira issues ──

/** Files a remediation item as a Jira issue with the Jira priority chosen, once per click (the action's plan, `file-action-issue.ts`). */
export const createRemediationIssue = defineResolver({
  key: 'postmortem/createRemediationIssue',
  access: { kind: 'authenticated' },
  examplePayload: ({ postmortemId }) => ({ id: postmortemId, remediationId: 'r1', priorityId: null, idempotencyKey: 'matrix-0000-0000-0002', baseRevision: 2 }),
  handle: async ({ id, remediationId, priorityId, idempotencyKey, baseRevision }, handler) => ok(await fileRemediationIssue(handler, { id, remediationId, priorityId, idempotencyKey, baseRevision })),
});

/** The priorities Jira offers, for choosing a remediation item's; to people who may edit the postmortem. */
export const jiraPriorities = defineResolver({
  key: 'postmortem/jiraPriorities',
  access: { kind: 'authenticated' },
  examplePayload: ({ postmortemId }) => ({ id: postmortemId }),
  handle: async ({ id }, handler) => ok(await listJiraPriorities(handler, id)),
});

// ── Review (part "review"): each use case checks the caller's role against the stored postmortem ──

/** The owner names the reviewers. */
export const setReviewers = defineResolver({
  key: 'postmortem/setReviewers',
  access: { kind: 'authenticated' },
  examplePayload: ({ postmortemId }) => ({ id: postmortemId, reviewers: ['acc-forged'], baseRevision: 2 }),
  handle: async ({ id, reviewers, baseRevision }, handler) => ok(await setPostmortemReviewers(handler, id, reviewers, baseRevision)),
});

/** A named reviewer approves, as the caller the invocation context names. */
export const approvePostmortemResolver = defineResolver({
  key: 'postmortem/approve',
  access: { kind: 'authenticated' },
  examplePayload: ({ postmortemId }) => ({ id: postmortemId, baseRevision: 2 }),
  handle: async ({ id, baseRevision }, handler) => ok(await approvePostmortem(handler, id, baseRevision)),
});

/** The owner publishes an approved postmortem (confirming any blame hints left). */
export const publishPostmortemResolver = defineResolver({
  key: 'postmortem/publish',
  access: { kind: 'authenticated' },
  examplePayload: ({ postmortemId }) => ({ id: postmortemId, baseRevision: 2, confirmBlameHints: true }),
  handle: async ({ id, baseRevision, confirmBlameHints }, handler) => ok(await publishPostmortem(handler, id, baseRevision, confirmBlameHints)),
});

/** Someone who may edit opens a new revision of a published postmortem. */
export const openRevisionResolver = defineResolver({
  key: 'postmortem/openRevision',
  access: { kind: 'authenticated' },
  examplePayload: ({ postmortemId }) => ({ id: postmortemId, baseRevision: 2 }),
  handle: async ({ id, baseRevision }, handler) => ok(await openPostmortemRevision(handler, id, baseRevision)),
});

/** People who can see the postmortem, for the reviewer picker. */
export const searchReviewersResolver = defineResolver({
  key: 'postmortem/searchReviewers',
  access: { kind: 'authenticated' },
  examplePayload: ({ postmortemId }) => ({ id: postmortemId, query: 'a' }),
  handle: async ({ id, query }, handler) => ok(await searchReviewers(handler, id, query)),
});

// ── actions part (issue 15): owner search and proof (triage decisions are saved with the postmortem) ──────────────────────────────────

/** People who may own the postmortem or an action, by name (see `action-owners-and-proof.ts`). */
export const findPostmortemOwners = defineResolver({
  key: 'postmortem/findOwners',
  access: { kind: 'authenticated' },
  examplePayload: ({ postmortemId }) => ({ id: postmortemId, query: 'a', for: 'action' }),
  handle: async ({ id, query, for: target }, handler) => ok(await findOwners(handler, id, query, target)),
});

/** Records how a finished action was verified (a sentence, a link), with who and when. */
export const verifyPostmortemAction = defineResolver({
  key: 'postmortem/verifyAction',
  access: { kind: 'authenticated' },
  examplePayload: ({ postmortemId }) => ({ id: postmortemId, actionId: 'a1', how: 'Forged', link: null, baseRevision: 2 }),
  handle: async (payload, handler) => ok(await verifyAction(handler, payload)),
});

// guards (issue 15, item 8)
/** Before linking an incident from another project: who would lose access to the postmortem. Needs Edit, as linking does. */
export const incidentLinkImpact = defineResolver({
  key: 'postmortem/linkImpact',
  access: { kind: 'authenticated' },
  examplePayload: ({ postmortemId, issueKey }) => ({ id: postmortemId, issueKey }),
  handle: async ({ id, issueKey }, handler) => ok(await incidentLinkImpactUseCase(handler, (await loadPostmortem(handler, id, 'EDIT_ISSUES')).postmortem, issueKey)),
});

// fixes (issue 15)
/** The Markdown export with dates in the viewer's locale (sent by the page), in the postmortem's chosen zone. */
export const exportPostmortemMarkdown = defineResolver({
  key: 'postmortem/exportMarkdown',
  access: { kind: 'authenticated' },
  examplePayload: ({ postmortemId }) => ({ id: postmortemId, locale: 'de-DE' }),
  async handle({ id, locale }, handler) {
    const { postmortem } = await loadPostmortem(handler, id, 'BROWSE_PROJECTS');
    return ok({ markdown: (await buildView(handler, postmortem, null, { locale })).markdown, revision: postmortem.revision });
  },
});
