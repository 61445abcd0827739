import type { FieldRule, ManualItem } from '../../contract/project-config.contract';
import { FIELD_ADVICE } from '../../contract/report-answers';
import { REPORT_FIELDS, type Classification, type ManualCheck, type ReportFieldId, type ReportFields } from '../../contract/report.contract';
import { describeEmptyAnswer, findPlaceholderProblems, isFieldSubstantive, type FieldProblem } from '../report/placeholders';

/** Who can make an item true: the reporter (by completing the report) or the triager. */
export type ItemOwner = 'reporter' | 'triager';

export interface ReadinessItem {
  readonly id: string;
  readonly label: string;
  readonly owner: ItemOwner;
  readonly met: boolean;
  /** Why it is not met, in a sentence; absent when met. */
  readonly detail?: string;
}

export interface Readiness {
  readonly ready: boolean;
  readonly items: readonly ReadinessItem[];
  readonly problems: readonly FieldProblem[];
}

export interface ReadinessInput {
  readonly fields: ReportFields;
  readonly rules: Readonly<Record<ReportFieldId, FieldRule>>;
  readonly reporterSeverity: string | undefined;
  readonly classification: Classification | null;
  readonly manualItems: readonly ManualItem[];
  readonly manualChecks: Readonly<Record<string, ManualCheck>>;
}

/**
 * The Definition of Ready, computed from the report. The panel's checklist, the send-back comment
 * and the workflow validator all read this one function, so what the panel says is missing is
 * exactly what blocks a transition.
 */
export const evaluateReadiness = (input: ReadinessInput): Readiness => {
  const problems = findPlaceholderProblems(input.fields);
  const items: ReadinessItem[] = [];

  for (const field of REPORT_FIELDS) {
    const rule = input.rules[field.id];
    const conditionallyRequired = field.id === 'workaroundDescription' && input.fields.workaround === 'yes' && rule !== 'hidden';
    if (rule !== 'required' && !conditionallyRequired) continue;
    const met = isFieldSubstantive(input.fields, field.id, problems);
    const problem = problems.find((candidate) => candidate.field === field.id);
    items.push({
      id: `field:${field.id}`,
      label: field.label,
      owner: 'reporter',
      met,
      ...(met ? {} : { detail: problem?.message ?? (conditionallyRequired ? `You said a workaround exists. ${FIELD_ADVICE.workaroundDescription}` : describeEmptyAnswer(field)) }),
    });
  }

  const severityPicked = input.reporterSeverity !== undefined;
  items.push({
    id: 'severity-picked',
    label: 'Severity picked by the reporter',
    owner: 'reporter',
    met: severityPicked,
    ...(severityPicked ? {} : { detail: 'Pick the severity: what response do you want from us?' }),
  });

  const classified = input.classification !== null;
  items.push({
    id: 'classified',
    label: 'Classified by the triager (level, kind, class of service)',
    owner: 'triager',
    met: classified,
    ...(classified ? {} : { detail: 'The triager has not classified the issue yet.' }),
  });

  for (const manual of input.manualItems) {
    const check = input.manualChecks[manual.id];
    const met = check?.checked === true && (!manual.needsNote || check.note.trim() !== '');
    items.push({
      id: `manual:${manual.id}`,
      label: manual.label,
      owner: 'triager',
      met,
      ...(met ? {} : { detail: check?.checked === true ? `${manual.label}: add the note this item asks for.` : `${manual.label} is not ticked yet.` }),
    });
  }

  return { ready: items.every((item) => item.met), items, problems };
};

/** What the reporter still owes: the items a send-back comment lists. */
export const missingFromReporter = (readiness: Readiness): ReadinessItem[] => readiness.items.filter((item) => item.owner === 'reporter' && !item.met);
