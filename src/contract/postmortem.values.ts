/**
 * The postmortem's values, free of zod so the UI can import them at run time (the schemas in
 * `postmortem.contract.ts` are built from them).
 */

export const POSTMORTEM_STATUSES = ['draft', 'in-review', 'published'] as const;
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];

/** The five questions, in the order a review walks through them. */
export const FIVE_QUESTIONS = [
  { id: 'detect', label: 'Detect', prompt: 'How do we detect this, or a problem like it, sooner?' },
  { id: 'react', label: 'React', prompt: 'How do we improve our reaction?' },
  { id: 'quickFix', label: 'Quick fix', prompt: 'How do we stop the bleeding faster?' },
  { id: 'prevent', label: 'Prevent', prompt: 'How do we prevent it, or reduce its impact?' },
  { id: 'otherRisks', label: 'Other areas of risk', prompt: 'Where else does the same weakness exist?' },
] as const;
export type QuestionId = (typeof FIVE_QUESTIONS)[number]['id'];
export const QUESTION_IDS = FIVE_QUESTIONS.map((question) => question.id) as [QuestionId, ...QuestionId[]];

/**
 * `log` (log part, issue 16): an entry of the incident's live log, written by a person during the incident.
 * `update` (updates part, issue 16): a stakeholder update (or "Nothing new", or the closing update) Jira sent.
 */
export const TIMELINE_KINDS = ['created', 'status', 'severity', 'assignee', 'comment', 'worklog', 'link', 'manual', 'log', 'update'] as const;

export const REMEDIATION_PRIORITIES = ['high', 'medium', 'low'] as const;

/** The limits of `postmortemSchema`, which the editor also checks before sending. */
export const POSTMORTEM_LIMITS = {
  title: 255,
  longText: 10_000,
  entryText: 2_000,
  artifacts: 30,
  actions: 100,
  remediation: 100,
  usersAffected: 1_000_000_000,
  // actions part (issue 15)
  triageReason: 500,
  verification: 2_000,
  // format part (issue 15)
  contributingFactors: 50,
  factorText: 1_000,
} as const;

/** Action and remediation ids, as `createActionIssuePayloadSchema` accepts them. */
export const ITEM_ID_PATTERN = /^[a-z0-9-]{1,40}$/;

// ── Review (issue 15, part "review") ──

export const REVIEW_LIMITS = { reviewers: 10, history: 200 } as const;

/** What a version-history line records. */
export const HISTORY_EVENTS = ['created', 'saved', 'status', 'reviewers', 'approved', 'approvals-cleared', 'published', 'revision-opened'] as const;
export type HistoryEvent = (typeof HISTORY_EVENTS)[number];

/** The sections a save can change, as the version history names them. */
export const SECTION_LABELS = {
  title: 'Title',
  severity: 'Severity',
  owner: 'Owner',
  incidents: 'Incidents',
  artifacts: 'Artifacts',
  summary: 'Summary',
  customerImpact: 'Customer impact',
  impact: 'Impact times',
  timeline: 'Timeline',
  answers: 'Five questions',
  actions: 'Actions',
  remediation: 'Remediation',
  // format part (issue 15), in page order after the timeline
  contributingFactors: 'Contributing factors',
  wentWell: 'What went well',
  gotLucky: 'Where we got lucky',
} as const;
export type SectionKey = keyof typeof SECTION_LABELS;

// ── actions part (issue 15) ────────────────────────────────────────────────────────────────────
/** What the team decided about a proposed action; only accepted ones are filed as issues. */
export const ACTION_TRIAGE_DECISIONS = ['accepted', 'deferred', 'rejected'] as const;
export type ActionTriageDecision = (typeof ACTION_TRIAGE_DECISIONS)[number];

/** Jira's URL segment for each project type (`/jira/software/projects/SHOP/…`). */
const PROJECT_TYPE_SEGMENTS: Readonly<Record<string, string>> = { software: 'software', business: 'core', service_desk: 'servicedesk' };

/**
 * The postmortem's address on the site, after its base URL: Jira's project page URL for the app with
 * the page's route after it (as `static/src/shared/postmortem-links.ts` navigates). Used for the
 * link back from a filed action issue.
 * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-project-page/
 */
export const postmortemPagePath = (page: { readonly projectType: string | undefined; readonly projectKey: string; readonly appId: string; readonly environmentId: string }, id: string): string =>
  `/jira/${PROJECT_TYPE_SEGMENTS[page.projectType ?? 'software'] ?? 'software'}/projects/${encodeURIComponent(page.projectKey)}/apps/${encodeURIComponent(page.appId)}/${encodeURIComponent(page.environmentId)}/postmortem/${encodeURIComponent(id)}`;

// ── format part (issue 15): contributing factors, what went well, where we got lucky ─────────────
/**
 * What kind of condition a contributing factor was. Optional: the text is what matters, the kind
 * lets a team see which factors recur across postmortems. The kinds are those incident-review
 * templates commonly group by (a change that triggered it, monitoring that did not catch it, a
 * process, tooling, communication during the response, a dependency outside the team).
 * @see https://sre.google/sre-book/example-postmortem/ (root causes and trigger, lessons learned)
 * @see https://docs.firehydrant.com/docs/incident-followup (contributing factors in a retrospective)
 */
export const CONTRIBUTING_FACTOR_CATEGORIES = ['change', 'monitoring', 'process', 'tooling', 'communication', 'dependency'] as const;
export type ContributingFactorCategory = (typeof CONTRIBUTING_FACTOR_CATEGORIES)[number];
export const CONTRIBUTING_FACTOR_LABELS: Readonly<Record<ContributingFactorCategory, string>> = {
  change: 'Change or deploy',
  monitoring: 'Monitoring and alerting',
  process: 'Process',
  tooling: 'Tooling',
  communication: 'Communication',
  dependency: 'Dependency',
};

/** The lessons-learned texts, in the order the page, the export and the print view show them. */
export const LESSONS = [
  { id: 'wentWell', label: 'What went well', prompt: 'What helped: detection, tools, people, runbooks that worked.' },
  { id: 'gotLucky', label: 'Where we got lucky', prompt: 'What limited the damage by chance rather than by design.' },
] as const;
export type LessonId = (typeof LESSONS)[number]['id'];

/** The label a remediation item's Jira issue carries, so remediation stays apart from actions (their backlog label) and from troubleshooting. */
export const REMEDIATION_LABEL = 'firebreak-remediation';
