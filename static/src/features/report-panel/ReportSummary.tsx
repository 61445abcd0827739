import type { ReportFieldId, ReportView } from '@contract/report.contract';
import { type RefObject, useId } from 'react';

import { TRIAGE_LABELS } from '@contract/report.values';
import { decisionOf, reporterPickOf, summarizeSeverity } from '../../shared/report-view';
import { type SeverityTone, severityToneOf } from '../../shared/severity-tone';
import { type ViewerClock, formatDistance, formatWhen } from '../../shared/time';
import { FieldWarnings, describedBy } from '../../ui/FieldMessages';
import { PencilIcon } from '../../ui/icons';
import { Lozenge, type LozengeTone } from '../../ui/Lozenge';
import { describeDueTimes } from './due-times';
import { COPY, describeUpdater } from './report-copy';
import { displayValue, isEmptyValue } from './report-form';

const LOZENGE_TONES: Readonly<Record<SeverityTone, LozengeTone>> = { top: 'removed', high: 'moved', other: 'default', none: 'default' };

/** How loud a severity lozenge is: the top levels stand out, the rest stay neutral (`severity-tone.ts`). */
export const severityTone = (levelId: string | undefined, scale: ReportView['scale']): LozengeTone => LOZENGE_TONES[severityToneOf(scale.findIndex((level) => level.id === levelId))];

/** The read view: each answered field with its label, required gaps as "Missing", the severity. */
export function ReportSummary({
  view,
  canEdit,
  onEdit,
  editButtonRef,
  locale,
  timezone,
  now,
  showClassification,
}: {
  readonly view: ReportView;
  readonly canEdit: boolean;
  readonly onEdit: () => void;
  readonly editButtonRef: RefObject<HTMLButtonElement | null>;
  readonly locale: string | undefined;
  readonly timezone: string | undefined;
  readonly now: Date;
  /** While the Triage area is folded away, its classification is shown here. */
  readonly showClassification: boolean;
}) {
  const headingId = useId();
  const report = view.report;
  const viewer: ViewerClock = { locale, timeZone: timezone };

  return (
    <section className="fb-section" aria-labelledby={headingId}>
      {/* Jira shows the panel's title (manifest.yml) in the panel's own header; this one is for screen readers inside the frame. */}
      <h2 className="fb-visually-hidden" id={headingId}>
        {COPY.heading}
      </h2>
      <div className="fb-section__header">
        <div>
          <SeverityLine view={view} />
          <DueTimes view={view} now={now} viewer={viewer} />
          <AlertLine view={view} now={now} viewer={viewer} />
          {showClassification ? <ClassificationLine view={view} /> : null}
        </div>
        {canEdit ? (
          <button ref={editButtonRef} type="button" className="fb-button fb-button--subtle" aria-label="Edit report" onClick={onEdit}>
            <PencilIcon />
            Edit
          </button>
        ) : null}
      </div>
      {report === null ? (
        <div className="fb-empty">
          <p className="fb-empty__title">{COPY.emptyTitle}</p>
          {canEdit ? <p className="fb-empty__hint">{COPY.emptyHint}</p> : null}
        </div>
      ) : (
        <dl className="fb-summary">
          {view.fields.map((field) => (
            <SummaryRow key={field.id} field={field} view={view} locale={locale} />
          ))}
        </dl>
      )}
      {report === null ? null : (
        <p className="fb-meta">
          Last updated{' '}
          <time dateTime={report.updatedAt}>{formatWhen(report.updatedAt, now, viewer)}</time> ({formatDistance(report.updatedAt, now, locale)}){' '}
          by {describeUpdater(report.updatedBy, view)}
        </p>
      )}
    </section>
  );
}

function SummaryRow({ field, view, locale }: { readonly field: ReportView['fields'][number]; readonly view: ReportView; readonly locale: string | undefined }) {
  const warningId = useId();
  const value = view.report?.fields[field.id as ReportFieldId];
  const warnings = view.problems.filter((problem) => problem.field === field.id).map((problem) => problem.message);
  const empty = isEmptyValue(value);
  if (empty && field.rule !== 'required') return null;
  return (
    <div className="fb-summary__row">
      <dt className="fb-summary__label">{field.label}</dt>
      <dd className="fb-summary__value" aria-describedby={describedBy(warnings.length > 0 && warningId)}>
        {empty ? <Lozenge tone="removed">{COPY.missing}</Lozenge> : field.kind === 'links' ? <LinkList links={value as string[]} /> : <span className="fb-text">{displayValue(field.id, value, locale)}</span>}
        <FieldWarnings id={warningId} messages={warnings} />
      </dd>
    </div>
  );
}

function LinkList({ links }: { readonly links: readonly string[] }) {
  return (
    <ul className="fb-links">
      {links.map((link) => (
        <li key={link}>
          <a href={link} target="_blank" rel="noreferrer noopener">
            {link}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** "Severity: Reporter: Critical → Decided: Medium", and why the triager decided otherwise. */
export function SeverityLine({ view }: { readonly view: ReportView }) {
  const severity = summarizeSeverity(view);
  const decision = severity.decided;
  return (
    <div className="fb-severity">
      <span className="fb-severity__label">Severity</span>
      <span className="fb-severity__values">
        {severity.reporter === undefined && view.alert != null ? (
          // intake (issue 17): an alert raised it; nobody picked a severity, and none is missing.
          <Lozenge tone="default">Raised by {view.alert.sourceName}</Lozenge>
        ) : severity.reporter === undefined ? (
          <Lozenge tone="removed">Reporter: {COPY.missing}</Lozenge>
        ) : (
          <Lozenge tone={severityTone(reporterPickOf(view.report)?.level, view.scale)}>Reporter: {severity.reporter}</Lozenge>
        )}
        {decision === undefined ? null : (
          <>
            <span className="fb-severity__arrow" aria-hidden="true">
              →
            </span>
            <span className="fb-visually-hidden">, </span>
            <Lozenge tone={severityTone(decisionOf(view.report)?.level, view.scale)} bold>
              Decided: {decision}
            </Lozenge>
          </>
        )}
      </span>
      {severity.reason === undefined ? null : <p className="fb-severity__reason">“{severity.reason}”</p>}
    </div>
  );
}

/** "First response due 14:15 (in 12 min)", "Next update overdue by 20 minutes (due 14:45)": the applied policy's due times. */
function DueTimes({ view, now, viewer }: { readonly view: ReportView; readonly now: Date; readonly viewer: ViewerClock }) {
  const lines = describeDueTimes(view.dueTimes, now, viewer);
  if (lines.length === 0) return null;
  return (
    <ul className="fb-due" aria-label="Due times">
      {lines.map((line) => (
        <li key={line.id} className={`fb-due__item fb-due__item--${line.tone}`}>
          {line.tone === 'met' ? <span aria-hidden="true">✓ </span> : null}
          {line.text}
        </li>
      ))}
    </ul>
  );
}

/** intake (issue 17): "Alert fired 37 times, last at 14:02", in the viewer's zone, for an alert's incident. */
function AlertLine({ view, now, viewer }: { readonly view: ReportView; readonly now: Date; readonly viewer: ViewerClock }) {
  const alert = view.alert ?? null;
  if (alert === null) return null;
  const times = alert.occurrences === 1 ? 'once' : `${String(alert.occurrences)} times`;
  return (
    <p className="fb-alert-line" title={`Opened from the alert source “${alert.sourceName}”`}>
      Alert fired {times}
      {alert.lastSeenAt === null ? null : (
        <>
          , last at <time dateTime={alert.lastSeenAt}>{formatWhen(alert.lastSeenAt, now, viewer)}</time>
        </>
      )}
    </p>
  );
}

/** "Classified: Incident · Emergency · System problem", or that it is not classified yet. */
function ClassificationLine({ view }: { readonly view: ReportView }) {
  const classification = view.report?.classification ?? null;
  return (
    <p className="fb-classification">
      {classification === null
        ? 'Not classified yet.'
        : `Classified: ${TRIAGE_LABELS.kind[classification.kind]} · ${TRIAGE_LABELS.classOfService[classification.classOfService]} · ${TRIAGE_LABELS.level[classification.level]}`}
    </p>
  );
}
