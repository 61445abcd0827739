import type { Postmortem, PostmortemEdit, RemediationItem, TimelineEntry } from '../../contract/postmortem.contract';

/**
 * What a person's edit may change, applied to the stored postmortem. The postmortem must not say
 * what did not happen, so some parts are the app's to write, never the client's:
 * - timeline entries built from the incidents' history (status changes, comments…) keep the stored
 *   text, time, author and kind; from the client only their note and hidden mark are taken. Manual
 *   entries are the person's own and come from the client (an id that names a built entry is not
 *   manual, whatever its kind says). A built entry the store does not hold is dropped: only
 *   "Refresh from Jira" adds them.
 * - an action's issue key is the one the app filed; a client can only clear it (unlink), never set
 *   or change it.
 * - an impact time sent at the minute the stored one falls in, with no seconds, is the stored one
 *   (see `keepStoredSeconds`).
 */
export const applyEdit = (stored: Postmortem, edit: PostmortemEdit): Postmortem => {
  const storedKeys = new Map(stored.actions.map((action) => [action.id, action.issueKey]));
  // actions part (issue 15): a verification carries who and when and needs Jira's word that the issue
  // is done, so only `postmortem/verifyAction` writes it. (Triage decisions are stamped by `stampTriage`.)
  const storedActions = new Map(stored.actions.map((action) => [action.id, action]));
  const storedRemediation = new Map(stored.remediation.map((item) => [item.id, item]));
  return {
    ...stored,
    ...edit,
    impact: keepStoredSeconds(stored.impact, edit.impact),
    timeline: mergeClientTimeline(stored.timeline, edit.timeline),
    actions: edit.actions.map(({ verification: _verification, ...action }) => {
      const kept = storedActions.get(action.id)?.verification;
      return { ...action, issueKey: action.issueKey === null ? null : (storedKeys.get(action.id) ?? null), ...(kept === undefined ? {} : { verification: kept }) };
    }),
    remediation: edit.remediation.map((item) => keepFiledRemediation(storedRemediation.get(item.id), item)),
  };
};

/**
 * format part (issue 15): a remediation item's issue key and the priority it was filed with are the
 * app's, as an action's key is: the client may clear the key (unlink), never set or change it.
 * A page that does not send the key (older than this part) leaves it as stored.
 */
const keepFiledRemediation = (stored: RemediationItem | undefined, { issueKey, filedPriority: _priority, ...item }: RemediationItem): RemediationItem => {
  const storedKey = stored?.issueKey ?? null;
  if (storedKey === null) return item;
  if (issueKey === null) return { ...item, issueKey: null };
  return { ...item, issueKey: storedKey, ...(stored?.filedPriority === undefined ? {} : { filedPriority: stored.filedPriority }) };
};

const IMPACT_TIME_KEYS = ['started', 'detected', 'mitigated', 'resolved'] as const;
const MINUTE_MS = 60_000;

/**
 * fixes part (issue 15): the page's time inputs show hours and minutes, so a save that did not touch
 * an impact time sends it back without its seconds. Compared at the precision the input shows, that
 * is the stored time: keep it, so the version history does not list "Impact times" on every save
 * (and approvals are not withdrawn for nothing). A time with seconds of its own, or another minute,
 * is a change.
 */
const keepStoredSeconds = (stored: Postmortem['impact'], edited: Postmortem['impact']): Postmortem['impact'] => {
  const kept = { ...edited };
  for (const key of IMPACT_TIME_KEYS) {
    const before = stored[key] === null ? Number.NaN : Date.parse(stored[key]);
    const after = edited[key] === null ? Number.NaN : Date.parse(edited[key]);
    if (Number.isNaN(before) || Number.isNaN(after) || after % MINUTE_MS !== 0) continue;
    if (Math.floor(before / MINUTE_MS) * MINUTE_MS === after) kept[key] = stored[key];
  }
  return kept;
};

const byTime = (a: TimelineEntry, b: TimelineEntry): number => a.at.localeCompare(b.at) || a.id.localeCompare(b.id);

const mergeClientTimeline = (stored: readonly TimelineEntry[], client: readonly TimelineEntry[]): TimelineEntry[] => {
  // Notes and hidden marks come only from the client's copy of a built entry, never from a manual
  // entry that reuses a built entry's id.
  const fromClient = new Map(client.filter((entry) => entry.kind !== 'manual').map((entry) => [entry.id, entry]));
  const built = stored.filter((entry) => entry.kind !== 'manual');
  const builtIds = new Set(built.map((entry) => entry.id));
  const annotated = built.map((entry) => {
    const theirs = fromClient.get(entry.id);
    return theirs === undefined ? entry : { ...entry, hidden: theirs.hidden, note: theirs.note };
  });
  const manual = client.filter((entry) => entry.kind === 'manual' && !builtIds.has(entry.id));
  return [...annotated, ...manual].sort(byTime);
};

/** An account the edit names as an owner where the stored postmortem did not, with the payload path of that field. */
export interface NamedOwner {
  readonly accountId: string;
  readonly field: string;
  readonly role: string;
  /** actions part (issue 15): an action's owner is assigned its issue in the improvements backlog, so is checked there. */
  readonly where: 'postmortem' | 'backlog';
}

/**
 * Owners this change introduces (the postmortem's owner, an action's or a remediation item's), so
 * only they are checked against Jira: one already stored was checked when it was set.
 */
export const newlyNamedOwners = (stored: Postmortem, next: Postmortem): NamedOwner[] => {
  const known = new Set([stored.owner, ...stored.actions.map((action) => action.owner), ...stored.remediation.map((item) => item.owner)].filter((owner): owner is string => owner !== null));
  const named: NamedOwner[] = [];
  if (!known.has(next.owner)) named.push({ accountId: next.owner, field: 'edit.owner', role: 'the owner of this postmortem', where: 'postmortem' });
  next.actions.forEach((action, index) => {
    if (action.owner !== null && !known.has(action.owner)) named.push({ accountId: action.owner, field: `edit.actions.${String(index)}.owner`, role: `the owner of action ${String(index + 1)}`, where: 'backlog' });
  });
  next.remediation.forEach((item, index) => {
    if (item.owner !== null && !known.has(item.owner)) named.push({ accountId: item.owner, field: `edit.remediation.${String(index)}.owner`, role: `the owner of remediation item ${String(index + 1)}`, where: 'postmortem' });
  });
  return named;
};
