import { randomUUID } from 'node:crypto';

import { getAppContext } from '@forge/api';

import { adf } from '../../../contract/adf';
import { FIVE_QUESTIONS, REMEDIATION_LABEL, postmortemPagePath, type Postmortem, type PostmortemView } from '../../../contract/postmortem.contract';
import { describeFiledActionIssue } from '../../../domain/postmortem/action-issue';
import { whyNotFileable } from '../../../domain/postmortem/action-triage';
import { getProjectType, getSiteBaseUrl, notifyPeople, upsertRemoteLink } from '../../../jira/action-issue-extras';
import { needsUserConsent } from '../../../jira/forge-transport';
import { createIssue, getIssueStatuses, getLinkedIssueKeys, getPriorities, linkIssues } from '../../../jira/issues';
import { isJiraError, type JiraError } from '../../../jira/jira-error';
import { searchAll } from '../../../jira/search';
import { getDisplayNames } from '../../../jira/users';
import { noteActionFiled } from '../../../storage/action-reminders.store';
import { readActionPlan, writeActionPlan, type ActionPlan, type FiledKindId, type StoredActionPlan } from '../../../storage/postmortem-action-plan.store';
import { KVS_VALUE_MAX_BYTES, readStoredPostmortem, storedBytes, writePostmortem, type StoredPostmortem } from '../../../storage/postmortem.store';
import { Refusal, refuse } from '../../refusal';
import type { HandlerContext } from '../../resolvers/resolver-definition';
import { refuseIfStale, refuseIfTooLarge, stamp } from './commit-postmortem';
import { backlogOf, type ImprovementsBacklog } from './action-backlog';
import { loadPostmortem } from './postmortem-access';
import { buildView } from './postmortem-view';

/** The issue property every filed action issue carries, indexed (manifest `action-origin-index`) so a lost answer can be found. */
export const ORIGIN_PROPERTY = 'firebreak-origin';

/**
 * How long a claimed create belongs to whoever claimed it. Past this, the claimant has surely
 * stopped (Forge ends a resolver at 25 s) and Jira's search has had time to index the issue if it
 * was created (search is eventually consistent, usually within seconds), so another caller may look
 * for it and, finding none, create it.
 * @see https://developer.atlassian.com/platform/forge/limits-invocation/
 * @see https://developer.atlassian.com/cloud/jira/platform/search-and-reconcile/
 */
export const CREATE_SETTLE_MS = 60_000;

/** The longest key an issue in the project can have (the contract allows 10 digits), to check before filing that the key will fit. */
const longestKeyIn = (projectKey: string): string => `${projectKey}-${'9'.repeat(10)}`;

/** A `Retry-After` this short is waited out within the call; a longer one is left to the person. */
const MAX_INLINE_WAIT_SECONDS = 5;

export interface FileActionRequest {
  readonly id: string;
  readonly actionId: string;
  readonly idempotencyKey: string;
  readonly baseRevision: number;
  /** format part (issue 15): a remediation item's Jira priority, by id (null: Jira's default). Actions send none. */
  readonly priorityId?: string | null;
}

// ── What is filed: an action item, or (format part, issue 15) a remediation item ────────────────

/** An item of the postmortem that can be filed as a Jira issue, as the filing needs it. */
interface FileableItem {
  readonly id: string;
  readonly title: string;
  readonly owner: string | null;
  readonly dueDate: string | null;
  readonly issueKey: string | null;
}

/**
 * The one place an action and a remediation item differ in filing: where they live in the
 * postmortem, whether they may be filed, the label that keeps them apart in the backlog, and the
 * words. The plan, its idempotency, the create, link, link back, notify and record steps are shared.
 */
interface FiledKind {
  readonly id: FiledKindId;
  /** In sentences: "action", "remediation item". */
  readonly noun: string;
  readonly find: (postmortem: Postmortem, itemId: string) => FileableItem | undefined;
  /** Why it may not be filed now, or null. */
  readonly whyNot: (postmortem: Postmortem, itemId: string) => string | null;
  readonly withIssueKey: (postmortem: Postmortem, itemId: string, issueKey: string, plan: Pick<ActionPlan, 'priority'>) => Postmortem;
  /** The improvements backlog it is filed in, with the label that sets it apart. */
  readonly backlog: (postmortem: Postmortem) => Promise<ImprovementsBacklog>;
  readonly description: (postmortem: Postmortem, itemId: string) => string;
}

const ACTION: FiledKind = {
  id: 'action',
  noun: 'action',
  find: (postmortem, itemId) => postmortem.actions.find((candidate) => candidate.id === itemId),
  whyNot: (postmortem, itemId) => {
    const action = postmortem.actions.find((candidate) => candidate.id === itemId);
    return action === undefined ? null : whyNotFileable(action);
  },
  withIssueKey: (postmortem, itemId, issueKey) => ({ ...postmortem, actions: postmortem.actions.map((action) => (action.id === itemId ? { ...action, issueKey } : action)) }),
  backlog: backlogOf,
  description: (postmortem, itemId) => {
    const action = postmortem.actions.find((candidate) => candidate.id === itemId);
    const question = FIVE_QUESTIONS.find((candidate) => candidate.id === action?.question)?.label ?? action?.question ?? '';
    return `Action item from the postmortem “${postmortem.title}” (${question})${action?.dueDate == null ? '' : `, due ${action.dueDate}`}.`;
  },
};

/**
 * A remediation item: what is owed to affected customers, filed in the same backlog but under its
 * own label (`REMEDIATION_LABEL`), so neither the actions' board nor troubleshooting picks it up.
 */
const REMEDIATION: FiledKind = {
  id: 'remediation',
  noun: 'remediation item',
  find: (postmortem, itemId) => {
    const item = postmortem.remediation.find((candidate) => candidate.id === itemId);
    return item === undefined ? undefined : { id: item.id, title: item.title, owner: item.owner, dueDate: null, issueKey: item.issueKey ?? null };
  },
  whyNot: (postmortem, itemId) => (postmortem.remediation.find((candidate) => candidate.id === itemId)?.done === true ? 'This remediation item is marked done: there is nothing left to file.' : null),
  withIssueKey: (postmortem, itemId, issueKey, plan) => ({
    ...postmortem,
    remediation: postmortem.remediation.map((item) => (item.id === itemId ? { ...item, issueKey, ...(plan.priority === undefined ? {} : { filedPriority: plan.priority.name }) } : item)),
  }),
  backlog: async (postmortem) => ({ ...(await backlogOf(postmortem)), label: REMEDIATION_LABEL }),
  description: (postmortem) => `Remediation for customers affected by the incident of the postmortem “${postmortem.title}” (${postmortem.incidents.join(', ')}).`,
};

const kindOf = (plan: Pick<ActionPlan, 'kind'>): FiledKind => (plan.kind === 'remediation' ? REMEDIATION : ACTION);

/**
 * Files an action item as an improvement issue in the backlog the project configured, as a recorded
 * plan (`postmortem-action-plan.store.ts`): claim → create the issue (with its origin property) → link it to the
 * incident → record the key in the postmortem (compare-and-swap) → done. A retry with the same
 * idempotency key, or a concurrent caller, completes the same plan instead of filing again; when
 * Jira's answer to the create was lost, the issue is looked for by its origin before any new create.
 * Every refusal says what was done and what was not.
 */
/** fixes (issue 15): filing on a published postmortem is refused, as any edit is. */
export const publishedFilingSentence = (noun: string): string => `This postmortem is published, so it is locked. Open a new revision to file its ${noun}s as Jira issues.`;
export const PUBLISHED_FILING_SENTENCE = publishedFilingSentence('action');

export const fileActionIssue = (handler: HandlerContext, request: FileActionRequest): Promise<PostmortemView> => fileItemIssue(handler, ACTION, request);

/**
 * format part (issue 15): files a remediation item as its own Jira issue with the priority chosen,
 * through the same recorded plan as actions (see `fileActionIssue`).
 */
export const fileRemediationIssue = (handler: HandlerContext, request: Omit<FileActionRequest, 'actionId'> & { readonly remediationId: string }): Promise<PostmortemView> =>
  fileItemIssue(handler, REMEDIATION, { ...request, actionId: request.remediationId });

const fileItemIssue = async (handler: HandlerContext, kind: FiledKind, request: FileActionRequest): Promise<PostmortemView> => {
  // The plan is read before the postmortem: a plan already done had recorded its issue key in the
  // postmortem first, so the postmortem read next has it, and a second person's click at the same
  // moment finds the item filed instead of filing it again from an older copy.
  const existing = await readActionPlan(request.id, request.actionId, kind.id);
  const stored = await loadPostmortem(handler, request.id, 'EDIT_ISSUES');
  let state: StoredActionPlan;
  let ours = false;
  if (existing === null || existing.plan.step === 'done' || existing.plan.step === 'undone') {
    if (existing?.plan.step === 'done' && existing.plan.idempotencyKey === request.idempotencyKey) return reply(handler, existing.plan, request);
    // A click from a page older than the filing's (it did not know the key yet) gets that filing's answer.
    if (existing !== null && request.baseRevision < stored.postmortem.revision && justFiledBy(existing.plan, kind.find(stored.postmortem, request.actionId)?.issueKey ?? null, handler.now())) {
      return reply(handler, existing.plan, request);
    }
    // fixes (issue 15): filing changes the postmortem (the item gets its issue key), so a published
    // one refuses a new filing as it refuses any edit. A filing already under way still finishes.
    if (stored.postmortem.status === 'published') refuse('INVALID_INPUT', publishedFilingSentence(kind.noun));
    const claimed = await claim(handler, kind, stored, existing, request);
    state = claimed.state;
    ours = claimed.ours;
  } else {
    state = existing;
  }
  if (state.plan.step === 'creating') state = await create(handler, state, ours);
  if (state.plan.step === 'created') state = await finish(handler, state, ours);
  return reply(handler, state.plan, request);
};

/** Another click's filing of the same item finished a moment ago, and the item holds its issue: this click's answer is that issue. */
const justFiledBy = (plan: ActionPlan, itemIssueKey: string | null, now: Date): boolean =>
  plan.step === 'done' && plan.issue !== null && plan.issue.key === itemIssueKey && now.getTime() - Date.parse(plan.attemptAt) < CREATE_SETTLE_MS;

/** The postmortem as it is now, with what this plan's filing left to say. */
const reply = async (handler: HandlerContext, plan: ActionPlan, request: FileActionRequest): Promise<PostmortemView> => {
  const latest = await readStoredPostmortem(plan.postmortemId);
  if (latest === null) return refuse('NOT_FOUND', 'This postmortem no longer exists.');
  const notice = plan.idempotencyKey === request.idempotencyKey || plan.issue === null ? plan.notice : `This ${kindOf(plan).noun} was filed as ${plan.issue.key} a moment ago.`;
  return buildView(handler, latest.postmortem, notice);
};

/**
 * Starts a new plan for the action, after everything that can refuse without filing: a stale
 * version, an unknown action, an issue it already has, a postmortem that would be too large with the
 * key in it. Claiming is atomic: of two callers, one claims; the other completes the winner's plan.
 */
const claim = async (handler: HandlerContext, kind: FiledKind, stored: StoredPostmortem, previous: StoredActionPlan | null, request: FileActionRequest): Promise<{ state: StoredActionPlan; ours: boolean }> => {
  refuseIfStale(stored, request.baseRevision);
  const { postmortem } = stored;
  const action = kind.find(postmortem, request.actionId);
  if (action === undefined) return refuse('NOT_FOUND', `That ${kind.noun} is not in the saved postmortem. Save the postmortem first.`);
  const unfileable = kind.whyNot(postmortem, action.id);
  if (unfileable !== null) return refuse('INVALID_INPUT', unfileable);
  if (action.issueKey !== null) await refuseIfFiled(handler, kind, action.issueKey);
  const backlog = await kind.backlog(postmortem);
  const priority = request.priorityId == null ? undefined : await priorityNamed(handler, request.priorityId);
  // Before anything is filed: the key must fit, or the issue would be left with nothing pointing to it.
  refuseIfTooLarge(
    kind.withIssueKey(postmortem, action.id, longestKeyIn(backlog.projectKey), { priority }),
    (bytes) => `With its issue key this postmortem would take ${Math.ceil(bytes / 1024).toLocaleString('en-US')} KiB, and Forge stores at most 240 KiB per postmortem. Nothing was filed: shorten the longest texts first.`,
  );
  const now = handler.now().toISOString();
  const plan: ActionPlan = {
    schemaVersion: 1,
    id: randomUUID(),
    postmortemId: postmortem.id,
    actionId: action.id,
    idempotencyKey: request.idempotencyKey,
    requestedBy: handler.access.accountId,
    step: 'creating',
    attemptAt: now,
    attemptBy: handler.access.accountId,
    backlog,
    incident: postmortem.incidents[0] ?? '',
    issue: null,
    refused: [],
    notice: null,
    ...(kind.id === 'action' ? {} : { kind: kind.id }),
    ...(priority === undefined ? {} : { priority }),
  };
  const claimed = await writeActionPlan(plan, previous, now);
  if (claimed !== null) return { state: claimed, ours: true };
  const winner = await readActionPlan(postmortem.id, action.id, kind.id);
  if (winner === null) return refuse('IN_PROGRESS', `Someone else started filing this ${kind.noun} at the same moment. Reload in a minute to see its issue.`);
  return { state: winner, ours: false };
};

/**
 * An action whose issue still exists is not filed again. Whether it exists is asked as the user
 * first; an issue they cannot see (another project's backlog) is asked as the app, after their Edit
 * issues on every incident of the postmortem was checked, and only its existence is used: the
 * refusal does not name it.
 */
const refuseIfFiled = async (handler: HandlerContext, kind: FiledKind, issueKey: string): Promise<void> => {
  if ((await getIssueStatuses(handler.jira.asUser, [issueKey])).has(issueKey)) refuse('INVALID_INPUT', `This ${kind.noun} already has its issue, ${issueKey}.`);
  if ((await getIssueStatuses(handler.jira.asApp, [issueKey])).has(issueKey)) {
    refuse('INVALID_INPUT', `This ${kind.noun} already has its Jira issue, in a project you cannot see, so it is not filed again. Ask someone who can see it, or a Jira admin.`);
  }
};

/**
 * format part (issue 15): the priority chosen, checked against the priorities Jira offers now (it
 * may have been renamed or removed since the page listed them), with the name to say it by.
 */
const priorityNamed = async (handler: HandlerContext, priorityId: string): Promise<{ id: string; name: string }> => {
  let offered: ReadonlyArray<{ id: string; name: string }>;
  try {
    offered = await getPriorities(handler.jira.asUser);
  } catch (error) {
    if (!isJiraError(error)) throw error;
    return refuse('JIRA_UNAVAILABLE', `Jira did not list its priorities (HTTP ${String(error.status)}). Nothing was filed; try again in a minute.`);
  }
  return offered.find((priority) => priority.id === priorityId) ?? refuse('INVALID_INPUT', 'Jira no longer offers the priority chosen. Nothing was filed: reload the page and choose another.', 'priorityId');
};

const atUtc = (iso: string): string => `${iso.slice(11, 16)} UTC`;

/**
 * The create step. The caller that claimed the plan sends the create; anyone else waits until the
 * claim has settled (`CREATE_SETTLE_MS`), then takes the attempt over (atomically) and first looks
 * for an issue carrying this plan's origin, which the earlier attempt may have created without its
 * answer arriving.
 */
/**
 * Another caller's plan, taken over to finish it: only once its last attempt had time to settle
 * (else that caller may still be at it), and only by one caller (compare-and-swap on the plan), so
 * an issue is created, linked and its owner told once however many clicks arrive at once.
 */
const takeOver = async (handler: HandlerContext, state: StoredActionPlan, now: Date): Promise<StoredActionPlan> => {
  const { plan } = state;
  if (now.getTime() - Date.parse(plan.attemptAt) < CREATE_SETTLE_MS) {
    return refuse(
      'IN_PROGRESS',
      plan.attemptBy === handler.access.accountId
        ? `Firebreak has been filing this ${kindOf(plan).noun} for you since ${atUtc(plan.attemptAt)} and Jira has not confirmed it yet. Try again in a minute: Firebreak looks for the issue before filing, so it is never filed twice.`
        : `Someone has been filing this ${kindOf(plan).noun} as a Jira issue since ${atUtc(plan.attemptAt)}. Reload in a minute to see it; it is not filed twice.`,
    );
  }
  const taken = await writeActionPlan({ ...plan, attemptAt: now.toISOString(), attemptBy: handler.access.accountId }, state, now.toISOString());
  if (taken === null) return refuse('IN_PROGRESS', `Someone else is finishing the filing of this ${kindOf(plan).noun} right now. Reload in a minute to see its issue.`);
  return taken;
};

const create = async (handler: HandlerContext, from: StoredActionPlan, ours: boolean): Promise<StoredActionPlan> => {
  let state = from;
  const now = handler.now();
  if (!ours) {
    const { plan } = state;
    state = await takeOver(handler, state, now);
    const found = await findFiledIssue(handler, plan);
    if (found !== null) return advance(handler, state, { ...state.plan, step: 'created', issue: found, refused: [] });
  }
  return sendCreate(handler, state);
};

/**
 * The issue an earlier attempt of this plan created, found by its origin property through JQL, as
 * the app: the plan is the app's record, and the person asking may not see the backlog project. Only
 * reached once the claim has settled, so the search index has had time to catch up.
 */
const findFiledIssue = async (handler: HandlerContext, plan: ActionPlan): Promise<{ id: string; key: string } | null> => {
  try {
    const [found] = await searchAll(handler.jira.asApp, `firebreakActionPlan = "${plan.id}" ORDER BY created ASC`, ['summary'], [], 1);
    return found === undefined ? null : { id: found.id, key: found.key };
  } catch (error) {
    if (!isJiraError(error)) throw error;
    return refuse('JIRA_UNAVAILABLE', `Jira's search did not answer (HTTP ${String(error.status)}), so Firebreak could not check whether an earlier try filed this ${kindOf(plan).noun}. Nothing new was filed; try again in a minute.`);
  }
};

/** Writes the plan's next step; if storage fails, the person is told what Jira already holds. */
const advance = async (handler: HandlerContext, from: StoredActionPlan, next: ActionPlan): Promise<StoredActionPlan> => {
  const key = next.issue?.key ?? '';
  try {
    const written = await writeActionPlan(next, from, handler.now().toISOString());
    if (written !== null) return written;
  } catch (error) {
    if (needsUserConsent(error)) throw error;
  }
  return refuse('IN_PROGRESS', `Filed ${key} in Jira, but Firebreak could not note it yet. Try again in a minute to finish: Firebreak finds ${key} rather than filing another.`);
};

/**
 * Jira answered before doing anything: a 4xx. A 429 included: Jira asks the app to wait before
 * "reissuing the request", which it rejected; a 5xx promises nothing either way.
 * @see https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/#status-codes
 */
const createdNothing = (error: JiraError): boolean => error.status >= 400 && error.status < 500;

const sendCreate = async (handler: HandlerContext, state: StoredActionPlan): Promise<StoredActionPlan> => {
  const { plan } = state;
  const kind = kindOf(plan);
  const stored = await readStoredPostmortem(plan.postmortemId);
  const postmortem = stored?.postmortem;
  const action = postmortem === undefined ? undefined : kind.find(postmortem, plan.actionId);
  if (postmortem === undefined || action === undefined) {
    await undo(handler, state);
    return refuse('NOT_FOUND', `That ${kind.noun} is no longer in the postmortem. Nothing was filed.`);
  }
  let created: Awaited<ReturnType<typeof createIssue>>;
  try {
    created = await createIssue(handler.jira.asUser, {
      projectKey: plan.backlog.projectKey,
      issueType: plan.backlog.issueType,
      summary: action.title,
      optional: {
        description: adf.doc(adf.paragraph(adf.text(kind.description(postmortem, action.id)))),
        labels: [plan.backlog.label],
        ...(action.dueDate === null ? {} : { duedate: action.dueDate }),
        ...(action.owner === null ? {} : { assignee: action.owner }),
        ...(plan.priority === undefined ? {} : { priority: plan.priority.id }),
      },
      properties: [{ key: ORIGIN_PROPERTY, value: { postmortemId: plan.postmortemId, actionId: plan.actionId, plan: plan.id } }],
    });
  } catch (error) {
    if (needsUserConsent(error)) {
      // The request never left: give the claim back, then let Forge ask for consent.
      await undo(handler, state);
      throw error;
    }
    if (isJiraError(error) && createdNothing(error)) {
      await undo(handler, state);
      return refuseCreate(error, plan);
    }
    // A 5xx, or an answer that could not be read: Jira may have filed the issue. The claim stays,
    // so a retry looks for the issue by its origin before filing.
    const status = isJiraError(error) ? ` (HTTP ${String(error.status)})` : '';
    return refuse('JIRA_UNAVAILABLE', `Jira did not confirm whether it filed the issue${status}. Try again in a minute: Firebreak looks for the issue first, so this ${kind.noun} is never filed twice.`);
  }
  return advance(handler, state, { ...plan, step: 'created', issue: { id: created.id, key: created.key }, refused: created.refused.flatMap((refused) => (refused.field === 'security' ? [] : [{ ...refused, field: refused.field }])) });
};

/** Gives the claim back after Jira created nothing, so the action can be filed again; best effort (a claim left behind settles and is looked after). */
const undo = async (handler: HandlerContext, state: StoredActionPlan): Promise<void> => {
  try {
    await writeActionPlan({ ...state.plan, step: 'undone' }, state, handler.now().toISOString());
  } catch (error) {
    if (needsUserConsent(error)) throw error;
  }
};

const refuseCreate = (error: JiraError, plan: ActionPlan): never => {
  const why = error.jiraMessages.length === 0 ? '' : ` (${error.jiraMessages.join(' ').replace(/\.$/, '')})`;
  switch (error.kind) {
    case 'rate-limited':
      return refuse('RATE_LIMITED', `Jira is busy and asked Firebreak to slow down. Nothing was filed; try again in ${String(Math.max(error.retryAfterSeconds ?? 0, 5))} seconds.`);
    case 'forbidden':
    case 'unauthorized':
    case 'not-found':
      return refuse('FORBIDDEN', `Jira did not let you create a ${plan.backlog.issueType} in ${plan.backlog.projectKey}${why}. Nothing was filed. Ask a Jira admin, or point the improvements backlog at another project in the project settings.`);
    default:
      return refuse('INVALID_INPUT', `Jira did not take the issue${why}. Nothing was filed.`);
  }
};

const sleep = (seconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, seconds * 1_000));

/**
 * Links the new issue to the incident with its own request, as the user. A 429 is waited out once
 * when Jira asks for a short wait; after a 5xx, which may come after Jira made the link, the
 * incident's links are read before linking again. A failure is returned, not thrown: the issue
 * exists either way, and the person is told to link it by hand.
 */
const linkToIncident = async (handler: HandlerContext, issueKey: string, incident: string): Promise<{ incident: string; reason: string } | null> => {
  const linked = async (): Promise<boolean> => {
    try {
      return (await getLinkedIssueKeys(handler.jira.asUser, incident)).has(issueKey);
    } catch (error) {
      if (isJiraError(error)) return false;
      throw error;
    }
  };
  let failure: JiraError | undefined;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await linkIssues(handler.jira.asUser, { type: 'Relates', inwardIssue: incident, outwardIssue: issueKey });
      return null;
    } catch (error) {
      if (!isJiraError(error)) throw error;
      failure = error;
      if (error.kind === 'unavailable' && (await linked())) return null;
      if (error.kind === 'rate-limited' && (error.retryAfterSeconds ?? 1) <= MAX_INLINE_WAIT_SECONDS) await sleep(Math.max(error.retryAfterSeconds ?? 1, 1));
      else if (error.kind !== 'unavailable') break;
    }
  }
  const messages = failure?.jiraMessages ?? [];
  return { incident, reason: `HTTP ${String(failure?.status ?? 0)}${messages.length === 0 ? '' : `: ${messages.join(' ')}`}` };
};

/** A person's display name for a sentence, or their account id when Jira cannot say. */
const nameOf = async (handler: HandlerContext, accountId: string | null): Promise<string | null> => {
  if (accountId === null) return null;
  try {
    return (await getDisplayNames(handler.jira.asUser, [accountId])).get(accountId) ?? accountId;
  } catch (error) {
    if (isJiraError(error)) return accountId;
    throw error;
  }
};

type Recorded = 'recorded' | 'action-removed';

/**
 * Notes the issue key on the action, rebased on the postmortem as it is now: the key is the only
 * change, so a save someone made meanwhile is kept, and the write is the same compare-and-swap as
 * every save (retried on a conflict).
 */
const recordIssueKey = async (handler: HandlerContext, plan: ActionPlan, issueKey: string, done: string): Promise<Recorded> => {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const kind = kindOf(plan);
    const stored = await readStoredPostmortem(plan.postmortemId);
    const action = stored === null ? undefined : kind.find(stored.postmortem, plan.actionId);
    if (stored === null || action === undefined) return 'action-removed';
    if (action.issueKey === issueKey) return 'recorded';
    const next = stamp(kind.withIssueKey(stored.postmortem, plan.actionId, issueKey, plan), handler);
    if (storedBytes(next) > KVS_VALUE_MAX_BYTES) {
      refuse('TOO_LARGE', `${done}, but the postmortem has grown past the 240 KiB Forge stores since, so ${issueKey} is not noted in it yet. Shorten the postmortem, then choose Create Jira issue again to finish: it notes ${issueKey} rather than filing another.`);
    }
    const outcome = await writePostmortem(next, { revision: stored.postmortem.revision, legacy: stored.legacy, incidents: stored.postmortem.incidents });
    if (outcome === 'written') return 'recorded';
  }
  return refuse('IN_PROGRESS', `${done}, but the postmortem kept changing while Firebreak noted it. Choose Create Jira issue again to finish: it notes ${issueKey} rather than filing another.`);
};

/**
 * Link, record, done. Resuming someone else's (or an earlier) attempt, the link may already be
 * there, so the incident's links are read first.
 */
const finish = async (handler: HandlerContext, state: StoredActionPlan, ours: boolean): Promise<StoredActionPlan> => {
  const { plan } = state;
  const issueKey = plan.issue?.key ?? '';
  let alreadyLinked = false;
  if (!ours) {
    try {
      alreadyLinked = (await getLinkedIssueKeys(handler.jira.asUser, plan.incident)).has(issueKey);
    } catch (error) {
      if (!isJiraError(error)) throw error;
    }
  }
  const linkFailure = alreadyLinked ? null : await linkToIncident(handler, issueKey, plan.incident);
  const done = linkFailure === null ? `Filed ${issueKey} and linked it to ${plan.incident}` : `Filed ${issueKey} (not linked to ${plan.incident})`;
  // actions part (issue 15): the way back to the postmortem, and the owner told.
  const backLinkFailure = await linkBackToPostmortem(handler, plan, issueKey);
  // The owner is told once: whoever records the notification in the plan first sends it; a
  // finisher running at the same moment (a double click, a second person) finds it claimed.
  let current = state;
  let notifyFailure: Awaited<ReturnType<typeof notifyOwner>> = null;
  if (plan.notifiedAt === undefined) {
    const at = handler.now().toISOString();
    let claimed: StoredActionPlan | null;
    try {
      claimed = await writeActionPlan({ ...plan, notifiedAt: at }, state, at);
    } catch (error) {
      if (needsUserConsent(error)) throw error;
      // Storage failed: telling the owner (perhaps twice under a second fault) beats not telling them.
      claimed = state;
    }
    if (claimed !== null) {
      current = claimed;
      notifyFailure = await notifyOwner(handler, plan, issueKey);
    }
  }
  let recorded: Recorded;
  try {
    recorded = await recordIssueKey(handler, plan, issueKey, done);
  } catch (error) {
    if (needsUserConsent(error) || error instanceof Refusal) throw error;
    return refuse('IN_PROGRESS', `${done}, but Firebreak could not note it in the postmortem yet. Choose Create Jira issue again to finish: it notes ${issueKey} rather than filing another.`);
  }
  const kind = kindOf(plan);
  const latest = (await readStoredPostmortem(plan.postmortemId))?.postmortem;
  const action = latest === undefined ? undefined : kind.find(latest, plan.actionId);
  const described = describeFiledActionIssue({
    noun: kind.noun,
    issueKey,
    projectKey: plan.backlog.projectKey,
    issueType: plan.backlog.issueType,
    refused: plan.refused,
    asked: { label: plan.backlog.label, dueDate: action?.dueDate ?? null, owner: plan.refused.some((field) => field.field === 'assignee') ? await nameOf(handler, action?.owner ?? null) : null, priority: plan.priority?.name ?? null },
    linkFailure,
    actionRemoved: recorded === 'action-removed',
    backLinkFailure,
    notifyFailure,
  });
  const finished: ActionPlan = { ...current.plan, step: 'done', notice: described };
  // actions part (issue 15): from now on the scheduled run looks for overdue actions.
  try {
    if (kind.id === 'action') await noteActionFiled();
  } catch (error) {
    if (needsUserConsent(error)) throw error;
  }
  try {
    const written = await writeActionPlan(finished, current, handler.now().toISOString());
    return written ?? { plan: finished, version: current.version };
  } catch (error) {
    if (needsUserConsent(error)) throw error;
    // The postmortem holds the key already; a retry finds the plan at `created`, sees the key and finishes.
    return { plan: finished, version: current.version };
  }
};

// ── actions part (issue 15): link back and notify ────────────────────────────────────────────

const failureReason = (error: JiraError): string => `HTTP ${String(error.status)}${error.jiraMessages.length === 0 ? '' : `: ${error.jiraMessages.join(' ')}`}`;

/** The postmortem's address on the site, from Jira's base URL, the project's type and this app's ids. */
const postmortemUrl = async (handler: HandlerContext, postmortemId: string, projectKey: string): Promise<string> => {
  const [baseUrl, projectType] = await Promise.all([getSiteBaseUrl(handler.jira.asUser), getProjectType(handler.jira.asUser, projectKey)]);
  const { appAri, environmentAri } = getAppContext();
  return `${baseUrl}${postmortemPagePath({ projectType, projectKey, appId: appAri.appId, environmentId: environmentAri.environmentId }, postmortemId)}`;
};

/**
 * A remote link from the filed issue to the postmortem's page, as the user. Its `globalId` names the
 * postmortem, so Jira updates rather than adds it when a retry (or a resumed filing) sends it again.
 * A failure is returned, not thrown: the issue exists either way.
 */
const linkBackToPostmortem = async (handler: HandlerContext, plan: ActionPlan, issueKey: string): Promise<{ url: string | null; reason: string } | null> => {
  const postmortem = (await readStoredPostmortem(plan.postmortemId))?.postmortem;
  if (postmortem === undefined) return null;
  let url: string | null = null;
  try {
    url = await postmortemUrl(handler, postmortem.id, postmortem.projectKey);
    await upsertRemoteLink(handler.jira.asUser, issueKey, { globalId: `firebreak-postmortem=${postmortem.id}`, url, title: `Postmortem: ${postmortem.title}`, summary: `${kindOf(plan).id === 'action' ? 'Action item' : 'Remediation'} from the postmortem of ${postmortem.incidents.join(', ')}` });
    return null;
  } catch (error) {
    if (!isJiraError(error)) throw error;
    return { url, reason: failureReason(error) };
  }
};

/**
 * Emails the action's owner through Jira that the action is theirs, unless they filed it themself
 * (Jira refuses a notification to the caller alone, and they know). It is sent by the step that
 * finishes the plan, which runs again only when noting `done` failed, so a second email needs a
 * storage failure in between; a plan already done answers without sending.
 */
const notifyOwner = async (handler: HandlerContext, plan: ActionPlan, issueKey: string): Promise<{ owner: string; reason: string } | null> => {
  const kind = kindOf(plan);
  const postmortem = (await readStoredPostmortem(plan.postmortemId))?.postmortem;
  const action = postmortem === undefined ? undefined : kind.find(postmortem, plan.actionId);
  if (postmortem === undefined || action === undefined || action.owner === null || action.owner === handler.access.accountId) return null;
  try {
    await notifyPeople(handler.jira.asUser, issueKey, {
      accountIds: [action.owner],
      subject: `${issueKey}: you own ${kind.id === 'action' ? 'an action' : 'a remediation item'} from the postmortem “${postmortem.title}”`,
      textBody: `${action.title}${action.dueDate === null ? '' : ` (due ${action.dueDate})`}. Filed as ${issueKey} from the postmortem of ${postmortem.incidents.join(', ')}; the issue links back to the postmortem.`,
    });
    return null;
  } catch (error) {
    if (!isJiraError(error)) throw error;
    return { owner: (await nameOf(handler, action.owner)) ?? action.owner, reason: failureReason(error) };
  }
};
