import type { FieldRule, ManualItem } from '../../contract/project-config.contract';
import {
  EMPTY_REPORT_FIELDS,
  ENTITY_PROPERTY_MAX_CHARS,
  REPORT_FIELD_LABELS,
  storedReportSchema,
  storedReportV1Schema,
  type Classification,
  type ReportFieldId,
  type ReportFields,
  type ReportSearchIndex,
  type SendBack,
  type SeverityEvent,
  type StoredReport,
} from '../../contract/report.contract';
import type { SeverityLevel } from '../../contract/severity.contract';
import { nameFromLevelId } from '../../contract/severity-names';
import { evaluateReadiness, missingFromReporter, type Readiness } from '../readiness/readiness';

/** Why a change cannot be stored, as data: the entry layer turns it into a code and a sentence. */
export type ReportRejection =
  | { readonly kind: 'conflict'; readonly current: StoredReport | null }
  | { readonly kind: 'too-large'; readonly field: ReportFieldId; readonly totalChars: number; readonly limit: number }
  | { readonly kind: 'invalid'; readonly field?: string; readonly message: string };

export type ReportOutcome = { readonly ok: true; readonly report: StoredReport } | { readonly ok: false; readonly rejection: ReportRejection };

export interface ChangeMeta {
  readonly accountId: string;
  /** ISO-8601 instant of the change; passed in so this module stays free of clocks. */
  readonly now: string;
}

/** What readiness depends on besides the report itself: the project's rules for this issue. */
export interface ReadinessContext {
  readonly rules: Readonly<Record<ReportFieldId, FieldRule>>;
  readonly manualItems: readonly ManualItem[];
}

/** Characters Jira counts for an entity property: its JSON text. */
export const measureStoredSize = (value: unknown): number => JSON.stringify(value).length;

// ── Reading ─────────────────────────────────────────────────────────────────────────────────────

/** Reads a stored value of any known version; `undefined` when it matches none. */
export const migrateStoredReport = (value: unknown, context: ReadinessContext): StoredReport | undefined => {
  const current = storedReportSchema.safeParse(value);
  if (current.success) return current.data;
  const v1 = storedReportV1Schema.safeParse(value);
  if (!v1.success) return undefined;
  const base = {
    revision: v1.data.revision,
    fields: { ...EMPTY_REPORT_FIELDS, stepsToReproduce: v1.data.fields.stepsToReproduce },
    severityHistory: [],
    classification: null,
    manualChecks: {},
    sendBacks: [],
    updatedAt: v1.data.updatedAt,
    updatedBy: v1.data.updatedBy,
  };
  return { schemaVersion: 2, ...base, search: deriveSearchIndex(base, context) };
};

export const reporterSeverityOf = (report: Pick<StoredReport, 'severityHistory'> | null): string | undefined =>
  report?.severityHistory.findLast((event) => event.kind === 'reporter-pick')?.level;

export const decidedSeverityOf = (report: Pick<StoredReport, 'severityHistory'> | null): SeverityEvent | undefined =>
  report?.severityHistory.findLast((event) => event.kind === 'decision');

export const openSendBackOf = (report: Pick<StoredReport, 'sendBacks'> | null): SendBack | undefined => {
  const last = report?.sendBacks.at(-1);
  return last !== undefined && last.returnedAt === undefined ? last : undefined;
};

/** Seconds spent waiting for the reporter, closed intervals plus the open one up to `now`. */
export const waitingSeconds = (report: Pick<StoredReport, 'sendBacks'> | null, now: string): number =>
  (report?.sendBacks ?? []).reduce((total, sendBack) => total + Math.max(0, (Date.parse(sendBack.returnedAt ?? now) - Date.parse(sendBack.sentAt)) / 1000), 0);

/**
 * Everyone the stored report names as having done something: who picked or decided a severity,
 * classified, ticked a checklist item, sent it back, and saved it last. Each id once, in that order.
 * A send-back's previous assignee is left out: it stores that person's name beside the id.
 */
export const accountsMentionedIn = (report: StoredReport | null): readonly string[] =>
  report === null
    ? []
    : [
        ...new Set([
          ...report.severityHistory.map((event) => event.by),
          ...(report.classification === null ? [] : [report.classification.classifiedBy]),
          ...Object.values(report.manualChecks).map((check) => check.by),
          ...report.sendBacks.map((sendBack) => sendBack.sentBy),
          report.updatedBy,
        ]),
      ];

export const readinessOf = (report: Pick<StoredReport, 'fields' | 'severityHistory' | 'classification' | 'manualChecks'> | null, context: ReadinessContext): Readiness =>
  evaluateReadiness({
    fields: report?.fields ?? EMPTY_REPORT_FIELDS,
    rules: context.rules,
    reporterSeverity: reporterSeverityOf(report),
    classification: report?.classification ?? null,
    manualItems: context.manualItems,
    manualChecks: report?.manualChecks ?? {},
  });

const deriveSearchIndex = (report: Pick<StoredReport, 'fields' | 'severityHistory' | 'classification' | 'manualChecks' | 'sendBacks'>, context: ReadinessContext): ReportSearchIndex => {
  const reporterSeverity = reporterSeverityOf(report);
  const decided = decidedSeverityOf(report);
  const customer = report.fields.customers.trim();
  const product = report.fields.product.trim();
  return {
    ...(reporterSeverity === undefined ? {} : { reporterSeverity }),
    ...(decided === undefined ? {} : { decidedSeverity: decided.level }),
    ...(report.classification === null ? {} : { kind: report.classification.kind, classOfService: report.classification.classOfService }),
    ready: readinessOf(report, context).ready ? 'yes' : 'no',
    ...(customer === '' ? {} : { customer: customer.slice(0, 500) }),
    ...(product === '' ? {} : { product: product.slice(0, 500) }),
    waitingForReporter: openSendBackOf(report) === undefined ? 'no' : 'yes',
  };
};

// ── Changing ────────────────────────────────────────────────────────────────────────────────────

type Body = Omit<StoredReport, 'schemaVersion' | 'revision' | 'search' | 'updatedAt' | 'updatedBy'>;

const emptyBody = (): Body => ({ fields: EMPTY_REPORT_FIELDS, severityHistory: [], classification: null, manualChecks: {}, sendBacks: [] });

/**
 * The one way a report changes: check the revision the change was based on, apply it, re-derive
 * the search index, and check the report's text stays within what Firebreak keeps per issue.
 *
 * The revision check here catches a person editing an old version; storage makes the same check
 * atomically when the change is saved (compare-and-swap), so two saves at once cannot both win.
 * Only the text people write counts towards the limit: bookkeeping (history, send-backs) is capped
 * by the schema and fits in app storage, so closing a send-back or recording a decision is never
 * refused for size.
 */
const commit = (
  current: StoredReport | null,
  baseRevision: number,
  meta: ChangeMeta,
  context: ReadinessContext,
  change: (body: Body) => Body | ReportRejection,
): ReportOutcome => {
  const currentRevision = current?.revision ?? 0;
  if (baseRevision !== currentRevision) return { ok: false, rejection: { kind: 'conflict', current } };
  const before: Body = current ?? emptyBody();
  const after = change(before);
  if ('kind' in after) return { ok: false, rejection: after };
  const stamped = { ...after, revision: currentRevision + 1, updatedAt: meta.now, updatedBy: meta.accountId };
  const next: StoredReport = { schemaVersion: 2, ...stamped, search: deriveSearchIndex(stamped, context) };
  const totalChars = measureStoredSize(next.fields);
  const grew = current === null || totalChars > measureStoredSize(current.fields);
  if (totalChars > ENTITY_PROPERTY_MAX_CHARS && grew) {
    return { ok: false, rejection: { kind: 'too-large', field: findLongestField(next.fields), totalChars, limit: ENTITY_PROPERTY_MAX_CHARS } };
  }
  return { ok: true, report: next };
};

export interface ReportEdit {
  readonly fields: ReportFields;
  /** The reporter's pick; `undefined` leaves it as it is. */
  readonly reporterSeverity?: string | undefined;
  /** Set when a triager picks for the reporter: the reporter's account id, recorded with the pick. */
  readonly onBehalfOf?: string | undefined;
}

export const applyReportEdit = (
  current: StoredReport | null,
  edit: ReportEdit,
  baseRevision: number,
  meta: ChangeMeta,
  context: ReadinessContext & { readonly scale: readonly SeverityLevel[] },
): ReportOutcome =>
  commit(current, baseRevision, meta, context, (body) => {
    const pick = edit.reporterSeverity;
    if (pick === undefined || pick === reporterSeverityOf(body)) return { ...body, fields: edit.fields };
    if (!context.scale.some((level) => level.id === pick)) return invalidLevel(pick, 'reporterSeverity');
    const event = { kind: 'reporter-pick' as const, level: pick, ...recordedName(context.scale, pick), by: meta.accountId, at: meta.now, ...(edit.onBehalfOf === undefined ? {} : { onBehalfOf: edit.onBehalfOf }) };
    return { ...body, fields: edit.fields, severityHistory: [...body.severityHistory, event] };
  });

export const MIN_REASON_CHARS = 10;

/**
 * The triager agrees with the reporter's pick or decides another level. Deciding a level different
 * from the reporter's pick, or changing an earlier decision, needs a reason: the history is where a
 * team later learns whether its reporters and triagers read the scale the same way.
 */
export const applySeverityDecision = (
  current: StoredReport | null,
  decision: { readonly level: string; readonly reason: string },
  baseRevision: number,
  meta: ChangeMeta,
  context: ReadinessContext & { readonly scale: readonly SeverityLevel[] },
): ReportOutcome =>
  commit(current, baseRevision, meta, context, (body) => {
    if (!context.scale.some((level) => level.id === decision.level)) return invalidLevel(decision.level, 'level');
    const reason = decision.reason.trim();
    const previous = decidedSeverityOf(body)?.level ?? reporterSeverityOf(body);
    if (previous !== undefined && previous !== decision.level && reason.length < MIN_REASON_CHARS) {
      return {
        kind: 'invalid',
        field: 'reason',
        message: `Say why the severity differs from ${previous === reporterSeverityOf(body) && decidedSeverityOf(body) === undefined ? 'the reporter’s pick' : 'the earlier decision'} (at least ${MIN_REASON_CHARS} characters).`,
      };
    }
    const event: SeverityEvent = { kind: 'decision', level: decision.level, ...recordedName(context.scale, decision.level), by: meta.accountId, at: meta.now, ...(reason === '' ? {} : { reason }) };
    return { ...body, severityHistory: [...body.severityHistory, event] };
  });

export const applyClassification = (
  current: StoredReport | null,
  classification: Omit<Classification, 'classifiedBy' | 'classifiedAt'>,
  baseRevision: number,
  meta: ChangeMeta,
  context: ReadinessContext,
): ReportOutcome =>
  commit(current, baseRevision, meta, context, (body) => ({ ...body, classification: { ...classification, classifiedBy: meta.accountId, classifiedAt: meta.now } }));

export const applyManualCheck = (
  current: StoredReport | null,
  check: { readonly itemId: string; readonly checked: boolean; readonly note: string },
  baseRevision: number,
  meta: ChangeMeta,
  context: ReadinessContext,
): ReportOutcome =>
  commit(current, baseRevision, meta, context, (body) => {
    const item = context.manualItems.find((candidate) => candidate.id === check.itemId);
    if (item === undefined) return { kind: 'invalid', field: 'itemId', message: `This project has no checklist item "${check.itemId}". Reload the panel to see the current checklist.` };
    if (check.checked && item.needsNote && check.note.trim() === '') return { kind: 'invalid', field: 'note', message: `“${item.label}” needs a note, for example a link.` };
    return { ...body, manualChecks: { ...body.manualChecks, [item.id]: { checked: check.checked, note: check.note.trim(), by: meta.accountId, at: meta.now } } };
  });

/** Records a send-back: what was missing and who had the issue, so it can return to them. */
export const applySendBack = (
  current: StoredReport | null,
  previous: { readonly assignee: { readonly accountId: string; readonly displayName: string } | null; readonly status: string },
  baseRevision: number,
  meta: ChangeMeta,
  context: ReadinessContext,
): ReportOutcome =>
  commit(current, baseRevision, meta, context, (body) => {
    if (openSendBackOf(body) !== undefined) return { kind: 'invalid', message: 'This issue is already waiting for the reporter.' };
    const missing = missingFromReporter(readinessOf(body, context));
    if (missing.length === 0) return { kind: 'invalid', message: 'The reporter owes nothing: every item they can fill in is complete.' };
    const sendBack: SendBack = {
      sentAt: meta.now,
      sentBy: meta.accountId,
      missing: missing.map((item) => item.detail ?? item.label),
      previousAssignee: previous.assignee?.accountId ?? null,
      ...(previous.assignee === null ? {} : { previousAssigneeName: previous.assignee.displayName }),
      previousStatus: previous.status,
    };
    return { ...body, sendBacks: [...body.sendBacks, sendBack] };
  });

/** Whether this edit completes a sent-back report: it was waiting, and the reporter now owes nothing. */
export const completesSendBack = (report: StoredReport, context: ReadinessContext): boolean =>
  openSendBackOf(report) !== undefined && missingFromReporter(readinessOf(report, context)).length === 0;

/** Closes the open send-back (the waiting interval ends now). Not a separate user action: no revision check. */
export const closeSendBack = (report: StoredReport, meta: ChangeMeta, context: ReadinessContext): ReportOutcome =>
  commit(report, report.revision, meta, context, (body) => ({
    ...body,
    sendBacks: body.sendBacks.map((sendBack, index) => (index === body.sendBacks.length - 1 && sendBack.returnedAt === undefined ? { ...sendBack, returnedAt: meta.now } : sendBack)),
  }));

/** The level's name as it is now, kept on the history entry so the entry still reads right after a scale change. */
const recordedName = (scale: readonly SeverityLevel[], id: string): { levelName?: string } => {
  const name = scale.find((level) => level.id === id)?.name;
  return name === undefined ? {} : { levelName: name };
};

/** A level the scale does not have (it changed since the panel opened, or the payload was made up): named, never quoted as an id. */
const invalidLevel = (level: string, field: string): ReportRejection => ({
  kind: 'invalid',
  field,
  message: `“${nameFromLevelId(level)}” is not a level of this project’s severity scale (it may have changed since you opened the panel). Reload the panel and choose from the current scale.`,
});

/** The field a person should shorten first: the one that takes the most room. */
export const findLongestField = (fields: ReportFields): ReportFieldId => {
  const entries = Object.entries(fields) as Array<[ReportFieldId, unknown]>;
  const [longest] = entries.reduce<[ReportFieldId, number]>(
    (best, [name, value]) => (measureStoredSize(value) > best[1] ? [name, measureStoredSize(value)] : best),
    ['stepsToReproduce', -1],
  );
  return longest;
};

export const describeRejection = (rejection: ReportRejection): string => {
  switch (rejection.kind) {
    case 'conflict':
      return 'Someone else saved this report while you were editing. Review their version, then apply your change again.';
    case 'too-large':
      return `${REPORT_FIELD_LABELS[rejection.field]} is too long: the report's text would take ${rejection.totalChars.toLocaleString('en-US')} characters and Firebreak keeps at most ${rejection.limit.toLocaleString('en-US')} per issue. Shorten it or link to a document instead.`;
    case 'invalid':
      return rejection.message;
  }
};
