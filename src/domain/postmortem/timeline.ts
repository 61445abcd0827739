import type { TimelineEntry } from '../../contract/postmortem.contract';

/** An incident's own history, as read from Jira (changelog, comments, worklogs, links). */
export interface IncidentHistory {
  readonly issueKey: string;
  readonly created: string;
  readonly reporter: string | null;
  readonly changes: ReadonlyArray<{ readonly id: string; readonly at: string; readonly author: string; readonly items: ReadonlyArray<{ readonly field: string; readonly from: string | null; readonly to: string | null }> }>;
  readonly comments: ReadonlyArray<{ readonly id: string; readonly at: string; readonly author: string; readonly text: string }>;
  readonly worklogs: ReadonlyArray<{ readonly id: string; readonly at: string; readonly author: string; readonly seconds: number }>;
  readonly links: ReadonlyArray<{ readonly id: string; readonly at: string | null; readonly description: string }>;
}

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
 * when, oldest first. Entry ids are stable (derived from Jira's ids), so rebuilding it keeps the
 * notes and "hidden" marks people added to existing entries.
 */
export const buildTimeline = (histories: readonly IncidentHistory[]): TimelineEntry[] => {
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
    for (const link of history.links) {
      if (link.at === null) continue;
      entries.push(entry({ id: `${key}:link:${link.id}`, at: link.at, who: 'unknown', kind: 'link', issueKey: key, text: link.description }));
    }
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
};

/**
 * Refreshes a timeline from Jira while keeping people's work: notes and hidden marks stay on the
 * entries they were made on, manual entries stay, and new Jira entries are added.
 */
export const mergeTimeline = (current: readonly TimelineEntry[], rebuilt: readonly TimelineEntry[]): TimelineEntry[] => {
  const byId = new Map(current.map((existing) => [existing.id, existing]));
  const merged = rebuilt.map((fresh) => {
    const existing = byId.get(fresh.id);
    return existing === undefined ? fresh : { ...fresh, hidden: existing.hidden, note: existing.note };
  });
  const manual = current.filter((existing) => existing.kind === 'manual');
  return [...merged, ...manual].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
};
