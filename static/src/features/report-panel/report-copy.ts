/**
 * The report panel's words and the small rules behind them (counter, "last updated"), kept out of
 * the components so they can be unit-tested without a browser.
 */
import type { ReportView } from '@contract/report.contract';

import { ENTITY_PROPERTY_MAX_CHARS as PROPERTY_MAX_CHARS } from '@contract/report.values';
import { nameOf } from '../../shared/report-view';

export const COPY = {
  loading: 'Loading production report…',
  heading: 'Production report',
  emptyTitle: 'No production report yet',
  emptyHint: 'Fill in what a developer needs to see the problem: steps, what happened, what you expected, where.',
  readOnly: 'You can view this report but not edit it. Ask a project admin for Edit issues permission.',
  notProductionType: "This issue type does not use the production report in this project's Firebreak settings.",
  conflict: 'Someone else changed this report while you were editing. Their version is shown below; copy your text if you need it.',
  triageConflict: 'Someone else changed this report at the same time. It now shows their version; check it and try again.',
  strandedLabel: 'Your unsaved text',
  saved: 'Report saved',
  severityDecided: 'Severity decided',
  classified: 'Classification saved',
  severityLegend: 'What response do you want from us?',
  reasonLabel: "Reason (required when it differs from the reporter's pick)",
  missing: 'Missing',
} as const;

/** The counter appears once the text uses this share of the limit. */
const COUNTER_THRESHOLD = 0.9;

export interface CharacterCount {
  /** Whether to show the counter at all. */
  readonly visible: boolean;
  readonly over: boolean;
  readonly text: string;
}

export function describeCharacterCount(length: number, max: number = PROPERTY_MAX_CHARS, locale?: string): CharacterCount {
  const n = new Intl.NumberFormat(locale ?? 'en-US');
  const over = length > max;
  const base = `${n.format(length)} of ${n.format(max)} characters`;
  return {
    visible: length >= Math.floor(max * COUNTER_THRESHOLD),
    over,
    text: over ? `${base}: ${n.format(length - max)} over the limit` : base,
  };
}

/**
 * Who saved last, for "Last updated … by …": "you", else their display name as the view carries it.
 * Mid-sentence, a raw account ID would read as noise, so someone Jira would not name is "another user".
 */
export function describeUpdater(updatedBy: string, view: Pick<ReportView, 'issue' | 'names' | 'viewer'>): string {
  if (updatedBy === view.viewer.accountId) return 'you';
  return nameOf(updatedBy, view) ?? 'another user';
}

/**
 * "Sent back to you at Tue 25 Nov, 14:15, asking for:" then one line per item (each a sentence or two, in
 * the words the form uses for that field), then what happens next.
 */
export function describeWaiting(
  sentAt: string,
  missing: readonly string[],
  viewerIsReporter: boolean,
): { readonly title: string; readonly intro: string; readonly items: readonly string[]; readonly outro: string } {
  const items = missing.length === 0 ? ['More information.'] : missing;
  const outro = viewerIsReporter ? 'Complete the report and it returns to triage by itself.' : 'When the reporter completes the report, it returns to triage.';
  return viewerIsReporter
    ? { title: 'You were asked for more information', intro: `Sent back to you at ${sentAt}, asking for:`, items, outro }
    : { title: 'Waiting for the reporter', intro: `Sent back to the reporter at ${sentAt}, asking for:`, items, outro };
}
