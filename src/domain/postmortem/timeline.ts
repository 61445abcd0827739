import type { TimelineEntry } from '../../contract/postmortem.contract';
import type { SeverityEvent } from '../../contract/report.contract';
import { severityName, type NamedLevel } from '../../contract/severity-names';

/** An incident's own history, as read from Jira (changelog, comments, worklogs, links). */
export interface IncidentHistory {
  readonly issueKey: string;
  readonly created: string;
  readonly reporter: string | null;
  readonly changes: ReadonlyArray<{ readonly id: string; readonly at: string; readonly author: string; readonly items: ReadonlyArray<{ readonly field: string; readonly from: string | null; readonly to: string | null }> }>;
  readonly comments: ReadonlyArray<{ readonly id: string; readonly at: string; readonly author: string; readonly text: string }>;
  readonly worklogs: ReadonlyArray<{ readonly id: string; readonly at: string; readonly author: string; readonly seconds: number }>;
  /** The incident's issue links; `at` is null where Jira keeps no time for it (issue links carry none). */
  readonly links: ReadonlyArray<{ readonly id: string; readonly at: string | null; readonly otherKey?: string; readonly description: string }>;
}

/**
 * What the timeline adds from the app's own records (app storage, never the issue properties anyone
 * with Edit issues can write): each incident's severity history, by issue key; the scale in force
 * to name levels; and when this build runs, the time an undated link is shown at.
 */
export interface TimelineRecords {
  readonly severityHistory: Readonly<Record<string, readonly SeverityEvent[]>>;
  readonly scale: readonly NamedLevel[];
  readonly builtAt: string;
  /**
   * log part (issue 16): each incident's live log (by issue key), the entries still in it. Optional so
   * a caller that has none builds the timeline as before.
   */
  readonly incidentLog?: Readonly<Record<string, readonly LogRecord[]>>;
  /**
   * updates part (issue 16): each incident's kept stakeholder updates (by issue key), closing ones
   * included. Optional, like the log, so a caller that has none builds the timeline as before.
   */
  readonly stakeholderUpdates?: Readonly<Record<string, readonly UpdateRecord[]>>;
}

/** One kept stakeholder update, as the timeline takes it: only updates Jira confirmed it sent are on the timeline. */
export interface UpdateRecord {
  readonly actionId: string;
  readonly kind: 'update' | 'nothing-new' | 'closing';
  /** Who sent it: an account id, or `APP_AUTHOR` for the closing update the app sends. */
  readonly by: string;
  readonly at: string;
  readonly text: string;
  /** The audience in words, as kept with the update ("group ops-leads; the reporter, assignee and watchers"). */
  readonly audience: string;
}

/** Who the timeline names for what the app itself sent (the closing update): a name, not an account id. */
export const APP_AUTHOR = 'Firebreak';

/** One entry of an incident's live log, as the timeline takes it. */
export interface LogRecord {
  readonly id: string;
  readonly author: string;
  readonly happenedAt: string;
  readonly text: string;
  readonly link: string | null;
}

/** Marks an entry that came from the incident log, in the page, the print view and the export alike. */
export const LOG_ENTRY_PREFIX = 'Log: ';
const LOG_ID_PART = ':log:';

const logEntries = (key: string, records: readonly LogRecord[]): TimelineEntry[] =>
  records.map((record) => {
    const body = `${LOG_ENTRY_PREFIX}${record.text}`.slice(0, 2_000);
    // A link too long to fit beside the text is left to the incident log rather than cut (a cut address leads nowhere).
    const link = record.link === null ? '' : body.length + record.link.length + 3 <= 2_000 ? ` (${record.link})` : '';
    return entry({ id: `${key}${LOG_ID_PART}${record.id}`, at: record.happenedAt, who: record.author, kind: 'log', issueKey: key, text: `${body}${link}` });
  });

const UPDATE_ID_PART = ':update:';
const ENTRY_ID_MAX = 80;

/** FNV-1a, 32 bits, as 8 hex digits: a short stable stand-in for an action id too long to fit an entry id. */
const shortHash = (text: string): string => {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
};

/**
 * The entry id of a kept update: the incident key and the click's action id (the update's own key
 * in app storage), so a rebuild finds the same entry and keeps its note. Ids allow 80 characters; a
 * long key and action id together are shortened with a hash of the action id, still stable.
 */
const updateEntryId = (key: string, actionId: string): string => {
  const full = `${key}${UPDATE_ID_PART}${actionId}`;
  if (full.length <= ENTRY_ID_MAX) return full;
  const room = ENTRY_ID_MAX - key.length - UPDATE_ID_PART.length - 9;
  return `${key}${UPDATE_ID_PART}${actionId.slice(0, Math.max(room, 0))}-${shortHash(actionId)}`;
};

/** How an update reads on the timeline: to whom it went, and what it said. */
export const updateEntryText = (record: Pick<UpdateRecord, 'kind' | 'text' | 'audience'>): string => {
  const audience = record.audience.trim() === '' ? 'the level’s audience' : record.audience.trim().slice(0, 300);
  const said = record.text.trim();
  const text =
    record.kind === 'nothing-new'
      ? `“Nothing new” sent to ${audience}: ${said}`
      : record.kind === 'closing'
        ? `Closing update sent to ${audience}: ${said}`
        : `Update sent to ${audience}: ${said}`;
  return text.slice(0, 2_000);
};

const updateEntries = (key: string, records: readonly UpdateRecord[]): TimelineEntry[] =>
  records.map((record) => entry({ id: updateEntryId(key, record.actionId), at: record.at, who: record.by, kind: 'update', issueKey: key, text: updateEntryText(record) }));

/** Said on a link Jira keeps no date for, so nobody reads the time it is shown at as when it was made. */
export const UNDATED_LINK_NOTE = 'no date in Jira: shown when the timeline first found it';

/** A stable id part from an instant (ids allow 80 characters and the history may drop its oldest entries, so no index). */
const stamp = (iso: string): string => iso.replace(/[^0-9]/g, '').slice(0, 17);

const severityEntries = (key: string, events: readonly SeverityEvent[], scale: readonly NamedLevel[]): TimelineEntry[] =>
  events.flatMap((event) => {
    // disputes (issue 16 part 4): a dispute and a kept ruling are no severity change (a changed ruling is a decision).
    if (event.kind === 'scale-change' || event.kind === 'dispute' || event.kind === 'ruling') return [];
    const level = severityName(scale, event.level, event.levelName);
    const reason = (event.reason ?? '').trim();
    const text = event.kind === 'decision' ? `Severity decided: ${level}${reason === '' ? ' (no reason given)' : `, because: ${reason}`}` : `Reporter picked severity ${level}`;
    return [entry({ id: `${key}:${event.kind === 'decision' ? 'decision' : 'pick'}:${stamp(event.at)}`, at: event.at, who: event.by, kind: 'severity', issueKey: key, text: text.slice(0, 2_000) })];
  });

const entry = (fields: Omit<TimelineEntry, 'hidden' | 'note'>): TimelineEntry => ({ ...fields, hidden: false, note: '' });

const KIND_BY_FIELD: Readonly<Record<string, TimelineEntry['kind']>> = { status: 'status', priority: 'severity', labels: 'severity', assignee: 'assignee', 'Link': 'link', IssueLink: 'link' };

const firstLine = (text: string): string => {
  const line = text.split('\n').find((candidate) => candidate.trim() !== '') ?? '';
  return line.length > 280 ? `${line.slice(0, 277)}…` : line;
};

const hours = (seconds: number): string => `${String(Math.round((seconds / 3600) * 10) / 10)} h`;

/**
 * The timeline the postmortem starts from, built from the incidents' own history: creation,
 * status / priority / severity-label / assignee changes, comments, worklogs and links, with who and
 * when, oldest first; with `records`, also the triage record's severity picks and decisions (by the
 * level's name, with the reason) and the links no changelog entry dates. Undated links are shown at
 * the time the timeline first found them, and say so: the entry schema needs a time, and a link made
 * before the postmortem started sits after the events it explains only on screen, never in Jira. Entry ids are stable (derived from Jira's ids), so rebuilding it keeps the
 * notes and "hidden" marks people added to existing entries.
 */
export const buildTimeline = (histories: readonly IncidentHistory[], records?: TimelineRecords): TimelineEntry[] => {
  const entries: TimelineEntry[] = [];
  for (const history of histories) {
    const key = history.issueKey;
    entries.push(entry({ id: `${key}:created`, at: history.created, who: history.reporter ?? 'unknown', kind: 'created', issueKey: key, text: `${key} created` }));
    for (const change of history.changes) {
      change.items.forEach((item, index) => {
        const kind = KIND_BY_FIELD[item.field];
        if (kind === undefined) return;
        const label = item.field === 'labels' ? 'Labels' : item.field.charAt(0).toUpperCase() + item.field.slice(1);
        // Jira records a link as a changelog item whose text already reads "This issue relates to X".
        const text = kind === 'link' ? (item.to ?? `Link removed: ${item.from ?? 'unknown'}`) : `${label}: ${item.from ?? 'none'} → ${item.to ?? 'none'}`;
        entries.push(entry({ id: `${key}:change:${change.id}:${String(index)}`, at: change.at, who: change.author, kind, issueKey: key, text }));
      });
    }
    for (const comment of history.comments) {
      entries.push(entry({ id: `${key}:comment:${comment.id}`, at: comment.at, who: comment.author, kind: 'comment', issueKey: key, text: `Comment: ${firstLine(comment.text)}` }));
    }
    for (const worklog of history.worklogs) {
      entries.push(entry({ id: `${key}:worklog:${worklog.id}`, at: worklog.at, who: worklog.author, kind: 'worklog', issueKey: key, text: `Logged ${hours(worklog.seconds)}` }));
    }
    // A link the changelog dated is on the timeline already (Jira writes "This issue causes X" there).
    const datedKeys = new Set(
      history.changes.flatMap((change) => change.items.filter((item) => KIND_BY_FIELD[item.field] === 'link' && item.to !== null).map((item) => (item.to ?? '').split(' ').at(-1) ?? '')),
    );
    for (const link of history.links) {
      if (link.at !== null) {
        entries.push(entry({ id: `${key}:link:${link.id}`, at: link.at, who: 'unknown', kind: 'link', issueKey: key, text: link.description }));
      } else if (records !== undefined && link.otherKey !== undefined && !datedKeys.has(link.otherKey)) {
        entries.push(entry({ id: `${key}:undated-link:${link.id}`, at: records.builtAt, who: 'unknown', kind: 'link', issueKey: key, text: `${link.description} (${UNDATED_LINK_NOTE})` }));
      }
    }
    if (records !== undefined) entries.push(...severityEntries(key, records.severityHistory[key] ?? [], records.scale));
    if (records?.incidentLog !== undefined) entries.push(...logEntries(key, records.incidentLog[key] ?? []));
    if (records?.stakeholderUpdates !== undefined) entries.push(...updateEntries(key, records.stakeholderUpdates[key] ?? []));
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
};

/**
 * Refreshes a timeline from Jira while keeping people's work: notes and hidden marks stay on the
 * entries they were made on, manual entries stay, and new Jira entries are added. Log entries keep
 * their id across rebuilds (the incident key and the log entry's own id), so a corrected log entry
 * updates in place and carries its note along; stakeholder updates likewise (the key and the
 * update's action id).
 */
export const mergeTimeline = (current: readonly TimelineEntry[], rebuilt: readonly TimelineEntry[]): TimelineEntry[] => {
  const byId = new Map(current.map((existing) => [existing.id, existing]));
  const merged = rebuilt.map((fresh) => {
    const existing = byId.get(fresh.id);
    if (existing === undefined) return fresh;
    // An undated link keeps the time it was first found at, so a rebuild does not move it.
    const at = fresh.id.includes(':undated-link:') ? existing.at : fresh.at;
    return { ...fresh, at, hidden: existing.hidden, note: existing.note };
  });
  const manual = current.filter((existing) => existing.kind === 'manual');
  // log part (issue 16): an entry its author deleted from the incident log leaves the timeline, as
  // any vanished entry does, unless people wrote a note on it: the note is their work, so the entry
  // stays (with the text it had) to carry it.
  const rebuiltIds = new Set(rebuilt.map((fresh) => fresh.id));
  // updates part (issue 16): the same for a stakeholder update that is no longer in the app's record.
  const annotatedLog = current.filter((existing) => (existing.kind === 'log' || existing.kind === 'update') && existing.note !== '' && !rebuiltIds.has(existing.id));
  return [...merged, ...manual, ...annotatedLog].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
};
