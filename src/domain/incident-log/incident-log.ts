import { INCIDENT_LOG_LIMITS, type StoredLogEntry } from '../../contract/incident-log.contract';

/**
 * log part (issue 16): the rules of the live incident log, pure. Time comes in as an argument; who
 * writes comes from the caller's invocation context, never from here.
 */

export type DraftCheck =
  | { readonly ok: true; readonly text: string; readonly link: string | null; readonly happenedAt: string }
  | { readonly ok: false; readonly code: 'INVALID_INPUT' | 'TOO_LARGE'; readonly message: string; readonly field: string };

/**
 * An entry as a person wrote it, checked: text trimmed and not empty, within the limit; "happened at"
 * defaults to now and may not be more than a minute ahead (a clock a little fast is not a forgery, an
 * entry about the future is not a log).
 */
export const checkEntryDraft = (draft: { readonly text: string; readonly link?: string | null | undefined; readonly happenedAt?: string | null | undefined }, now: string): DraftCheck => {
  const text = draft.text.trim();
  if (text === '') return { ok: false, code: 'INVALID_INPUT', message: 'Write what was checked or done (which server, which build…) before adding it to the log.', field: 'text' };
  if (text.length > INCIDENT_LOG_LIMITS.text) {
    return { ok: false, code: 'TOO_LARGE', message: `The entry is too long: at most ${INCIDENT_LOG_LIMITS.text.toLocaleString('en-US')} characters fit. Split it into two entries.`, field: 'text' };
  }
  const link = draft.link === undefined || draft.link === null || draft.link.trim() === '' ? null : draft.link.trim();
  if (link !== null && !/^https?:\/\//i.test(link)) return { ok: false, code: 'INVALID_INPUT', message: 'The link must be a web address starting with http:// or https://.', field: 'link' };
  const happenedAt = draft.happenedAt ?? now;
  const when = Date.parse(happenedAt);
  if (Number.isNaN(when)) return { ok: false, code: 'INVALID_INPUT', message: '“Happened at” is not a time. Pick a date and time, or leave it empty for now.', field: 'happenedAt' };
  if (when > Date.parse(now) + INCIDENT_LOG_LIMITS.futureSkewMs) {
    return { ok: false, code: 'INVALID_INPUT', message: '“Happened at” is in the future. Log what has happened; leave the time empty for now.', field: 'happenedAt' };
  }
  return { ok: true, text, link, happenedAt: new Date(when).toISOString() };
};

/** Whether the log takes entries: the issue carries a production report and is not resolved; else why not, in a sentence. */
export const logOpenness = (hasReport: boolean, statusCategory: string | null): { readonly open: boolean; readonly reason: string | null } => {
  if (!hasReport) return { open: false, reason: 'The incident log opens once this issue has a production report.' };
  if (statusCategory === 'done') return { open: false, reason: 'This incident is resolved, so its log is closed: the entries stay as they were. Reopen the issue to add more.' };
  return { open: true, reason: null };
};

/** The entries people see: not deleted, newest first (by when it happened, then when it was recorded). */
export const visibleEntries = (entries: readonly StoredLogEntry[]): StoredLogEntry[] =>
  entries.filter((entry) => !entry.deleted).sort((a, b) => b.happenedAt.localeCompare(a.happenedAt) || b.recordedAt.localeCompare(a.recordedAt) || b.id.localeCompare(a.id));

// ── playbook part (issue 16) ──────────────────────────────────────────────────────────────────────

/** 32-bit FNV-1a, as 6 hex digits: enough to tell a scale's dozen steps apart. */
const shortHash = (text: string): string => {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0').slice(0, 6);
};

/**
 * A step's key, from its text: readable in storage ("mitigation-plan-3fa2c1") and stable while the
 * admin leaves the step as it is. A step the admin rewrites is a new step, with no ticks yet: a tick
 * recorded against other words would claim something nobody said.
 */
export const playbookStepKey = (text: string): string => {
  const normalised = text.trim().toLowerCase();
  const slug = normalised.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 22).replace(/-+$/, '');
  return `${slug === '' ? 'step' : slug}-${shortHash(normalised)}`;
};

export interface PlaybookStepState {
  readonly key: string;
  readonly text: string;
  readonly done: boolean;
  readonly by: string | null;
  readonly at: string | null;
  /** Ticks and unticks recorded for the step so far; the next one's entry id is numbered after it. */
  readonly changes: number;
}

/** Each step's state from the log: the last tick or untick recorded for it (none: not done). */
export const playbookState = (steps: readonly string[], entries: readonly StoredLogEntry[]): PlaybookStepState[] =>
  steps.map((text) => {
    const key = playbookStepKey(text);
    const ticks = entries.filter((entry) => entry.playbook?.step === key).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || changeNumber(a.id) - changeNumber(b.id));
    const last = ticks.at(-1);
    return { key, text, done: last?.playbook?.done ?? false, by: last?.author ?? null, at: last?.recordedAt ?? null, changes: ticks.length };
  });

const changeNumber = (id: string): number => Number(id.split('-').at(-1) ?? 0);

/**
 * The entry id of a step's next tick or untick: numbered by how many came before, so two people
 * ticking the same step at once write the same row and storage lets exactly one through.
 */
export const playbookEntryId = (step: PlaybookStepState): string => `pb-${step.key}-${String(step.changes + 1)}`;
