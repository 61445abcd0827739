import {
  ENTITY_PROPERTY_MAX_CHARS,
  REPORT_FIELD_LABELS,
  type ReportFields,
  type StoredReport,
} from '../../contract/report.contract';

/** Why a save cannot go ahead, as data: the entry layer turns it into a sentence and a code. */
export type ReportSaveRejection =
  | { readonly kind: 'conflict'; readonly current: StoredReport | null }
  | { readonly kind: 'too-large'; readonly field: keyof ReportFields; readonly totalChars: number; readonly limit: number };

export type ReportSaveOutcome =
  | { readonly ok: true; readonly report: StoredReport }
  | { readonly ok: false; readonly rejection: ReportSaveRejection };

export interface ReportSaveRequest {
  readonly fields: ReportFields;
  /** The revision the editor started from: 0 for "there was no report". */
  readonly baseRevision: number;
}

export interface ReportSaveMeta {
  readonly accountId: string;
  /** ISO-8601 instant of the save; passed in so this module stays free of clocks. */
  readonly now: string;
}

/** Characters Jira counts for an entity property: its JSON text. */
export const measureStoredSize = (value: unknown): number => JSON.stringify(value).length;

/**
 * Builds the next stored report from an edit, or says why it must not be stored.
 *
 * Optimistic concurrency: a save must name the revision it was based on. Jira's property API has no
 * compare-and-swap, so this catches the common case (two people editing for minutes) and the caller
 * keeps the read-compare-write window as short as one round trip.
 */
export const applyReportSave = (
  current: StoredReport | null,
  request: ReportSaveRequest,
  meta: ReportSaveMeta,
): ReportSaveOutcome => {
  const currentRevision = current?.revision ?? 0;
  if (request.baseRevision !== currentRevision) {
    return { ok: false, rejection: { kind: 'conflict', current } };
  }
  const next: StoredReport = {
    schemaVersion: 1,
    revision: currentRevision + 1,
    fields: request.fields,
    updatedAt: meta.now,
    updatedBy: meta.accountId,
  };
  const totalChars = measureStoredSize(next);
  if (totalChars > ENTITY_PROPERTY_MAX_CHARS) {
    return {
      ok: false,
      rejection: { kind: 'too-large', field: findLongestField(request.fields), totalChars, limit: ENTITY_PROPERTY_MAX_CHARS },
    };
  }
  return { ok: true, report: next };
};

/** The field a person should shorten first: the one that takes the most room. */
export const findLongestField = (fields: ReportFields): keyof ReportFields => {
  const entries = Object.entries(fields) as Array<[keyof ReportFields, string]>;
  const [longest] = entries.reduce<[keyof ReportFields, number]>(
    (best, [name, text]) => (measureStoredSize(text) > best[1] ? [name, measureStoredSize(text)] : best),
    ['stepsToReproduce', -1],
  );
  return longest;
};

export const describeRejection = (rejection: ReportSaveRejection): string => {
  switch (rejection.kind) {
    case 'conflict':
      return 'Someone else saved this report while you were editing. Review their version, then apply your change again.';
    case 'too-large':
      return `${REPORT_FIELD_LABELS[rejection.field]} is too long: the report would take ${rejection.totalChars.toLocaleString('en-US')} characters and Jira stores at most ${rejection.limit.toLocaleString('en-US')} per issue. Shorten it or link to a document instead.`;
  }
};
