import type { AssignOnCallResult, OnCallView } from '../../contract/on-call.contract';
import type { ProjectConfig } from '../../contract/project-config.contract';
import { onCallStretchAt, type SprintWindow } from '../../domain/config/on-call';
import { isProductionIssueType } from '../../domain/config/project-config';
import { listSprints } from '../../jira/agile';
import { assignIssue, getIssueBasics, type IssueBasics } from '../../jira/issues';
import { isJiraError } from '../../jira/jira-error';
import { getMyIssuePermissions } from '../../jira/permissions';
import { getDisplayNames } from '../../jira/users';
import { claimOnce, readClaim, releaseClaim } from '../../storage/once.store';
import { readProjectConfig } from '../../storage/project-config.store';
import { refuse } from '../refusal';
import type { HandlerContext } from '../resolvers/resolver-definition';
import { triageVerdictFor } from './triager-check';

type Rotation = NonNullable<ProjectConfig['onCall']>;

interface OnCallNow {
  readonly config: ProjectConfig | null;
  readonly rotation: Rotation | null;
  readonly onCall: { readonly accountId: string; readonly until: string | null } | null;
  readonly nobodyReason: string | null;
}

/**
 * Who is on call in the issue's project now, computed here from the stored rotation (never taken
 * from the client). A sprint rotation reads its board's sprints as the viewer: someone who may not
 * see that board learns that, rather than a guess.
 */
async function onCallNow(issue: IssueBasics, handler: HandlerContext): Promise<OnCallNow> {
  const config = (await readProjectConfig(issue.projectKey))?.config ?? null;
  const rotation = config?.onCall ?? null;
  if (rotation === null || rotation.people.length === 0 || config === null || !isProductionIssueType(config, issue.issueType)) return { config, rotation: null, onCall: null, nobodyReason: null };
  let sprints: SprintWindow[] = [];
  if (rotation.shift.length === 'sprint') {
    try {
      sprints = (await listSprints(handler.jira.asUser, rotation.shift.boardId)).flatMap((sprint) => (sprint.startDate === undefined ? [] : [{ start: sprint.startDate, end: sprint.endDate ?? sprint.startDate }]));
    } catch (error) {
      if (!isJiraError(error) || (error.kind !== 'not-found' && error.kind !== 'forbidden')) throw error;
      return { config, rotation, onCall: null, nobodyReason: `The rotation follows the sprints of a board you cannot see, so Firebreak cannot tell you who is on call; ask a project admin.` };
    }
  }
  const onCall = onCallStretchAt(rotation, handler.now().toISOString(), sprints);
  return { config, rotation, onCall, nobodyReason: onCall === null ? 'Nobody is on call yet: the rotation starts later (see the project’s Firebreak settings).' : null };
}

const nameOf = (names: ReadonlyMap<string, string>, accountId: string): string => names.get(accountId) ?? 'a person Jira does not show you';

/** Whether the viewer may hand the issue to the on-call person: a triager here, with Jira's Assign issues. */
async function mayAssign(issue: IssueBasics, config: ProjectConfig | null, handler: HandlerContext): Promise<boolean> {
  if (!handler.access.granted.has('EDIT_ISSUES')) return false;
  const [verdict, granted] = await Promise.all([triageVerdictFor(handler, issue.projectKey, config), getMyIssuePermissions(handler.jira.asUser, issue.key, ['ASSIGN_ISSUES'])]);
  return verdict.triager && granted.has('ASSIGN_ISSUES');
}

async function viewOf(issue: IssueBasics, now: OnCallNow, handler: HandlerContext, options: { readonly checkAssign: boolean }): Promise<OnCallView> {
  const base = { issueKey: issue.key, assignee: issue.assignee };
  if (now.rotation === null) return { ...base, hasRotation: false, onCall: null, nobodyReason: null, canAssign: false };
  if (now.onCall === null) return { ...base, hasRotation: true, onCall: null, nobodyReason: now.nobodyReason, canAssign: false };
  const { accountId, until } = now.onCall;
  const names = await getDisplayNames(handler.jira.asUser, [accountId]).catch((): ReadonlyMap<string, string> => new Map());
  const alreadyTheirs = issue.assignee?.accountId === accountId;
  const canAssign = options.checkAssign && !alreadyTheirs && (await mayAssign(issue, now.config, handler));
  return { ...base, hasRotation: true, onCall: { accountId, displayName: nameOf(names, accountId), until }, nobodyReason: null, canAssign };
}

/** The report panel's on-call line. The caller has checked Browse projects on the issue, as the user. */
export const readOnCallView = async (issueKey: string, handler: HandlerContext): Promise<OnCallView> => {
  const issue = await getIssueBasics(handler.jira.asUser, issueKey);
  return viewOf(issue, await onCallNow(issue, handler), handler, { checkAssign: true });
};

/** A claim older than this belongs to an invocation that died mid-assign (Forge stops one after 25 s). */
const STALE_CLAIM_MS = 60_000;

/**
 * Assigns the issue to whoever is on call now, as the user (Jira enforces Assign issues and whether
 * that person may be assigned in the project). Only triagers may; the person is computed here, and
 * when it is no longer the one the panel showed (`expectedAccountId`) nothing is changed. Assigning
 * twice changes nothing the second time: an issue already theirs answers `already` without a write,
 * and a KVS claim makes concurrent clicks (one person's double-click, two triagers at once) write once.
 * The caller has checked Edit issues on the issue, as the user.
 */
export const assignToOnCall = async (issueKey: string, expectedAccountId: string, handler: HandlerContext): Promise<AssignOnCallResult> => {
  const issue = await getIssueBasics(handler.jira.asUser, issueKey);
  const now = await onCallNow(issue, handler);
  if (now.rotation === null) refuse('CONFLICT', `${issue.key}’s project has no on-call rotation for this kind of issue any more, so there is nobody to assign it to. Reload the issue.`);
  const verdict = await triageVerdictFor(handler, issue.projectKey, now.config);
  if (!verdict.triager) refuse('FORBIDDEN', verdict.refusal('assign issues to the on-call person'));
  const onCall = now.onCall ?? refuse('CONFLICT', `${now.nobodyReason ?? 'Nobody is on call right now.'} Nothing was changed.`);
  if (onCall.accountId !== expectedAccountId) {
    const names = await getDisplayNames(handler.jira.asUser, [onCall.accountId, expectedAccountId]).catch((): ReadonlyMap<string, string> => new Map());
    refuse('CONFLICT', `The rotation has moved on: ${nameOf(names, onCall.accountId)} is on call now, not ${nameOf(names, expectedAccountId)}. Nothing was changed; check the name and assign again.`);
  }
  const done = async (outcome: AssignOnCallResult['outcome'], current: IssueBasics): Promise<AssignOnCallResult> => ({ ...(await viewOf(current, now, handler, { checkAssign: false })), outcome });
  if (issue.assignee?.accountId === onCall.accountId) return done('already', issue);

  const claim = `assign-on-call:${issue.id}`;
  if (!(await claimOnce(claim, handler.now()))) {
    const held = await readClaim(claim);
    const stale = held?.claimedAt === null || (held !== undefined && handler.now().getTime() - Date.parse(held.claimedAt) > STALE_CLAIM_MS);
    if (held !== undefined && !stale) {
      const current = await getIssueBasics(handler.jira.asUser, issueKey);
      if (current.assignee?.accountId === onCall.accountId) return done('already', current);
      refuse('IN_PROGRESS', `Someone is assigning ${issue.key} to the on-call person right now. Wait a few seconds and reload the issue.`);
    }
    await releaseClaim(claim);
    if (!(await claimOnce(claim, handler.now()))) refuse('IN_PROGRESS', `Someone is assigning ${issue.key} to the on-call person right now. Wait a few seconds and reload the issue.`);
  }
  try {
    try {
      await assignIssue(handler.jira.asUser, issue.key, onCall.accountId);
    } catch (error) {
      if (!isJiraError(error)) throw error;
      const names = await getDisplayNames(handler.jira.asUser, [onCall.accountId]).catch((): ReadonlyMap<string, string> => new Map());
      const who = nameOf(names, onCall.accountId);
      if (error.kind === 'bad-request')
        refuse('INVALID_INPUT', `${who} cannot be assigned issues in ${issue.projectKey}, so ${issue.key} was not assigned. Ask a project admin to give them the Assignable user permission there, or take them out of the rotation.`);
      if (error.kind === 'forbidden' || error.kind === 'unauthorized')
        refuse('FORBIDDEN', `Jira did not let you assign ${issue.key}: it needs the Assign issues permission in ${issue.projectKey}. Nothing was changed; ask a project admin for it.`);
      // A 5xx may come after Jira made the change: look before saying nothing happened.
      if (error.kind === 'unavailable') {
        const current = await getIssueBasics(handler.jira.asUser, issueKey).catch(() => null);
        if (current?.assignee?.accountId === onCall.accountId) return await done('assigned', current);
      }
      throw error;
    }
  } finally {
    await releaseClaim(claim);
  }
  const result = await done('assigned', issue);
  return { ...result, assignee: result.onCall === null ? result.assignee : { accountId: result.onCall.accountId, displayName: result.onCall.displayName } };
};
