/**
 * The editor's draft of a postmortem: strings as the inputs hold them (times as wall clock in the
 * chosen zone), and the way back to the `PostmortemEdit` payload `postmortem/save` takes.
 */
import type { ActionItem, ContributingFactor, Postmortem, PostmortemEdit, QuestionId, RemediationItem, TimelineEntry } from '@contract/postmortem.contract';

import { type ContributingFactorCategory, FIVE_QUESTIONS, ITEM_ID_PATTERN, LESSONS, type LessonId, POSTMORTEM_LIMITS } from '@contract/postmortem.values';
import { isoToLocal, localToIso } from '../../shared/zoned-time';

export const IMPACT_TIMES = [
  { id: 'started', label: 'Impact started' },
  { id: 'detected', label: 'Detected' },
  { id: 'mitigated', label: 'Mitigated' },
  { id: 'resolved', label: 'Resolved' },
] as const;
export type ImpactTime = (typeof IMPACT_TIMES)[number]['id'];

export interface ArtifactDraft {
  readonly key: string;
  readonly label: string;
  readonly url: string;
}

export interface ActionDraft {
  readonly id: string;
  readonly title: string;
  /** Account id; `''` for none. */
  readonly owner: string;
  /** `YYYY-MM-DD` or `''`. */
  readonly dueDate: string;
  readonly question: QuestionId;
  readonly issueKey: string | null;
  // actions part (issue 15): the team's decision (the server stamps who and when) and the stored proof (read only).
  readonly triage?: ActionItem['triage'];
  readonly verification?: ActionItem['verification'];
}

export interface RemediationDraft {
  readonly id: string;
  readonly title: string;
  readonly owner: string;
  readonly priority: RemediationItem['priority'];
  readonly done: boolean;
  // format part (issue 15): the Jira issue it was filed as (the server's to set; the page may only clear it), and with which Jira priority.
  readonly issueKey?: string | null | undefined;
  readonly filedPriority?: string | undefined;
}

/** format part (issue 15): one contributing factor; `category` `''` for none. */
export interface FactorDraft {
  readonly id: string;
  readonly text: string;
  readonly category: ContributingFactorCategory | '';
}

export interface PostmortemDraft {
  readonly title: string;
  readonly severity: string | null;
  readonly owner: string;
  readonly incidents: readonly string[];
  readonly artifacts: readonly ArtifactDraft[];
  readonly summary: string;
  readonly customerImpact: string;
  readonly timeZone: string;
  /** `datetime-local` values in `timeZone`, `''` when unknown. */
  readonly times: Readonly<Record<ImpactTime, string>>;
  readonly usersAffected: string;
  readonly timeline: readonly TimelineEntry[];
  readonly answers: Readonly<Record<QuestionId, string>>;
  readonly actions: readonly ActionDraft[];
  readonly remediation: readonly RemediationDraft[];
  // format part (issue 15)
  readonly contributingFactors: readonly FactorDraft[];
  readonly lessons: Readonly<Record<LessonId, string>>;
  /** guards (issue 15): incidents from another project the person confirmed linking after seeing who would lose access. */
  readonly confirmedLinks?: readonly string[];
}

export type DraftErrors = Readonly<Record<string, string>>;

export const DRAFT_COPY = {
  title: 'Give the postmortem a title.',
  tooLong: (max: number) => `Keep this under ${String(max)} characters.`,
  url: 'Enter a link that starts with https:// or http://.',
  artifactLabel: 'Name the artifact.',
  usersAffected: 'Enter a whole number of users, or leave it empty.',
  time: 'Enter a date and time, or leave it empty.',
  actionTitle: 'Give the action a title.',
  remediationTitle: 'Give the remediation a title.',
  factorText: 'Say what the factor was, or remove it.',
  triageReason: (decision: string) => `Say why this action is ${decision}: the reason is kept with the decision.`,
} as const;

const DEFAULT_ZONE = 'UTC';

/** Timeline entries oldest first; entries at the same time keep their order. */
export const sortTimeline = (entries: readonly TimelineEntry[]): TimelineEntry[] =>
  entries
    .map((entry, index) => ({ entry, index, at: Date.parse(entry.at) }))
    .sort((a, b) => (a.at === b.at || Number.isNaN(a.at) || Number.isNaN(b.at) ? a.index - b.index : a.at - b.at))
    .map(({ entry }) => entry);

export function draftOf(postmortem: Postmortem): PostmortemDraft {
  const zone = postmortem.impact.timeZone === '' ? DEFAULT_ZONE : postmortem.impact.timeZone;
  return {
    title: postmortem.title,
    severity: postmortem.severity,
    owner: postmortem.owner,
    incidents: postmortem.incidents,
    artifacts: postmortem.artifacts.map((artifact, index) => ({ key: `saved-${String(index)}`, ...artifact })),
    summary: postmortem.summary,
    customerImpact: postmortem.customerImpact,
    timeZone: zone,
    times: {
      started: isoToLocal(postmortem.impact.started, zone),
      detected: isoToLocal(postmortem.impact.detected, zone),
      mitigated: isoToLocal(postmortem.impact.mitigated, zone),
      resolved: isoToLocal(postmortem.impact.resolved, zone),
    },
    usersAffected: postmortem.impact.usersAffected === null ? '' : String(postmortem.impact.usersAffected),
    timeline: sortTimeline(postmortem.timeline),
    answers: Object.fromEntries(FIVE_QUESTIONS.map(({ id }) => [id, postmortem.answers[id] ?? ''])) as Record<QuestionId, string>,
    actions: postmortem.actions.map((action) => ({ ...action, owner: action.owner ?? '', dueDate: action.dueDate ?? '' })),
    remediation: postmortem.remediation.map((item) => ({ ...item, owner: item.owner ?? '' })),
    contributingFactors: (postmortem.contributingFactors ?? []).map((factor) => ({ ...factor, category: factor.category ?? '' })),
    lessons: Object.fromEntries(LESSONS.map(({ id }) => [id, postmortem[id] ?? ''])) as Record<LessonId, string>,
  };
}

/** Whether the draft differs from the saved postmortem (React keys of new artifacts aside). */
export function isDraftDirty(draft: PostmortemDraft, saved: Postmortem): boolean {
  const plain = (d: PostmortemDraft) => ({ ...d, artifacts: d.artifacts.map(({ label, url }) => ({ label, url })) });
  return JSON.stringify(plain(draft)) !== JSON.stringify(plain(draftOf(saved)));
}

const USERS = /^\d{1,10}$/;
const HTTP_URL = /^https?:\/\/[^\s]+$/i;

function checkUrl(url: string): boolean {
  if (!HTTP_URL.test(url)) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The save payload's `edit`, or the errors keyed by the path the contract would name
 * (`title`, `artifacts.1.url`, `impact.detected`, `actions.0.title`). Blank artifact rows are dropped.
 */
export function draftToEdit(draft: PostmortemDraft): { readonly ok: true; readonly edit: PostmortemEdit } | { readonly ok: false; readonly errors: DraftErrors } {
  const errors: Record<string, string> = {};
  const long = (path: string, value: string, max: number) => {
    if (value.length > max) errors[path] = DRAFT_COPY.tooLong(max);
  };

  const title = draft.title.trim();
  if (title === '') errors['title'] = DRAFT_COPY.title;
  long('title', title, POSTMORTEM_LIMITS.title);
  long('summary', draft.summary, POSTMORTEM_LIMITS.longText);
  long('customerImpact', draft.customerImpact, POSTMORTEM_LIMITS.longText);

  const artifacts: Array<{ label: string; url: string }> = [];
  draft.artifacts.forEach((artifact, index) => {
    const label = artifact.label.trim();
    const url = artifact.url.trim();
    if (label === '' && url === '') return;
    const at = artifacts.length;
    if (!checkUrl(url)) errors[`artifacts.${String(index)}.url`] = DRAFT_COPY.url;
    if (label === '') errors[`artifacts.${String(index)}.label`] = DRAFT_COPY.artifactLabel;
    artifacts[at] = { label, url };
  });

  const impactTime = (id: ImpactTime): string | null => {
    const local = draft.times[id].trim();
    if (local === '') return null;
    const iso = localToIso(local, draft.timeZone);
    if (iso === null) errors[`impact.${id}`] = DRAFT_COPY.time;
    return iso;
  };
  const started = impactTime('started');
  const detected = impactTime('detected');
  const mitigated = impactTime('mitigated');
  const resolved = impactTime('resolved');

  const usersText = draft.usersAffected.trim();
  let usersAffected: number | null = null;
  if (usersText !== '') {
    const users = Number(usersText);
    if (!USERS.test(usersText) || users > POSTMORTEM_LIMITS.usersAffected) errors['impact.usersAffected'] = DRAFT_COPY.usersAffected;
    else usersAffected = users;
  }

  const answers: Partial<Record<QuestionId, string>> = {};
  for (const { id } of FIVE_QUESTIONS) {
    answers[id] = draft.answers[id];
    long(`answers.${id}`, draft.answers[id], POSTMORTEM_LIMITS.longText);
  }

  const actions: ActionItem[] = draft.actions.map((action, index) => {
    const actionTitle = action.title.trim();
    if (actionTitle === '') errors[`actions.${String(index)}.title`] = DRAFT_COPY.actionTitle;
    long(`actions.${String(index)}.title`, actionTitle, POSTMORTEM_LIMITS.title);
    // actions part (issue 15): the server asks the same; saying it here saves a round trip.
    if (action.triage !== undefined && action.triage.decision !== 'accepted' && action.triage.reason.trim() === '') errors[`actions.${String(index)}.triage`] = DRAFT_COPY.triageReason(action.triage.decision);
    long(`actions.${String(index)}.triage`, action.triage?.reason.trim() ?? '', POSTMORTEM_LIMITS.triageReason);
    return {
      id: action.id,
      title: actionTitle,
      owner: action.owner.trim() === '' ? null : action.owner.trim(),
      dueDate: action.dueDate === '' ? null : action.dueDate,
      question: action.question,
      issueKey: action.issueKey,
      ...(action.triage === undefined ? {} : { triage: { ...action.triage, reason: action.triage.reason.trim() } }),
    };
  });

  const remediation: RemediationItem[] = draft.remediation.map((item, index) => {
    const itemTitle = item.title.trim();
    if (itemTitle === '') errors[`remediation.${String(index)}.title`] = DRAFT_COPY.remediationTitle;
    long(`remediation.${String(index)}.title`, itemTitle, POSTMORTEM_LIMITS.title);
    return { id: item.id, title: itemTitle, owner: item.owner.trim() === '' ? null : item.owner.trim(), priority: item.priority, done: item.done, ...(item.issueKey === undefined ? {} : { issueKey: item.issueKey }) };
  });

  // format part (issue 15)
  const contributingFactors: ContributingFactor[] = draft.contributingFactors.map((factor, index) => {
    const factorText = factor.text.trim();
    if (factorText === '') errors[`contributingFactors.${String(index)}.text`] = DRAFT_COPY.factorText;
    long(`contributingFactors.${String(index)}.text`, factorText, POSTMORTEM_LIMITS.factorText);
    return { id: factor.id, text: factorText, category: factor.category === '' ? null : factor.category };
  });
  for (const { id } of LESSONS) long(id, draft.lessons[id], POSTMORTEM_LIMITS.longText);

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    edit: {
      title,
      severity: draft.severity,
      owner: draft.owner,
      incidents: [...draft.incidents],
      artifacts,
      summary: draft.summary,
      customerImpact: draft.customerImpact,
      impact: { started, detected, mitigated, resolved, timeZone: draft.timeZone, usersAffected },
      timeline: [...draft.timeline],
      answers,
      actions,
      remediation,
      contributingFactors,
      wentWell: draft.lessons.wentWell,
      gotLucky: draft.lessons.gotLucky,
    },
  };
}

// ── Edits the editor makes ──────────────────────────────────────────────────────────────────────

/** A fresh item id the contract accepts (`^[a-z0-9-]{1,40}$`), unique among `taken`. */
export function newItemId(prefix: 'a' | 'r' | 'f', now: number, taken: ReadonlyArray<{ readonly id: string }>): string {
  const used = new Set(taken.map(({ id }) => id));
  let n = now;
  let id = `${prefix}-${n.toString(36)}`;
  while (used.has(id) || !ITEM_ID_PATTERN.test(id)) {
    n += 1;
    id = `${prefix}-${n.toString(36)}`;
  }
  return id;
}

/** A manual timeline entry, or `null` when its time or text is missing. Returns the timeline oldest first. */
export function addManualEntry(draft: PostmortemDraft, local: string, text: string, who: string, now: number): PostmortemDraft | null {
  const at = localToIso(local, draft.timeZone);
  const trimmed = text.trim();
  if (at === null || trimmed === '') return null;
  const entry: TimelineEntry = { id: `manual-${String(now)}`, at, who, kind: 'manual', issueKey: null, text: trimmed.slice(0, POSTMORTEM_LIMITS.entryText), hidden: false, note: '' };
  return { ...draft, timeline: sortTimeline([...draft.timeline, entry]) };
}

export const updateEntry = (draft: PostmortemDraft, id: string, change: Partial<Pick<TimelineEntry, 'note' | 'hidden'>>): PostmortemDraft => ({
  ...draft,
  timeline: draft.timeline.map((entry) => (entry.id === id ? { ...entry, ...change } : entry)),
});

export function replaceAt<T>(list: readonly T[], index: number, change: Partial<T>): T[] {
  return list.map((item, at) => (at === index ? { ...item, ...change } : item));
}

export const removeAt = <T>(list: readonly T[], index: number): T[] => list.filter((_item, at) => at !== index);

export const newAction = (draft: PostmortemDraft, now: number): ActionDraft => ({
  id: newItemId('a', now, draft.actions),
  title: '',
  owner: '',
  dueDate: '',
  question: 'prevent',
  issueKey: null,
});

export const newRemediation = (draft: PostmortemDraft, now: number): RemediationDraft => ({
  id: newItemId('r', now, draft.remediation),
  title: '',
  owner: '',
  priority: 'medium',
  done: false,
});

/** format part (issue 15): an empty contributing factor, of no named kind yet. */
export const newFactor = (draft: PostmortemDraft, now: number): FactorDraft => ({ id: newItemId('f', now, draft.contributingFactors), text: '', category: '' });

// ── Linked incidents ────────────────────────────────────────────────────────────────────────────

export const MAX_INCIDENTS = 20;
const INCIDENT_KEY = /^[A-Z][A-Z0-9_]*-[1-9][0-9]*$/;
/** The contract's bounds on a key (project part ≤ 50 chars, number ≤ 10 digits). */
const INCIDENT_KEY_BOUNDS = /^[A-Z][A-Z0-9_]{0,49}-[1-9][0-9]{0,9}$/;

export const INCIDENT_COPY = {
  key: 'Enter an issue key such as SHOP-12.',
  duplicate: (key: string) => `${key} is already linked.`,
  tooMany: `A postmortem links at most ${String(MAX_INCIDENTS)} incidents.`,
} as const;

/** The draft with `input` (trimmed, uppercased) linked, or the reason it cannot be. */
export function linkIncident(draft: PostmortemDraft, input: string): { readonly ok: true; readonly draft: PostmortemDraft } | { readonly ok: false; readonly error: string } {
  const key = input.trim().toUpperCase();
  if (!INCIDENT_KEY.test(key) || !INCIDENT_KEY_BOUNDS.test(key)) return { ok: false, error: INCIDENT_COPY.key };
  if (draft.incidents.includes(key)) return { ok: false, error: INCIDENT_COPY.duplicate(key) };
  if (draft.incidents.length >= MAX_INCIDENTS) return { ok: false, error: INCIDENT_COPY.tooMany };
  return { ok: true, draft: { ...draft, incidents: [...draft.incidents, key] } };
}

/** The draft without `key`; the first (originating) incident always stays. */
export function unlinkIncident(draft: PostmortemDraft, key: string): PostmortemDraft {
  const at = draft.incidents.indexOf(key);
  if (at <= 0) return draft;
  return { ...draft, incidents: removeAt(draft.incidents, at) };
}
