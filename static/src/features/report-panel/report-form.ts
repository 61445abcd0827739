/**
 * The report form as plain data: stored fields → what the inputs show, and back to the `fields`
 * object `report/save` expects. Every input holds a string; the kinds decide how it is read back.
 */
import type { ReportFieldId, ReportFields, ReportView } from '@contract/report.contract';

import { AFFECTED_USERS_MAX, judgeTextAnswer, parseUserCount } from '@contract/report-answers';
import { CHOICE_LABELS, EMPTY_REPORT_FIELDS as EMPTY_FIELDS, ENTITY_PROPERTY_MAX_CHARS as PROPERTY_MAX_CHARS, REPORT_FIELDS, fieldLabel, isChoiceField } from '@contract/report.values';
import { reporterPickOf } from '../../shared/report-view';

export type VisibleField = ReportView['fields'][number];

export interface FormDraft {
  /** One string per template field, hidden ones included (they are sent back unchanged). */
  readonly values: Readonly<Record<ReportFieldId, string>>;
  /** The reporter's severity pick as the form shows it; `null` when none is picked. */
  readonly reporterSeverity: string | null;
}

/** Same limits as `reportFieldsSchema` (short texts, the user count, the links). */
export const SHORT_TEXT_MAX = 500;
export { AFFECTED_USERS_MAX };
export const LINKS_MAX = 20;

const fieldsOf = (report: ReportView['report']): ReportFields => report?.fields ?? EMPTY_FIELDS;

function valueAsText(value: ReportFields[ReportFieldId]): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.join('\n');
  return String(value);
}

export function toDraft(report: ReportView['report']): FormDraft {
  const fields = fieldsOf(report);
  const values = Object.fromEntries(Object.entries(fields).map(([id, value]) => [id, valueAsText(value)])) as Record<ReportFieldId, string>;
  return { values, reporterSeverity: reporterPickOf(report)?.level ?? null };
}

/** One URL per line; blank lines and surrounding spaces do not count. */
export const parseLinks = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

const isWebAddress = (text: string): boolean => {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
};

export function overLimitMessage(length: number, max: number = PROPERTY_MAX_CHARS, locale?: string): string | null {
  if (length <= max) return null;
  const n = new Intl.NumberFormat(locale ?? 'en-US');
  const excess = length - max;
  return `This text is ${n.format(excess)} ${excess === 1 ? 'character' : 'characters'} longer than a Jira issue property can hold (${n.format(max)}). Shorten it, or attach long logs to the issue and mention them here.`;
}

export type FieldParse<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Reads one input back as the field's stored value, or says what to change. */
export function parseFieldValue(field: Pick<VisibleField, 'id' | 'kind'> & { readonly rule?: VisibleField['rule'] }, text: string, locale?: string): FieldParse<ReportFields[ReportFieldId]> {
  switch (field.kind) {
    case 'number':
      return parseUserCount(text, field.rule === 'required');
    case 'choice': {
      if (text === '') return { ok: true, value: null };
      const known = isChoiceField(field.id) && Object.hasOwn(CHOICE_LABELS[field.id], text);
      return known ? { ok: true, value: text as ReportFields['workaround'] } : { ok: false, message: 'Pick one of the options.' };
    }
    case 'links': {
      const links = parseLinks(text);
      if (links.length > LINKS_MAX) return { ok: false, message: `Add at most ${String(LINKS_MAX)} links; put the rest in one shared folder.` };
      const bad = links.findIndex((link) => !isWebAddress(link));
      if (bad >= 0) return { ok: false, message: `Line ${String(bad + 1)} is not a web address. Start each link with https://.` };
      return { ok: true, value: links };
    }
    case 'text': {
      if (text.length > SHORT_TEXT_MAX) return { ok: false, message: `Keep this under ${String(SHORT_TEXT_MAX)} characters; put details in a longer field.` };
      return { ok: true, value: text };
    }
    case 'long-text': {
      const tooLong = overLimitMessage(text.length, PROPERTY_MAX_CHARS, locale);
      return tooLong === null ? { ok: true, value: text } : { ok: false, message: tooLong };
    }
  }
}

/**
 * What the form says under a field while the person types: the judge's verdict on the text now in
 * the box (not the last saved version), in that field's own words. An empty box says nothing: the
 * required marker and the Definition of Ready say it is missing.
 */
export function adviceFor(field: Pick<VisibleField, 'id' | 'kind' | 'rule'>, text: string): string | null {
  if (field.kind === 'number') {
    const parsed = parseUserCount(text, field.rule === 'required');
    return parsed.ok ? null : parsed.message;
  }
  if (field.kind !== 'text' && field.kind !== 'long-text') return null;
  const definition = REPORT_FIELDS.find((candidate) => candidate.id === field.id);
  return definition === undefined ? null : judgeTextAnswer(definition, text);
}

export type SavePayload = { readonly fields: ReportFields; readonly reporterSeverity?: string };

export type DraftParse = { readonly ok: true; readonly payload: SavePayload } | { readonly ok: false; readonly errors: Readonly<Record<string, string>> };

/**
 * The draft as `report/save`'s `fields` and `reporterSeverity`. Fields the template hides for this
 * issue type keep their stored values (the payload is always the full object). The severity is sent
 * only when the person changed it: the backend keeps the current pick otherwise.
 */
export function draftToPayload(draft: FormDraft, view: Pick<ReportView, 'fields' | 'report'>, locale?: string): DraftParse {
  const fields: Record<string, unknown> = { ...fieldsOf(view.report) };
  const errors: Record<string, string> = {};
  for (const field of view.fields) {
    if (!Object.hasOwn(draft.values, field.id)) continue;
    const parsed = parseFieldValue(field, draft.values[field.id as ReportFieldId], locale);
    if (parsed.ok) fields[field.id] = parsed.value;
    else errors[field.id] = parsed.message;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const complete = fields as ReportFields;
  const size = JSON.stringify(complete).length;
  if (size > PROPERTY_MAX_CHARS) {
    const longest = longestVisibleField(complete, view.fields);
    const n = new Intl.NumberFormat(locale ?? 'en-US');
    return {
      ok: false,
      errors: {
        [longest]: `Together the answers are ${n.format(size - PROPERTY_MAX_CHARS)} characters longer than a Jira issue property can hold (${n.format(PROPERTY_MAX_CHARS)}). Shorten this field, or attach long logs to the issue.`,
      },
    };
  }
  const unchanged = draft.reporterSeverity === (reporterPickOf(view.report)?.level ?? null);
  return { ok: true, payload: unchanged || draft.reporterSeverity === null ? { fields: complete } : { fields: complete, reporterSeverity: draft.reporterSeverity } };
}

const longestVisibleField = (fields: ReportFields, visible: readonly VisibleField[]): string => {
  let best = visible[0]?.id ?? 'stepsToReproduce';
  let bestSize = -1;
  for (const field of visible) {
    const size = JSON.stringify(fields[field.id as ReportFieldId] ?? '').length;
    if (size > bestSize) [best, bestSize] = [field.id, size];
  }
  return best;
};

/**
 * The form control a backend field path points at: `fields.actualResult` and `fields.links.3` → the
 * field, `reporterSeverity` → the severity picker. Anything else gets a banner.
 */
export function formFieldOf(path: string | undefined, visible: readonly Pick<VisibleField, 'id'>[]): string | undefined {
  if (path === undefined) return undefined;
  if (path === 'reporterSeverity') return path;
  const [head, id] = path.split('.');
  return head === 'fields' && id !== undefined && visible.some((field) => field.id === id) ? id : undefined;
}

/** What the person typed, as plain text they can copy when it could not be saved. */
export function draftAsText(draft: FormDraft, visible: readonly Pick<VisibleField, 'id'>[]): string {
  return visible
    .map((field) => [fieldLabel(field.id), draft.values[field.id as ReportFieldId].trim()] as const)
    .filter(([, value]) => value !== '')
    .map(([label, value]) => `${label}:\n${value}`)
    .join('\n\n');
}

/** Whether a field is empty in the stored report (the summary then says "Missing" if required). */
export function isEmptyValue(value: ReportFields[ReportFieldId] | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'string') return value.trim() === '';
  return false;
}

/** How a stored value reads in the summary; choices by their label. */
export function displayValue(id: string, value: ReportFields[ReportFieldId] | undefined, locale?: string): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join('\n');
  if (typeof value === 'number') return new Intl.NumberFormat(locale ?? 'en-US').format(value);
  if (isChoiceField(id)) return (CHOICE_LABELS[id] as Readonly<Record<string, string>>)[value] ?? value;
  return value;
}
