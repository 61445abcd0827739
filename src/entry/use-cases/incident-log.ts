import { INCIDENT_LOG_LIMITS, playbookTickText, type IncidentLogView, type StoredLogEntry } from '../../contract/incident-log.contract';
import { playbookOf } from '../../contract/policy.values';
import { checkEntryDraft, logOpenness, playbookEntryId, playbookState, visibleEntries, type PlaybookStepState } from '../../domain/incident-log/incident-log';
import { decidedSeverityOf } from '../../domain/report/report';
import { isJiraError } from '../../jira/jira-error';
import { getMyIssuePermissions } from '../../jira/permissions';
import { getIssueProgress } from '../../jira/statuses';
import { getDisplayNames } from '../../jira/users';
import { insertLogEntry, readIncidentLog, readLogEntry, updateLogEntry, type StoredLogRow } from '../../storage/incident-log.store';
import { refuse } from '../refusal';
import type { HandlerContext } from '../resolvers/resolver-definition';
import { loadIssueState, type IssueState } from './issue-state';

/**
 * log part (issue 16): the live incident log of one issue. Anyone who may browse the issue reads it;
 * adding, correcting and deleting need Jira's Add comments on the issue (asked as the user, as Jira
 * would for a comment) while the incident is open. The author and the time it was recorded are the
 * invocation context's account and the server's clock; a payload cannot name them.
 */

export interface LogTarget {
  readonly issue: { readonly id: string; readonly key: string; readonly projectKey: string };
  readonly state: IssueState;
  readonly open: boolean;
  readonly closedReason: string | null;
  readonly mayComment: boolean;
}

export const loadLogTarget = async (handler: HandlerContext, issueKey: string): Promise<LogTarget> => {
  const [progress, granted] = await Promise.all([getIssueProgress(handler.jira.asUser, issueKey), getMyIssuePermissions(handler.jira.asUser, issueKey, ['ADD_COMMENTS'])]);
  const issue = { id: progress.id, key: issueKey, projectKey: progress.projectKey };
  const state = await loadIssueState({ ...issue, issueType: progress.issueType }, { legacyReader: handler.jira.asApp, onDamaged: 'refuse' });
  const openness = logOpenness(state.stored !== null, progress.statusCategory);
  return { issue, state, open: openness.open, closedReason: openness.reason, mayComment: granted.has('ADD_COMMENTS') };
};

const noCommentSentence = (issueKey: string): string =>
  `You need the "Add comments" permission on ${issueKey} to write in its incident log. Ask a Jira admin for it; you can still read the log.`;

/** Refuses, changing nothing, unless the viewer may write in this log now. */
export const requireWritable = (target: LogTarget): void => {
  if (!target.open) refuse('INVALID_INPUT', target.closedReason ?? 'This incident log is closed.');
  if (!target.mayComment) refuse('FORBIDDEN', noCommentSentence(target.issue.key));
};

/** Display names of these people as the viewer may see them; a name Jira will not give stays an account id. */
export const namesOf = async (handler: HandlerContext, accountIds: readonly string[]): Promise<ReadonlyMap<string, string>> => {
  const wanted = [...new Set(accountIds)];
  if (wanted.length === 0) return new Map();
  try {
    return await getDisplayNames(handler.jira.asUser, wanted);
  } catch (error) {
    if (isJiraError(error)) return new Map();
    throw error;
  }
};

/** The panel's view: entries newest first, by name, and whether (or why not) the viewer may add. */
export const buildLogView = async (handler: HandlerContext, target: LogTarget, rows?: readonly StoredLogRow[]): Promise<IncidentLogView> => {
  const all = rows ?? (await readIncidentLog(target.issue.id));
  const versions = new Map(all.map((row) => [row.entry.id, row.version]));
  const entries = visibleEntries(all.map((row) => row.entry));
  const playbook = playbookView(target, all.map((row) => row.entry));
  const names = await namesOf(handler, [...entries.map((entry) => entry.author), ...(playbook?.people ?? [])]);
  const person = (accountId: string) => ({ accountId, displayName: names.get(accountId) ?? accountId });
  const canAdd = target.open && target.mayComment;
  const me = handler.access.accountId;
  return {
    issueKey: target.issue.key,
    open: target.open,
    canAdd,
    cannotAddReason: canAdd ? null : target.open ? noCommentSentence(target.issue.key) : target.closedReason,
    entries: entries.map((entry) => ({
      id: entry.id,
      version: versions.get(entry.id) ?? 1,
      author: person(entry.author),
      text: entry.text,
      link: entry.link,
      happenedAt: entry.happenedAt,
      recordedAt: entry.recordedAt,
      editedAt: entry.editedAt,
      mine: canAdd && entry.author === me && entry.playbook === undefined,
      fromPlaybook: entry.playbook !== undefined,
    })),
    playbook: playbook === null ? null : { levelName: playbook.levelName, steps: playbook.steps.map((step) => ({ ...step, by: step.by === null ? null : person(step.by) })) },
  };
};

// ── playbook part (issue 16) ──────────────────────────────────────────────────────────────────────

/**
 * The all-hands checklist of an open incident: the playbook of the level the triager DECIDED (the
 * app's own record, never the issue property), under the policy in force, with each step's state
 * read from the log. Null when the incident is closed, undecided, or decided at a level that is not
 * all hands.
 */
const playbookOfTarget = (target: LogTarget, entries: readonly StoredLogEntry[]): { readonly levelName: string; readonly steps: PlaybookStepState[] } | null => {
  if (!target.open) return null;
  const decided = decidedSeverityOf(target.state.stored?.report ?? null);
  const level = decided === undefined ? undefined : target.state.policy.levels.find((candidate) => candidate.id === decided.level);
  if (level === undefined || !level.allHands) return null;
  const steps = playbookOf(level);
  return steps.length === 0 ? null : { levelName: level.name, steps: playbookState(steps, entries) };
};

const playbookView = (target: LogTarget, entries: readonly StoredLogEntry[]) => {
  const playbook = playbookOfTarget(target, entries);
  if (playbook === null) return null;
  return {
    levelName: playbook.levelName,
    people: playbook.steps.flatMap((step) => (step.by === null ? [] : [step.by])),
    steps: playbook.steps.map(({ key, text, done, by, at }) => ({ key, text, done, by, at })),
  };
};

/**
 * Ticks (or unticks) a playbook step, recorded as an entry of the incident log ("Playbook: Update
 * sent — done") by the person and at the server's time. Ticking a ticked step changes nothing. The
 * entry's id is numbered after the step's earlier changes, so of two people ticking at once storage
 * keeps one; the other is answered with the step as it now is, or told it went the other way.
 */
export const tickPlaybookStep = async (handler: HandlerContext, input: { readonly issueKey: string; readonly step: string; readonly done: boolean }): Promise<IncidentLogView> => {
  const target = await loadLogTarget(handler, input.issueKey);
  requireWritable(target);
  const rows = await readIncidentLog(target.issue.id);
  const playbook = playbookOfTarget(target, rows.map((row) => row.entry));
  if (playbook === null) return refuse('INVALID_INPUT', `${target.issue.key} has no playbook: its decided severity is not an all-hands level.`);
  const step = playbook.steps.find((candidate) => candidate.key === input.step);
  if (step === undefined) return refuse('CONFLICT', 'That step is no longer in the playbook: an admin changed it. Reload the issue to see the playbook as it is.');
  if (step.done === input.done) return buildLogView(handler, target, rows);
  if (rows.length >= INCIDENT_LOG_LIMITS.entries) refuse('TOO_LARGE', `This incident's log is full (${INCIDENT_LOG_LIMITS.entries.toLocaleString('en-US')} entries), so the tick cannot be recorded.`);
  const now = handler.now().toISOString();
  const entry: StoredLogEntry = {
    schemaVersion: 1,
    id: playbookEntryId(step),
    issueId: target.issue.id,
    issueKey: target.issue.key,
    author: handler.access.accountId,
    text: playbookTickText(step.text, input.done),
    link: null,
    happenedAt: now,
    recordedAt: now,
    editedAt: null,
    deleted: false,
    playbook: { step: step.key, done: input.done },
  };
  if ((await insertLogEntry(entry)) === 'conflict') {
    const again = await readIncidentLog(target.issue.id);
    const current = playbookOfTarget(target, again.map((row) => row.entry))?.steps.find((candidate) => candidate.key === step.key);
    if (current?.done !== input.done) {
      const by = current?.by === null || current?.by === undefined ? 'someone' : ((await namesOf(handler, [current.by])).get(current.by) ?? 'someone');
      refuse('CONFLICT', `${by} changed “${step.text}” at the same moment. Nothing was changed by you; reload the issue to see the step as it is.`);
    }
    return buildLogView(handler, target, again);
  }
  return buildLogView(handler, target);
};

export const readIncidentLogView = async (handler: HandlerContext, issueKey: string): Promise<IncidentLogView> => buildLogView(handler, await loadLogTarget(handler, issueKey));

const refuseDraft = (check: ReturnType<typeof checkEntryDraft>): Extract<ReturnType<typeof checkEntryDraft>, { ok: true }> => {
  if (!check.ok) return refuse(check.code, check.message, check.field);
  return check;
};

/**
 * Adds one entry under the submission's key. The same submission again (a double click, a retry
 * after a timeout) finds its row and adds nothing; a key someone else's entry holds is refused.
 */
export const addLogEntry = async (
  handler: HandlerContext,
  input: { readonly issueKey: string; readonly submissionId: string; readonly text: string; readonly link?: string | null | undefined; readonly happenedAt?: string | null | undefined },
): Promise<IncidentLogView> => {
  const now = handler.now().toISOString();
  const draft = refuseDraft(checkEntryDraft(input, now));
  const target = await loadLogTarget(handler, input.issueKey);
  requireWritable(target);
  // Every read of the log stops at the limit, so an entry past it would never show: refuse it instead.
  const existing = await readIncidentLog(target.issue.id);
  if (existing.length >= INCIDENT_LOG_LIMITS.entries && !existing.some((row) => row.entry.id === input.submissionId)) {
    refuse('TOO_LARGE', `This incident's log is full (${INCIDENT_LOG_LIMITS.entries.toLocaleString('en-US')} entries). Keep further notes in a comment, or in the postmortem's timeline.`);
  }
  const entry: StoredLogEntry = {
    schemaVersion: 1,
    id: input.submissionId,
    issueId: target.issue.id,
    issueKey: target.issue.key,
    author: handler.access.accountId,
    text: draft.text,
    link: draft.link,
    happenedAt: draft.happenedAt,
    recordedAt: now,
    editedAt: null,
    deleted: false,
  };
  if ((await insertLogEntry(entry)) === 'conflict') {
    const existing = await readLogEntry(target.issue.id, input.submissionId);
    if (existing?.entry.author !== handler.access.accountId) refuse('CONFLICT', 'That entry could not be added: its key is taken. Reload the issue and add it again.');
  }
  return buildLogView(handler, target);
};

/** The entry as its author may change it: theirs, still in the log, not a playbook tick, at the version they saw. */
const ownEntry = async (handler: HandlerContext, target: LogTarget, entryId: string, baseVersion: number): Promise<StoredLogRow> => {
  const row = await readLogEntry(target.issue.id, entryId);
  if (row === null || row.entry.deleted) return refuse('NOT_FOUND', 'That entry is no longer in the log: its author deleted it. Reload the issue to see the log as it is.');
  if (row.entry.author !== handler.access.accountId) {
    const name = (await namesOf(handler, [row.entry.author])).get(row.entry.author) ?? 'its author';
    return refuse('FORBIDDEN', `Only ${name}, who wrote this entry, can correct or delete it. Add an entry of your own instead.`);
  }
  if (row.entry.playbook !== undefined) return refuse('INVALID_INPUT', 'This entry records a playbook tick: tick or untick the step instead.');
  if (row.version !== baseVersion) return refuse('CONFLICT', 'This entry changed since you opened it (in another tab?). Reload the issue to see it, then correct it again.');
  return row;
};

const changeRefused = (): never => refuse('CONFLICT', 'This entry changed while you were saving (in another tab?). Nothing was changed; reload the issue and try again.');

export const editLogEntry = async (
  handler: HandlerContext,
  input: { readonly issueKey: string; readonly entryId: string; readonly baseVersion: number; readonly text: string; readonly link: string | null; readonly happenedAt: string },
): Promise<IncidentLogView> => {
  const now = handler.now().toISOString();
  const draft = refuseDraft(checkEntryDraft(input, now));
  const target = await loadLogTarget(handler, input.issueKey);
  requireWritable(target);
  const row = await ownEntry(handler, target, input.entryId, input.baseVersion);
  const { entry } = row;
  if (entry.text === draft.text && entry.link === draft.link && Date.parse(entry.happenedAt) === Date.parse(draft.happenedAt)) return buildLogView(handler, target);
  if ((await updateLogEntry({ ...entry, text: draft.text, link: draft.link, happenedAt: draft.happenedAt, editedAt: now }, row.version)) === 'conflict') changeRefused();
  return buildLogView(handler, target);
};

/** Deletes the author's entry: kept as a tombstone, so a late retry of its submission does not bring it back. */
export const deleteLogEntry = async (handler: HandlerContext, input: { readonly issueKey: string; readonly entryId: string; readonly baseVersion: number }): Promise<IncidentLogView> => {
  const target = await loadLogTarget(handler, input.issueKey);
  requireWritable(target);
  const row = await ownEntry(handler, target, input.entryId, input.baseVersion);
  if ((await updateLogEntry({ ...row.entry, deleted: true, editedAt: handler.now().toISOString() }, row.version)) === 'conflict') changeRefused();
  return buildLogView(handler, target);
};

/** What a postmortem's timeline takes from each incident's log (app storage, by issue id): the entries still in it. */
export const logEntriesForTimeline = async (issueId: string): Promise<StoredLogEntry[]> => (await readIncidentLog(issueId)).map((row) => row.entry).filter((entry) => !entry.deleted);
