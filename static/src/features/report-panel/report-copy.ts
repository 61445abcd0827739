/**
 * The report panel's words and the pure rules behind them (counter, error handling, "last updated"),
 * kept out of the components so they can be unit-tested without a browser.
 */
import type { ResolverError } from '@contract/result';

/**
 * Same value as `ENTITY_PROPERTY_MAX_CHARS` in `@contract/report.contract` (a test checks it). Copied
 * because importing a value from that module would pull zod into the UI bundle.
 */
export const STEPS_MAX_CHARS = 32_768;

/** Same as `REPORT_FIELD_LABELS.stepsToReproduce` (checked by a test, copied for the same reason). */
export const STEPS_LABEL = 'Steps to reproduce';

export const COPY = {
  loading: 'Loading production report…',
  emptyTitle: 'No steps to reproduce yet',
  emptyHint: 'Add what someone has to do to see the problem, so the on-call developer can reproduce it.',
  readOnly: 'You can view this report but not edit it. Ask a project admin for Edit issues permission.',
  helper:
    'One step per line: who was logged in, where they were, what they clicked or typed, and what they saw. For example: “1. Log in as a store admin. 2. Open Orders › Refunds. 3. Click Refund on an order paid by gift card.”',
  conflict: 'Someone else changed this report while you were editing. Their version is shown below; copy your text if you need it.',
  strandedLabel: 'Your unsaved text',
  saved: 'Report saved',
} as const;

/** The counter appears once the text uses this share of the limit. */
const COUNTER_THRESHOLD = 0.9;

export interface CharacterCount {
  /** Whether to show the counter at all. */
  readonly visible: boolean;
  readonly over: boolean;
  readonly text: string;
}

export function describeCharacterCount(length: number, max: number = STEPS_MAX_CHARS, locale?: string): CharacterCount {
  const n = new Intl.NumberFormat(locale ?? 'en-US');
  const over = length > max;
  const base = `${n.format(length)} of ${n.format(max)} characters`;
  return {
    visible: length >= Math.floor(max * COUNTER_THRESHOLD),
    over,
    text: over ? `${base}: ${n.format(length - max)} over the limit` : base,
  };
}

/** Checked before sending, so an over-long text never costs a backend round trip. */
export function overLimitMessage(length: number, max: number = STEPS_MAX_CHARS, locale?: string): string | null {
  if (length <= max) return null;
  const n = new Intl.NumberFormat(locale ?? 'en-US');
  const excess = length - max;
  return `This text is ${n.format(excess)} ${excess === 1 ? 'character' : 'characters'} longer than a Jira issue property can hold (${n.format(max)}). Shorten it, or attach long logs to the issue and mention them here.`;
}

export type SaveFailure =
  /** Keep editing; mark the field with the message. */
  | { readonly kind: 'field'; readonly message: string }
  /** Keep the draft aside, show the newer version, which must be reloaded. */
  | { readonly kind: 'conflict'; readonly message: string }
  /** Stop editing for good; keep the draft aside so it is not lost. */
  | { readonly kind: 'forbidden'; readonly message: string }
  /** Keep editing; show the message above the form. */
  | { readonly kind: 'banner'; readonly message: string };

const isStepsField = (field: string | undefined): boolean => field === undefined || field.endsWith('stepsToReproduce');

export function describeSaveFailure(error: ResolverError): SaveFailure {
  switch (error.code) {
    case 'TOO_LARGE':
    case 'INVALID_INPUT':
      return isStepsField(error.field) ? { kind: 'field', message: error.message } : { kind: 'banner', message: error.message };
    case 'CONFLICT':
      return { kind: 'conflict', message: COPY.conflict };
    case 'FORBIDDEN':
      return { kind: 'forbidden', message: error.message };
    default:
      return { kind: 'banner', message: error.message };
  }
}

/** Failures that may pass on their own are worth a "Try again" button; the others are not. */
export function isRetryable(error: ResolverError): boolean {
  return error.code === 'RATE_LIMITED' || error.code === 'JIRA_UNAVAILABLE' || error.code === 'INTERNAL';
}

const UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 hours ago", "yesterday", "just now". */
export function formatRelative(thenIso: string, now: Date, locale?: string): string {
  const seconds = Math.round((Date.parse(thenIso) - now.getTime()) / 1000);
  if (!Number.isFinite(seconds)) return '';
  if (Math.abs(seconds) < 45) return 'just now';
  const rtf = new Intl.RelativeTimeFormat(locale ?? 'en-US', { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(Math.round(seconds / 60), 'minute');
}

export function formatAbsolute(thenIso: string, locale?: string, timeZone?: string): string {
  const then = new Date(thenIso);
  if (Number.isNaN(then.getTime())) return '';
  try {
    return then.toLocaleString(locale ?? 'en-US', { dateStyle: 'medium', timeStyle: 'short', ...(timeZone === undefined ? {} : { timeZone }) });
  } catch {
    // An unknown time zone from the host must not break the panel.
    return then.toLocaleString(locale ?? 'en-US', { dateStyle: 'medium', timeStyle: 'short' });
  }
}

/**
 * Who saved last, as far as the UI can tell. The report stores an account ID only, and the app has no
 * `read:jira-user` scope to look up display names, so anyone but the viewer is "another user".
 */
export function describeUpdater(updatedBy: string, viewerAccountId: string | undefined): string {
  return viewerAccountId !== undefined && updatedBy === viewerAccountId ? 'you' : 'another user';
}
