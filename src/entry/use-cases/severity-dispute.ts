/**
 * disputes (issue 16 part 4): severity disputes with a final say. The reporter, or anyone who may
 * comment on the issue, disputes the decided severity (the app's record) with a reason and the level
 * they think is right; the project's authority (project settings, "Who has the final say") rules:
 * keeps the level or changes it, with a reason. A change goes the way a triager's decision goes (the
 * decision's policy applied as a recorded plan: priority, label, due times, the policy comment); the
 * ruling joins the severity history and the disputer is told through Jira, once.
 */
import { randomUUID } from 'node:crypto';

import { disputeTimeBoxOf } from '../../contract/policy.contract';
import { DEFAULT_DISPUTE_AUTHORITY, describeDisputeAuthority, type DisputeAuthority, type ProjectConfig } from '../../contract/project-config.contract';
import type { ActionOutcome, ReportView, SeverityEvent, StoredReport } from '../../contract/report.contract';
import type { DisputeResult, DisputeView } from '../../contract/severity-dispute.contract';
import { severityName } from '../../contract/severity-names';
import { applyDispute, applyRuling, decidedSeverityOf, lastRulingOf, openDisputeOf, type DisputeOutcome, type DisputeRejection } from '../../domain/report/report';
import { notifyPeople } from '../../jira/action-issue-extras';
import { listGroupMembers } from '../../jira/groups';
import { getIssueBasics, getIssueStatuses, type IssueBasics } from '../../jira/issues';
import { isJiraError } from '../../jira/jira-error';
import type { JiraClients, JiraTransport } from '../../jira/jira-transport';
import { getMyIssuePermissions } from '../../jira/permissions';
import { findTriagerMembership, getRoleActors, getProjectRoles, unlessRefused } from '../../jira/roles';
import { getDisplayNames } from '../../jira/users';
import { newPlanWrite, readPlan, type ActionPlan } from '../../storage/action-plan.store';
import type { VersionedWrite } from '../../storage/compare-and-swap';
import { claimOnce, releaseClaim } from '../../storage/once.store';
import { disputeWrite, readDispute, saveDispute, type StoredDispute, type VersionedDispute } from '../../storage/severity-dispute.store';
import { Refusal } from '../refusal';
import { buildReportView, issueRefOf, rejectionRefusal, storeReport } from '../resolvers/report-context';
import type { HandlerContext } from '../resolvers/resolver-definition';
import { carryOutDecisionPolicy } from './decide-severity';
import { loadIssueState, type IssueState } from './issue-state';
import { settledOutcome } from './plans/plan-steps';

interface DisputeContext extends IssueState {
  readonly issue: IssueBasics;
  readonly report: StoredReport | null;
  readonly authority: DisputeAuthority;
}

const load = async (handler: Pick<HandlerContext, 'jira'>, issueKey: string): Promise<DisputeContext> => {
  const issue = await getIssueBasics(handler.jira.asUser, issueKey);
  const state = await loadIssueState({ id: issue.id, key: issue.key, projectKey: issue.projectKey, issueType: issue.issueType }, { legacyReader: handler.jira.asApp, onDamaged: 'refuse' });
  return { ...state, issue, report: state.stored?.report ?? null, authority: authorityOf(state.config) };
};

export const authorityOf = (config: Pick<ProjectConfig, 'disputeAuthority'>): DisputeAuthority => config.disputeAuthority ?? DEFAULT_DISPUTE_AUTHORITY;

// ── Who may ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Whether `accountId` (the invoking user, from the invocation context) has the final say. The
 * group's members and the role's holders are read as the app: Jira shows them to admins only, and
 * the question is only about this one person, who already passed the resolver's check on the issue.
 */
export const holdsAuthority = async (jira: JiraClients, projectKey: string, authority: DisputeAuthority, accountId: string): Promise<boolean> => {
  switch (authority.kind) {
    case 'person':
      return authority.accountId === accountId;
    case 'group':
      return ((await unlessRefused(listGroupMembers(jira.asApp, authority.groupName))) ?? []).some((member) => member.accountId === accountId);
    case 'role':
      return (await findTriagerMembership(jira, projectKey, { roles: [authority.roleName], groups: [] })).triager;
  }
};

/** The authority in words, with a person named as the viewer may see them. */
const authorityWords = async (jira: JiraClients, authority: DisputeAuthority): Promise<string> => {
  if (authority.kind !== 'person') return describeDisputeAuthority(authority, undefined);
  return describeDisputeAuthority(authority, (await namesOf(jira.asUser, [authority.accountId])).get(authority.accountId));
};

/** The people to remind of an overdue ruling, as the app: the person, the group's members, the role's holders (in person or through a group). At most 50. */
export const authorityPeople = async (asApp: JiraTransport, projectKey: string, authority: DisputeAuthority): Promise<string[]> => {
  switch (authority.kind) {
    case 'person':
      return [authority.accountId];
    case 'group':
      return ((await unlessRefused(listGroupMembers(asApp, authority.groupName))) ?? []).map((member) => member.accountId).slice(0, 50);
    case 'role': {
      const role = ((await unlessRefused(getProjectRoles(asApp, projectKey))) ?? []).find((candidate) => candidate.name === authority.roleName);
      const actors = role === undefined ? null : await unlessRefused(getRoleActors(asApp, projectKey, role.id));
      if (actors === null) return [];
      const viaGroups = await Promise.all(actors.groups.map(async (group) => ((await unlessRefused(listGroupMembers(asApp, group))) ?? []).map((member) => member.accountId)));
      return [...new Set([...actors.accountIds, ...viaGroups.flat()])].slice(0, 50);
    }
  }
};

const namesOf = async (jira: JiraTransport, accountIds: readonly string[]): Promise<ReadonlyMap<string, string>> => {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return new Map();
  try {
    return await getDisplayNames(jira, ids);
  } catch (error) {
    if (isJiraError(error)) return new Map();
    throw error;
  }
};

const isResolved = async (jira: JiraTransport, issueKey: string): Promise<boolean> => (await getIssueStatuses(jira, [issueKey])).get(issueKey)?.done ?? false;

/** Who may dispute: the reporter, or anyone with Add comments on the issue (asked as the user). */
const mayDispute = async (handler: HandlerContext, issue: IssueBasics): Promise<boolean> =>
  issue.reporter?.accountId === handler.access.accountId || (await getMyIssuePermissions(handler.jira.asUser, issue.key, ['ADD_COMMENTS'])).has('ADD_COMMENTS');

// ── Reading ─────────────────────────────────────────────────────────────────────────────────────

const levelRef = (context: DisputeContext, event: SeverityEvent) => ({ id: event.level, name: severityName(context.readiness.scale, event.level, event.levelName) });

const utc = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

const dueAtOf = (context: DisputeContext, dispute: SeverityEvent, decidedLevel: string): string => {
  const index = context.policy.levels.findIndex((level) => level.id === decidedLevel);
  const minutes = disputeTimeBoxOf(context.policy.levels[index] ?? {}, Math.max(index, 0));
  return new Date(Date.parse(dispute.at) + minutes * 60_000).toISOString();
};

const decidedBefore = (report: StoredReport | null, event: SeverityEvent): SeverityEvent | undefined =>
  decidedSeverityOf(report === null ? null : { severityHistory: report.severityHistory.slice(0, report.severityHistory.indexOf(event)) });

const buildDisputeView = async (handler: HandlerContext, context: DisputeContext, stored: VersionedDispute | null): Promise<DisputeView> => {
  const { report, issue } = context;
  const decided = decidedSeverityOf(report);
  const open = openDisputeOf(report);
  const ruling = lastRulingOf(report);
  const disputed = report?.severityHistory.findLast((event) => event.kind === 'dispute');
  const [canRule, permitted, resolved] = await Promise.all([
    holdsAuthority(handler.jira, issue.projectKey, context.authority, handler.access.accountId),
    mayDispute(handler, issue),
    decided === undefined || open !== undefined ? Promise.resolve(false) : isResolved(handler.jira.asUser, issue.key),
  ]);
  const names = await namesOf(handler.jira.asUser, [open?.by, ruling?.by, disputed?.by].filter((id): id is string => id !== undefined));
  const nameOf = (accountId: string) => (accountId === handler.access.accountId ? 'You' : (names.get(accountId) ?? 'Someone Jira does not show you'));
  const whyNot =
    decided === undefined
      ? 'No severity is decided yet: there is nothing to dispute.'
      : open !== undefined
        ? null
        : resolved
          ? `${issue.key} is resolved: its severity can no longer be disputed.`
          : permitted
            ? null
            : `Only the reporter and people who may comment on ${issue.key} can dispute its severity. Ask a project admin for the Add comments permission.`;
  return {
    authority: await authorityWords(handler.jira, context.authority),
    decided: decided === undefined ? null : levelRef(context, decided),
    canDispute: open === undefined && whyNot === null,
    whyNotDispute: open === undefined ? whyNot : null,
    canRule,
    open:
      open === undefined
        ? null
        : { at: open.at, by: open.by, byName: nameOf(open.by), level: levelRef(context, open), reason: open.reason ?? '', dueAt: stored?.dispute.disputeAt === open.at ? stored.dispute.dueAt : dueAtOf(context, open, decidedBefore(report, open)?.level ?? ''), remindedAt: stored?.dispute.disputeAt === open.at ? (stored.dispute.remindedAt ?? null) : null },
    lastRuling:
      ruling === undefined || disputed === undefined
        ? null
        : { at: ruling.at, by: ruling.by, byName: nameOf(ruling.by), outcome: ruling.ruling ?? 'kept', level: levelRef(context, ruling), reason: ruling.reason ?? '', disputedBy: disputed.by, disputedByName: nameOf(disputed.by) },
  };
};

export const readDisputeView = async (handler: HandlerContext, issueKey: string): Promise<DisputeView> => {
  const context = await load(handler, issueKey);
  return buildDisputeView(handler, context, await readDispute(context.issue.id));
};

const resultOf = async (handler: HandlerContext, issueKey: string, outcome: ActionOutcome): Promise<DisputeResult> => {
  const context = await load(handler, issueKey);
  const report: ReportView = await buildReportView({ issue: context.issue, config: context.config, readiness: context.readiness, report: context.report }, handler);
  return { dispute: await buildDisputeView(handler, context, await readDispute(context.issue.id)), report: { ...report, outcome }, outcome };
};

// ── Disputing ───────────────────────────────────────────────────────────────────────────────────

export interface DisputeRequest {
  readonly issueKey: string;
  readonly level: string;
  readonly reason: string;
}

/**
 * Records a dispute: who may (the reporter, or Add comments), what (a decided severity of an open
 * issue, another level, a reason), one at a time. A second click of the same dispute answers the
 * first; a dispute while someone else's is open is refused, naming who disputed and when.
 */
export const openSeverityDispute = async (handler: HandlerContext, request: DisputeRequest): Promise<DisputeResult> => {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const context = await load(handler, request.issueKey);
    const { issue } = context;
    const open = openDisputeOf(context.report);
    if (open !== undefined && isSameDispute(open, request, handler.access.accountId)) return resultOf(handler, issue.key, disputeRecorded(context, await authorityWords(handler.jira, context.authority), open, 'info'));
    if (!(await mayDispute(handler, issue))) throw new Refusal('FORBIDDEN', `Only the reporter and people who may comment on ${issue.key} can dispute its severity. Ask a project admin for the Add comments permission.`);
    if (decidedSeverityOf(context.report) !== undefined && open === undefined && (await isResolved(handler.jira.asUser, issue.key)))
      throw new Refusal('INVALID_INPUT', `${issue.key} is resolved: its severity can no longer be disputed.`);
    const meta = { accountId: handler.access.accountId, now: handler.now().toISOString() };
    const outcome = applyDispute(context.report, { level: request.level, reason: request.reason }, meta, context.readiness);
    if (!outcome.ok) throw await disputeRefusal(handler, context, outcome);
    const dispute = outcome.report.severityHistory.at(-1);
    const decided = decidedSeverityOf(context.report);
    if (dispute === undefined || decided === undefined) throw new Error('A recorded dispute is the last entry of the history.');
    const stored = await readDispute(issue.id);
    const row: StoredDispute = { disputeAt: dispute.at, disputedBy: dispute.by, dueAt: dueAtOf(context, dispute, decided.level), status: 'open' };
    const saved = await storeReport(handler.jira.asUser, issue, outcome.report, context.report?.revision ?? 0, [disputeWrite(issueRefOf(issue), row, stored?.version ?? 0)]);
    // Someone changed the report meanwhile (often: the same dispute from a second click): look again.
    if (saved === 'conflict') continue;
    return resultOf(handler, issue.key, disputeRecorded(context, await authorityWords(handler.jira, context.authority), dispute, 'success', row.dueAt));
  }
  throw new Refusal('CONFLICT', 'The report changed while your dispute was being recorded. Reload the panel and dispute again if it still stands.');
};

const isSameDispute = (open: SeverityEvent, request: DisputeRequest, accountId: string): boolean => open.by === accountId && open.level === request.level && (open.reason ?? '') === request.reason.trim();

const disputeRecorded = (context: DisputeContext, authority: string, dispute: SeverityEvent, tone: 'success' | 'info', dueAt?: string): ActionOutcome => ({
  tone,
  message: `${tone === 'info' ? 'Your dispute is already recorded' : 'Dispute recorded'}: you think ${context.issue.key} is ${severityName(context.readiness.scale, dispute.level, dispute.levelName)}. ${capitalise(authority)} ${context.authority.kind === 'person' ? 'has' : 'have'} the final say${dueAt === undefined ? '' : ` and should rule by ${utc(dueAt)}`}.`,
});

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const disputeRefusal = async (handler: HandlerContext, context: DisputeContext, outcome: Extract<DisputeOutcome, { ok: false }>): Promise<Refusal> => {
  const rejection: DisputeRejection = outcome.rejection;
  const scale = context.readiness.scale;
  const nameOf = async (accountId: string) => (accountId === handler.access.accountId ? 'you' : ((await namesOf(handler.jira.asUser, [accountId])).get(accountId) ?? 'someone Jira does not show you'));
  switch (rejection.kind) {
    case 'no-decision':
      return new Refusal('INVALID_INPUT', `No severity is decided for ${context.issue.key} yet, so there is nothing to dispute. A triager decides first; until then, change your pick in the report.`);
    case 'already-open':
      return new Refusal(
        'CONFLICT',
        `${capitalise(await nameOf(rejection.dispute.by))} already disputed this severity (${utc(rejection.dispute.at)}), thinking it is ${severityName(scale, rejection.dispute.level, rejection.dispute.levelName)}. One dispute at a time: wait for the ruling.`,
      );
    case 'same-level':
      return new Refusal('INVALID_INPUT', `${severityName(scale, rejection.level)} is already the decided severity. Choose the level you think is right.`, 'level');
    case 'no-open-dispute':
      return rejection.ruling === undefined
        ? new Refusal('INVALID_INPUT', `${context.issue.key} has no open severity dispute to rule on.`)
        : new Refusal('CONFLICT', `${capitalise(await nameOf(rejection.ruling.by))} already ruled on this dispute (${utc(rejection.ruling.at)}): ${rulingWords(scale, rejection.ruling)}.`);
    case 'other-dispute':
      return new Refusal('CONFLICT', `The dispute you saw was settled and ${await nameOf(rejection.dispute.by)} opened another (${utc(rejection.dispute.at)}). Reload the panel to see it.`);
    default:
      return rejectionRefusal({ ok: false, rejection });
  }
};

/** "Dispute ruled by Sam Okafor: Critical kept, because …" / "… Critical changed to Major, because …". */
const rulingSentence = async (handler: HandlerContext, context: DisputeContext, ruling: SeverityEvent): Promise<string> => {
  const scale = context.readiness.scale;
  const before = decidedSeverityOf(context.report);
  const who = (await namesOf(handler.jira.asUser, [ruling.by])).get(ruling.by) ?? 'the project’s authority';
  const was = before === undefined ? '' : severityName(scale, before.level, before.levelName);
  const now = severityName(scale, ruling.level, ruling.levelName);
  return `Dispute ruled by ${who}: ${ruling.ruling === 'changed' ? `${was} changed to ${now}` : `${now} kept`}, because: ${ruling.reason ?? ''}`;
};

const rulingWords = (scale: DisputeContext['readiness']['scale'], ruling: SeverityEvent): string =>
  `${severityName(scale, ruling.level, ruling.levelName)} ${ruling.ruling === 'changed' ? 'decided instead' : 'kept'}`;

// ── Ruling ──────────────────────────────────────────────────────────────────────────────────────

export interface RulingRequest {
  readonly issueKey: string;
  readonly disputeAt: string;
  readonly level: string;
  readonly reason: string;
  readonly actionId: string | undefined;
}

/**
 * The authority's ruling, checked server side against the project's setting after the caller's
 * identity was taken from the invocation context. Stored compare-and-swap together with the dispute
 * row (and, for a change, the decision's policy plan), so of two rulings at once one lands and the
 * other is told who ruled. Then the changed level's policy is applied and the disputer told.
 */
export const ruleOnSeverityDispute = async (handler: HandlerContext, request: RulingRequest): Promise<DisputeResult> => {
  const first = await load(handler, request.issueKey);
  if (!(await holdsAuthority(handler.jira, first.issue.projectKey, first.authority, handler.access.accountId))) {
    throw new Refusal('FORBIDDEN', `Only ${await authorityWords(handler.jira, first.authority)} can rule on severity disputes in ${first.issue.projectKey} (project settings, “Who has the final say on severity disputes”).`);
  }
  const planId = `apply-policy:${first.issue.id}:${request.actionId ?? randomUUID()}`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const context = attempt === 0 ? first : await load(handler, request.issueKey);
    const { issue } = context;
    const earlier = lastRulingOf(context.report);
    // The same ruling again (a second click, a retried request): answer how it went.
    if (openDisputeOf(context.report) === undefined && earlier?.by === handler.access.accountId && earlier.level === request.level && (earlier.reason ?? '') === request.reason.trim()) {
      return afterRuling(handler, context, earlier, planId, 'info');
    }
    const meta = { accountId: handler.access.accountId, now: handler.now().toISOString() };
    const outcome = applyRuling(context.report, { disputeAt: request.disputeAt, level: request.level, reason: request.reason }, meta, context.readiness);
    if (!outcome.ok) throw await disputeRefusal(handler, context, outcome);
    const ruling = outcome.report.severityHistory.at(-1);
    if (ruling === undefined) throw new Error('A recorded ruling is the last entry of the history.');
    const stored = await readDispute(issue.id);
    const row: StoredDispute = {
      ...(stored?.dispute.disputeAt === request.disputeAt ? stored.dispute : { disputeAt: request.disputeAt, disputedBy: openDisputeOf(context.report)?.by ?? '', dueAt: request.disputeAt }),
      status: 'ruled',
      ruledBy: ruling.by,
      ruledAt: ruling.at,
      outcome: ruling.ruling ?? 'kept',
      level: ruling.level,
      notice: (await rulingSentence(handler, context, ruling)).slice(0, 1_500),
    };
    const also: VersionedWrite[] = [disputeWrite(issueRefOf(issue), row, stored?.version ?? 0)];
    if (ruling.kind === 'decision') {
      const plan: ActionPlan = { schemaVersion: 1, id: planId, issue: issueRefOf(issue), requestedBy: meta.accountId, createdAt: meta.now, params: { kind: 'apply-policy', level: ruling.level, decisionAt: meta.now } };
      also.push(newPlanWrite(plan));
    }
    if ((await storeReport(handler.jira.asUser, issue, outcome.report, context.report?.revision ?? 0, also)) === 'conflict') continue;
    return afterRuling(handler, { ...context, report: outcome.report }, ruling, planId, 'success');
  }
  throw new Refusal('CONFLICT', 'The report changed while your ruling was being recorded. Reload the panel to see who changed it.');
};

/** Applies a changed level's policy (the decision's plan) and tells the disputer; says what was done and what not. */
const afterRuling = async (handler: HandlerContext, context: DisputeContext, ruling: SeverityEvent, planId: string, tone: 'success' | 'info'): Promise<DisputeResult> => {
  const { issue } = context;
  const sentences = [`${tone === 'info' ? 'Already ruled' : 'Ruling recorded'}: ${rulingWords(context.readiness.scale, ruling)}.`];
  let warning = false;
  if (ruling.kind === 'decision') {
    const plan = await readPlan(planId);
    if (plan !== null) {
      // The authority writes priority and label as themselves when Jira lets them edit the issue; otherwise the app does, in the policy's voice.
      const fields = handler.access.granted.has('EDIT_ISSUES') ? handler.jira.asUser : handler.jira.asApp;
      const applied = plan.status === 'running' ? await carryOutDecisionPolicy({ fields, asApp: handler.jira.asApp }, plan, handler.now()) : settledOutcome(plan);
      sentences.push(applied.message);
      warning ||= applied.tone === 'warning';
    }
  }
  const told = await tellDisputer(handler.jira.asApp, issue.id, issue.key, handler.now());
  if (told === 'failed') {
    warning = true;
    sentences.push('Telling the person who disputed it did not go through; Firebreak tries again within a few minutes.');
  } else sentences.push('The person who disputed it is told through Jira.');
  return resultOf(handler, issue.key, { tone: warning ? 'warning' : tone, message: sentences.join(' ') });
};

// ── Telling people ──────────────────────────────────────────────────────────────────────────────

/**
 * Tells the disputer of the ruling, once per dispute however often it is asked (a double click, a
 * retry, the scheduled run): a KVS claim guards the email, and the dispute row records it was sent.
 * Through Jira's own notification (`POST issue/{key}/notify`, as the app), so Jira's mail settings
 * and the recipient's access to the issue apply.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-notify-post
 */
export const tellDisputer = async (asApp: JiraTransport, issueId: string, issueKey: string, now: Date): Promise<'sent' | 'nothing-to-tell' | 'failed'> => {
  const stored = await readDispute(issueId);
  const dispute = stored?.dispute;
  if (stored === null || dispute === undefined || dispute.status !== 'ruled' || dispute.noticeSentAt !== undefined) return 'nothing-to-tell';
  const claim = `dispute-notice:${issueId}:${dispute.disputeAt}`;
  if (!(await claimOnce(claim, now))) return 'nothing-to-tell';
  try {
    await notifyPeople(asApp, issueKey, {
      accountIds: [dispute.disputedBy],
      subject: `${issueKey}: your severity dispute was ruled on`,
      textBody: `${dispute.notice ?? 'Your severity dispute was ruled on.'}\n\nThe whole story is in the issue's Production report, under Severity history.`,
    });
  } catch (error) {
    await releaseClaim(claim);
    if (isJiraError(error) || error instanceof Error) {
      console.error(`${issueKey}: telling the disputer of the ruling failed (${error.message}); the scheduled run tries again`);
      return 'failed';
    }
    throw error;
  }
  await updateDispute(issueId, issueKey, dispute.disputeAt, (current) => ({ ...current, noticeSentAt: now.toISOString() }));
  return 'sent';
};

/** Changes the stored dispute compare-and-swap, only while it is still the one named by `disputeAt`. */
export const updateDispute = async (issueId: string, issueKey: string, disputeAt: string, change: (dispute: StoredDispute) => StoredDispute): Promise<void> => {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const stored = await readDispute(issueId);
    if (stored === null || stored.dispute.disputeAt !== disputeAt) return;
    if ((await saveDispute({ id: issueId, key: issueKey, projectKey: issueKey.slice(0, issueKey.lastIndexOf('-')) }, change(stored.dispute), stored.version)) === 'saved') return;
  }
};
