import { CONTRIBUTING_FACTOR_LABELS, FIVE_QUESTIONS, LESSONS, type ContributingFactor, type Postmortem, type TimelineEntry } from '../../contract/postmortem.contract';
import { severityName, type NamedLevel } from '../../contract/severity-names';
import { DEFAULT_SEVERITY_SCALE } from '../../contract/severity.values';
import { actionExportNotes } from './action-triage';
import { findBlameHints, type BlameHint } from './blameless';
import { describeDuration, impactDurations } from './impact-durations';
import { blockText, inlineText, link, tableCell } from './markdown';

/** What stands between a postmortem and "published", one sentence per gap. */
export const publishBlockers = (postmortem: Postmortem): string[] => {
  const blockers: string[] = [];
  if (postmortem.summary.trim() === '') blockers.push('Write the summary.');
  if (!postmortem.timeline.some((entry) => !entry.hidden)) blockers.push('The timeline needs at least one visible entry.');
  for (const question of FIVE_QUESTIONS) {
    if ((postmortem.answers[question.id] ?? '').trim() === '') blockers.push(`Answer “${question.label}”: ${question.prompt}`);
  }
  postmortem.actions.forEach((action, index) => {
    const name = `Action ${String(index + 1)} (“${action.title}”)`;
    if (action.owner === null && action.dueDate === null) blockers.push(`${name} needs an owner and a due date.`);
    else if (action.owner === null) blockers.push(`${name} needs an owner.`);
    else if (action.dueDate === null) blockers.push(`${name} needs a due date.`);
  });
  return blockers;
};

/** Blame hints in every free-text part, labelled by where they are. */
export const blameHintsFor = (postmortem: Postmortem): Array<BlameHint & { readonly where: string }> => {
  const texts: Array<[string, string]> = [
    ['Summary', postmortem.summary],
    ['Customer impact', postmortem.customerImpact],
    ...FIVE_QUESTIONS.map((question): [string, string] => [question.label, postmortem.answers[question.id] ?? '']),
    ...postmortem.timeline.map((entry): [string, string] => [`Timeline note (${entry.at.slice(0, 16).replace('T', ' ')})`, entry.note]),
    // blame: people write manual entries, action titles and remediation titles too ("Retrain Bob, who was careless").
    ...postmortem.timeline.filter((entry) => entry.kind === 'manual').map((entry): [string, string] => [`Timeline entry (${entry.at.slice(0, 16).replace('T', ' ')})`, entry.text]),
    ...postmortem.actions.map((action, index): [string, string] => [`Action ${String(index + 1)}`, action.title]),
    ...postmortem.remediation.map((item, index): [string, string] => [`Remediation ${String(index + 1)}`, item.title]),
    // format part (issue 15): "Contributing factor 2: Bob ignored the alert" is blame too.
    ...(postmortem.contributingFactors ?? []).map((factor, index): [string, string] => [`Contributing factor ${String(index + 1)}`, factor.text]),
    ...LESSONS.map((lesson): [string, string] => [lesson.label, postmortem[lesson.id] ?? '']),
  ];
  return texts.flatMap(([where, value]) => findBlameHints(value).map((hint) => ({ ...hint, where })));
};

/** Actions whose due date has passed and whose improvement issue is not done. */
export const overdueActions = (postmortem: Postmortem, today: string, doneIssueKeys: ReadonlySet<string>): Postmortem['actions'] =>
  postmortem.actions.filter((action) => action.dueDate !== null && action.dueDate < today && !(action.issueKey !== null && doneIssueKeys.has(action.issueKey)));

const visibleTimeline = (timeline: readonly TimelineEntry[]): TimelineEntry[] => timeline.filter((entry) => !entry.hidden).sort((a, b) => a.at.localeCompare(b.at));

/**
 * fixes part (issue 15): the export reads dates in the viewer's locale, as the page does (the page
 * passes it in; the resolver context carries none), and falls back to en-GB for a tag Intl refuses.
 */
const exportLocale = (locale: string | undefined): string => {
  if (locale === undefined || locale === '') return 'en-GB';
  // Jira writes `en_US`; Intl wants `en-US`.
  const tag = locale.replace(/_/g, '-');
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0 ? tag : 'en-GB';
  } catch {
    return 'en-GB';
  }
};

const clock = (iso: string | null, timeZone: string, locale: string): string => {
  if (iso === null) return 'not recorded';
  try {
    return `${new Date(iso).toLocaleString(locale, { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })} (${inlineText(timeZone)})`;
  } catch {
    return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  }
};

/** The zone the export reads times in: the postmortem's chosen zone, or UTC when the stored name is not one Intl knows. */
const exportZone = (timeZone: string): string => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
};

/** "20 Nov 2026, 15:12" (en-GB) in `timeZone` (the zone is named once, in the column heading). */
const zonedTime = (iso: string, timeZone: string, locale: string): string => new Date(iso).toLocaleString(locale, { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** What the page shows about each action's filed issue (record part): its Jira status and the overdue flag. */
export interface ActionFacts {
  readonly actionIssues: Readonly<Record<string, { readonly status: string; readonly done: boolean; readonly missing: boolean }>>;
  readonly overdueActionIds: readonly string[];
}

const actionState = (action: Postmortem['actions'][number], facts: ActionFacts | undefined): string => {
  if (facts === undefined) return '';
  const live = action.issueKey === null ? undefined : facts.actionIssues[action.issueKey];
  const status = action.issueKey === null ? 'not filed' : live === undefined || live.missing ? 'issue not found' : live.status === '' ? 'status unknown' : live.status;
  return ` · ${inlineText(status)}${facts.overdueActionIds.includes(action.id) ? ' · **OVERDUE**' : ''}`;
};

// ── format part (issue 15) ──────────────────────────────────────────────────────────────────────

/** A filed remediation item's issue, Jira priority and live status, as the page shows them. */
const remediationIssue = (item: Postmortem['remediation'][number], facts: ActionFacts | undefined): string => {
  if (item.issueKey == null) return '';
  const live = facts?.actionIssues[item.issueKey];
  const status = live === undefined ? '' : live.missing ? ' · issue not found' : live.status === '' ? '' : ` · ${inlineText(live.status)}`;
  return ` · ${item.issueKey}${item.filedPriority === undefined ? '' : ` (Jira priority ${inlineText(item.filedPriority)})`}${status}`;
};

/** What the page, the export and the print view say while no factor is recorded. */
export const NO_FACTORS = 'No contributing factors yet.';

/** A contributing factor as one line: its kind first when the team named one, as the page shows it. */
export const describeFactor = (factor: ContributingFactor): string => (factor.category === null ? factor.text : `${CONTRIBUTING_FACTOR_LABELS[factor.category]}: ${factor.text}`);

/** Contributing factors, then what went well and where we got lucky: after the timeline, as on the page and in the print view. */
const formatSectionLines = (postmortem: Postmortem): string[] => {
  const factors = postmortem.contributingFactors ?? [];
  return [
    '## Contributing factors',
    ...(factors.length === 0 ? [`_${NO_FACTORS}_`] : factors.map((factor) => `- ${inlineText(describeFactor(factor))}`)),
    '',
    ...LESSONS.flatMap((lesson) => {
      const written = postmortem[lesson.id] ?? '';
      return [`## ${lesson.label}`, written === '' ? '_Not written yet._' : blockText(written), ''];
    }),
  ];
};

/**
 * The postmortem as Markdown, for a wiki or an email; hidden timeline entries are left out. Every
 * text a person (or Jira, for names) wrote goes through `markdown.ts`, so the export is safe to
 * paste into any renderer: it shows the text, never markup the text carried. The severity reads by
 * its name in `scale`, the scale in force for the postmortem's project (Firebreak's default when none
 * is given).
 */
export const toMarkdown = (
  postmortem: Postmortem,
  names: Readonly<Record<string, string>> = {},
  scale: readonly NamedLevel[] = DEFAULT_SEVERITY_SCALE,
  facts?: ActionFacts,
  reader: { readonly locale?: string | undefined } = {},
): string => {
  const who = (id: string | null): string => (id === null ? 'unassigned' : (names[id] ?? id));
  const { impact } = postmortem;
  const zone = exportZone(impact.timeZone);
  const locale = exportLocale(reader.locale);
  // fixes part (issue 15): each action's decision and proof, in the page's words ("someone" for a name Jira did not give).
  const notesFormat = { text: inlineText, link, when: (iso: string) => clock(iso, zone, locale) };
  const notesOf = (action: Postmortem['actions'][number]): string[] => actionExportNotes(action, (id) => names[id] ?? 'someone', notesFormat);
  const durations = impactDurations(impact);
  const lines = [
    `# ${inlineText(postmortem.title)}`,
    '',
    `Status: ${postmortem.status} · Severity: ${postmortem.severity === null ? 'not set' : inlineText(severityName(scale, postmortem.severity))} · Owner: ${inlineText(who(postmortem.owner))} · Incidents: ${postmortem.incidents.join(', ')}`,
    '',
    '> Blameless review: we look at how the system let this happen, not at who to blame.',
    '',
    '## Incident artifacts',
    ...(postmortem.artifacts.length === 0 ? ['- none'] : postmortem.artifacts.map((artifact) => `- ${link(artifact.label, artifact.url)}`)),
    '',
    '## Summary',
    postmortem.summary === '' ? '_Not written yet._' : blockText(postmortem.summary),
    '',
    '## Customer impact',
    postmortem.customerImpact === '' ? '_Not written yet._' : blockText(postmortem.customerImpact),
    '',
    `- Impact started: ${clock(impact.started, impact.timeZone, locale)}`,
    `- Detected: ${clock(impact.detected, impact.timeZone, locale)}`,
    `- Mitigated: ${clock(impact.mitigated, impact.timeZone, locale)}`,
    `- Resolved: ${clock(impact.resolved, impact.timeZone, locale)}`,
    `- Users affected: ${impact.usersAffected === null ? 'unknown' : String(impact.usersAffected)}`,
    `- Time to detect: ${describeDuration(durations.toDetect, 'detected')}`,
    `- Time to mitigate: ${describeDuration(durations.toMitigate, 'mitigated')}`,
    `- Time to resolve: ${describeDuration(durations.toResolve, 'resolved')}`,
    '',
    '## Timeline',
    `| When (${inlineText(zone)}) | Who | What |`,
    '|---|---|---|',
    ...visibleTimeline(postmortem.timeline).map((entry) => `| ${zonedTime(entry.at, zone, locale)} | ${tableCell(who(entry.who))} | ${tableCell([entry.text, entry.note].filter((part) => part !== '').join(' — '))} |`),
    '',
    ...formatSectionLines(postmortem),
    ...FIVE_QUESTIONS.flatMap((question) => {
      const answer = postmortem.answers[question.id] ?? '';
      return [`## ${question.label}`, `_${question.prompt}_`, '', answer === '' ? '_Not answered yet._' : blockText(answer), ''];
    }),
    '## Action items',
    ...(postmortem.actions.length === 0
      ? ['- none']
      : postmortem.actions.flatMap((action) => [
          `- [${action.issueKey ?? 'no issue yet'}] ${inlineText(action.title)} — ${inlineText(who(action.owner))}, due ${action.dueDate ?? 'not set'} (${FIVE_QUESTIONS.find((question) => question.id === action.question)?.label ?? action.question})${actionState(action, facts)}`,
          ...notesOf(action),
        ])),
    '',
    '## Remediation for affected customers',
    ...(postmortem.remediation.length === 0 ? ['- none'] : postmortem.remediation.map((item) => `- [${item.done ? 'x' : ' '}] ${inlineText(item.title)} — ${inlineText(who(item.owner))}, ${item.priority} priority${remediationIssue(item, facts)}`)),
    '',
  ];
  return lines.join('\n');
};
