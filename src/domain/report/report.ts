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
import { DISPUTE_LIMITS } from '../../contract/severity-dispute.values';
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
    // intake (issue 17): an alert's incident has no reporter to pick; its source's rule picked for it.
    reporterSeverity: reporterSeverityOf(report) ?? report?.severityHistory.find((event) => event.kind === 'decision' && event.rule !== undefined)?.level,
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
    // disputes (issue 16 part 4)
    ...disputeSearchOf(report),
  };
};

// disputes (issue 16 part 4) ─────────────────────────────────────────────────────────────────────

/** A ruling on a dispute: the authority's `ruling` entry (kept) or their decision (changed). */
const isRuling = (event: SeverityEvent): boolean => event.ruling !== undefined;

/** The dispute still awaiting a ruling: the last `dispute` entry with no ruling after it. */
export const openDisputeOf = (report: Pick<StoredReport, 'severityHistory'> | null): SeverityEvent | undefined => {
  const history = report?.severityHistory ?? [];
  const at = history.findLastIndex((event) => event.kind === 'dispute');
  if (at < 0) return undefined;
  return history.slice(at + 1).some(isRuling) ? undefined : history[at];
};

/** The ruling that settled the last dispute, if it is settled. */
export const lastRulingOf = (report: Pick<StoredReport, 'severityHistory'> | null): SeverityEvent | undefined => {
  const history = report?.severityHistory ?? [];
  const at = history.findLastIndex((event) => event.kind === 'dispute');
  return at < 0 ? undefined : history.slice(at + 1).find(isRuling);
};

const disputeSearchOf = (report: Pick<StoredReport, 'severityHistory'>): { disputed?: 'open' | 'ruled' } => {
  if (!report.severityHistory.some((event) => event.kind === 'dispute')) return {};
  return { disputed: openDisputeOf(report) === undefined ? 'ruled' : 'open' };
};

/** A dispute and a ruling each need a reason: as long as a decision that differs needs, at most what the history keeps. */
export const DISPUTE_REASON = { min: DISPUTE_LIMITS.reasonMin, max: DISPUTE_LIMITS.reasonMax } as const;

/** Why a dispute or a ruling cannot be recorded, as data the entry layer words with names and times. */
export type DisputeRejection =
  | { readonly kind: 'no-decision' }
  | { readonly kind: 'already-open'; readonly dispute: SeverityEvent }
  | { readonly kind: 'same-level'; readonly level: string }
  | { readonly kind: 'no-open-dispute'; readonly ruling: SeverityEvent | undefined }
  | { readonly kind: 'other-dispute'; readonly dispute: SeverityEvent }
  | ReportRejection;

export type DisputeOutcome = { readonly ok: true; readonly report: StoredReport } | { readonly ok: false; readonly rejection: DisputeRejection };

const reasonProblem = (text: string, what: string): ReportRejection | null => {
  const reason = text.trim();
  if (reason.length < DISPUTE_REASON.min) return { kind: 'invalid', field: 'reason', message: `Say why ${what} (at least ${String(DISPUTE_REASON.min)} characters).` };
  if (reason.length > DISPUTE_REASON.max) return { kind: 'invalid', field: 'reason', message: `Keep the reason to ${DISPUTE_REASON.max.toLocaleString('en-US')} characters.` };
  return null;
};

const asDisputeOutcome = (outcome: ReportOutcome, held: DisputeRejection | null): DisputeOutcome => (held !== null ? { ok: false, rejection: held } : outcome);

/**
 * Someone disputes the decided severity: the level they think is right and why. Only a decided
 * severity can be disputed, one dispute at a time, and only for another level. Based on the stored
 * revision (a dispute is not an edit of the report's text); storage's compare-and-swap still lets
 * one of two disputes at once through.
 */
export const applyDispute = (
  current: StoredReport | null,
  dispute: { readonly level: string; readonly reason: string },
  meta: ChangeMeta,
  context: ReadinessContext & { readonly scale: readonly SeverityLevel[] },
): DisputeOutcome =>
  commitDispute(current, meta, context, (body, hold) => {
    const decided = decidedSeverityOf(body);
    if (decided === undefined) return hold({ kind: 'no-decision' });
    const open = openDisputeOf(body);
    if (open !== undefined) return hold({ kind: 'already-open', dispute: open });
    // The history keeps 50 entries; a dispute leaves room for its ruling.
    if (body.severityHistory.length >= HISTORY_MAX - 1) return { kind: 'invalid', message: 'This issue’s severity history is full (50 entries), so it takes no more disputes. Discuss the severity in a comment instead.' };
    if (!context.scale.some((level) => level.id === dispute.level)) return invalidLevel(dispute.level, 'level');
    if (dispute.level === decided.level) return hold({ kind: 'same-level', level: decided.level });
    const problem = reasonProblem(dispute.reason, 'the severity should be different');
    if (problem !== null) return problem;
    const event: SeverityEvent = { kind: 'dispute', level: dispute.level, ...recordedName(context.scale, dispute.level), by: meta.accountId, at: meta.now, reason: dispute.reason.trim() };
    return { ...body, severityHistory: [...body.severityHistory, event] };
  });

/**
 * The authority rules on the open dispute (`disputeAt` names the one they saw): keeps the decided
 * level (a `ruling` entry) or changes it (a `decision` entry marked as the ruling, so its policy is
 * applied like any decision). A dispute already ruled, or another one than they saw, is refused.
 */
export const applyRuling = (
  current: StoredReport | null,
  ruling: { readonly disputeAt: string; readonly level: string; readonly reason: string },
  meta: ChangeMeta,
  context: ReadinessContext & { readonly scale: readonly SeverityLevel[] },
): DisputeOutcome =>
  commitDispute(current, meta, context, (body, hold) => {
    const open = openDisputeOf(body);
    if (open === undefined) return hold({ kind: 'no-open-dispute', ruling: lastRulingOf(body) });
    if (open.at !== ruling.disputeAt) return hold({ kind: 'other-dispute', dispute: open });
    if (!context.scale.some((level) => level.id === ruling.level)) return invalidLevel(ruling.level, 'level');
    const problem = reasonProblem(ruling.reason, 'you rule this way');
    if (problem !== null) return problem;
    const decided = decidedSeverityOf(body);
    const kept = decided?.level === ruling.level;
    const event: SeverityEvent = {
      kind: kept ? 'ruling' : 'decision',
      level: ruling.level,
      ...recordedName(context.scale, ruling.level),
      by: meta.accountId,
      at: meta.now,
      reason: ruling.reason.trim(),
      ruling: kept ? 'kept' : 'changed',
    };
    return { ...body, severityHistory: [...body.severityHistory, event] };
  });

const HISTORY_MAX = 50;

/** Stands in for a rejection `held` carries: `asDisputeOutcome` answers `held` instead. */
const emptyRejection: ReportRejection = { kind: 'invalid', message: '' };

/**
 * A dispute or a ruling commits like any change, except that some refusals carry more than a
 * sentence (the open dispute, the last ruling): `hold` keeps such a refusal aside and stops the
 * change, and the outcome answers it instead of a report rejection.
 */
const commitDispute = (
  current: StoredReport | null,
  meta: ChangeMeta,
  context: ReadinessContext,
  change: (body: Body, hold: (rejection: DisputeRejection) => ReportRejection) => Body | ReportRejection,
): DisputeOutcome => {
  let held: DisputeRejection | null = null;
  const hold = (rejection: DisputeRejection): ReportRejection => {
    held = rejection;
    return emptyRejection;
  };
  return asDisputeOutcome(commit(current, current?.revision ?? 0, meta, context, (body) => change(body, hold)), held);
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
  decision: { readonly level: string; readonly reason: string; readonly rule?: string },
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
    const event: SeverityEvent = {
      kind: 'decision',
      level: decision.level,
      ...recordedName(context.scale, decision.level),
      by: meta.accountId,
      at: meta.now,
      ...(reason === '' ? {} : { reason }),
      ...(decision.rule === undefined ? {} : { rule: decision.rule }),
    };
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
