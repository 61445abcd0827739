import { randomUUID } from 'node:crypto';

import { adfToText } from '../../../contract/adf';
import type { ActionOutcome, ReportView, StoredReport } from '../../../contract/report.contract';
import { composeSendBackComment } from '../../../domain/readiness/send-back-comment';
import { applySendBack } from '../../../domain/report/report';
import { getIssueBasics, listRecentComments } from '../../../jira/issues';
import type { JiraTransport } from '../../../jira/jira-transport';
import { newPlanWrite, readPlan, settlePlan, type ActionPlan, type SendBackParams, type StoredPlan } from '../../../storage/action-plan.store';
import { readIssueReport, saveIssueReport } from '../../../storage/issue-state.store';
import { Refusal } from '../../refusal';
import { requireTriager } from '../triager-check';
import { buildReportView, issueRefOf, loadIssueReportContext, rejectionRefusal, storeReport } from '../../resolvers/report-context';
import type { HandlerContext } from '../../resolvers/resolver-definition';
import { carryOutLeased, ensureAssigned, ensureComment, ensureStatus, removeComment, sameText, settledOutcome, type IssueNow } from './plan-steps';
import { listInWords, PENDING, runSteps, type PlanStep } from './step-runner';

type SendBackPlan = ActionPlan & { readonly params: SendBackParams };

const isSendBack = (plan: ActionPlan): plan is SendBackPlan => plan.params.kind === 'send-back';

const readIssueNow = async (jira: JiraTransport, issueKey: string): Promise<IssueNow> => {
  const issue = await getIssueBasics(jira, issueKey);
  return { key: issue.key, status: issue.status, assigneeId: issue.assignee?.accountId ?? null };
};

const missingCount = (plan: SendBackPlan): string => {
  const items = (plan.params.comment.content.find((node) => (node as { type?: string }).type === 'bulletList') as { content?: unknown[] } | undefined)?.content?.length ?? 0;
  return `${String(items)} missing item${items === 1 ? '' : 's'}`;
};

/**
 * The send-back's Jira steps, each done only if Jira does not show it done yet: assign the issue to
 * its reporter, move it to the waiting status when the workflow can, and post the one comment that
 * lists what is missing. `jira` is the triager (or the app, when the scheduled run finishes a plan
 * the triager started: their permission was checked when they started it).
 */
const forwardSteps = (jira: JiraTransport, plan: SendBackPlan, now: Date): PlanStep[] => {
  const { issue, params } = plan;
  let known: IssueNow | undefined;
  const current = async (): Promise<IssueNow> => (known ??= await readIssueNow(jira, issue.key));
  const waiting = params.waitingStatus;
  return [
    {
      todo: `assign it to ${params.reporter.displayName}`,
      run: async () => ((await ensureAssigned(jira, await current(), params.reporter.accountId)) === 'assigned' ? `assigned it to ${params.reporter.displayName}` : null),
    },
    ...(waiting === null
      ? []
      : [
          {
            todo: `move it to ${waiting}`,
            run: async () => {
              const now = await current();
              const moved = await ensureStatus(jira, now, waiting);
              if (moved === 'moved') return `moved it to ${waiting}`;
              return moved === 'no-path' ? `left it in ${now.status} (its workflow has no transition to ${waiting})` : null;
            },
          },
        ]),
    {
      todo: 'post the comment that lists what is missing',
      run: async () => {
        const posted = await ensureComment(jira, issue.key, `plan:${plan.id}:comment`, params.comment, sameText(adfToText(params.comment)), now);
        if (posted === 'pending') return PENDING;
        return posted.posted ? `posted a comment listing the ${missingCount(plan)}` : null;
      },
    },
  ];
};

/**
 * Puts the issue back as the plan found it, judged by what Jira shows now: the comment removed, the
 * status moved back from the waiting status, the previous assignee back. Answers what could not be
 * undone, in words.
 */
const undoSteps = async (jira: JiraTransport, plan: SendBackPlan): Promise<string[]> => {
  const { issue, params } = plan;
  const left: string[] = [];
  const now = await readIssueNow(jira, issue.key).catch(() => null);
  if (now === null) return ['the whole send-back (Firebreak could not read the issue to undo it)'];
  try {
    const comment = (await listRecentComments(jira, issue.key)).find((candidate) => sameText(adfToText(params.comment))(adfToText(candidate.body)));
    if (comment !== undefined) await removeComment(jira, issue.key, comment.id);
  } catch {
    left.push('the comment listing what is missing');
  }
  if (params.waitingStatus !== null && now.status.toLowerCase() === params.waitingStatus.toLowerCase() && params.previousStatus.toLowerCase() !== params.waitingStatus.toLowerCase()) {
    try {
      if ((await ensureStatus(jira, now, params.previousStatus)) === 'no-path') left.push(`the move to ${params.waitingStatus}`);
    } catch {
      left.push(`the move to ${params.waitingStatus}`);
    }
  }
  if (now.assigneeId === params.reporter.accountId && params.previousAssignee !== params.reporter.accountId) {
    try {
      await ensureAssigned(jira, now, params.previousAssignee);
    } catch {
      left.push(`the assignment to ${params.reporter.displayName}`);
    }
  }
  return left;
};

/** Takes the plan's send-back out of the report again (compare-and-swap, re-read on a concurrent save). */
const withdrawSendBack = async (plan: SendBackPlan, now: string): Promise<void> => {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const stored = await readIssueReport(plan.issue.id);
    const open = stored?.report.sendBacks.findIndex((sendBack) => sendBack.sentAt === plan.createdAt && sendBack.returnedAt === undefined) ?? -1;
    if (stored === null || open === -1) return;
    const report: StoredReport = {
      ...stored.report,
      revision: stored.report.revision + 1,
      updatedAt: now,
      sendBacks: stored.report.sendBacks.filter((_, index) => index !== open),
      search: { ...stored.report.search, waitingForReporter: 'no' },
    };
    if ((await saveIssueReport(plan.issue, report, stored.version)) === 'saved') return;
  }
};

const refusalCode = (reason: string): 'FORBIDDEN' | 'INVALID_INPUT' => (/HTTP 40[13]/.test(reason) ? 'FORBIDDEN' : 'INVALID_INPUT');

/**
 * Runs a recorded send-back forward and settles the plan. Finished: done. A passing failure: the
 * plan stays running (a second click or the scheduled run finishes it) and the person is told what
 * is done and what is not. A refusal: the whole send-back is undone (in Jira and in the report) and
 * the person is told nothing changed, or exactly what could not be undone.
 */
export const carryOutSendBack = (jira: JiraTransport, stored: StoredPlan, now: Date): Promise<ActionOutcome> => carryOutLeased(stored, now, (fresh) => runSendBack(jira, fresh, now));

const runSendBack = async (jira: JiraTransport, stored: StoredPlan, now: Date): Promise<ActionOutcome> => {
  const plan = stored.plan;
  if (!isSendBack(plan)) throw new Error(`${plan.id} is not a send-back`);
  const who = plan.params.reporter.displayName;
  const outcome = await runSteps(forwardSteps(jira, plan, now));
  const at = now.toISOString();
  switch (outcome.kind) {
    case 'finished': {
      const message = outcome.said.length === 0 ? `${plan.issue.key} is sent back to ${who}.` : `Sent back to ${who}: ${listInWords(outcome.said)}.`;
      await settlePlan(stored, 'done', message, at);
      return { tone: 'success', message };
    }
    case 'unfinished': {
      const done = outcome.said.length === 0 ? 'Nothing is done in Jira yet' : `Done: ${listInWords(outcome.said)}`;
      const message = `Sending ${plan.issue.key} back to ${who} is not finished. ${done}. Not yet: ${listInWords(outcome.notYet)} (${outcome.reason}). Firebreak finishes it within a few minutes, or press Send back again.`;
      await settlePlan(stored, 'running', message, at);
      return { tone: 'warning', message };
    }
    case 'refused': {
      const left = await undoSteps(jira, plan);
      await withdrawSendBack(plan, at);
      if (left.length === 0) {
        const message = `Nothing was changed: Jira refused to ${outcome.refused} (${outcome.reason}). Check your permissions on ${plan.issue.key} with a Jira admin, then try again.`;
        await settlePlan(stored, 'undone', message, at);
        throw new Refusal(refusalCode(outcome.reason), message);
      }
      const message = `Sending ${plan.issue.key} back failed: Jira refused to ${outcome.refused} (${outcome.reason}), and Firebreak could not undo ${listInWords(left)}. Put that right by hand in Jira.`;
      await settlePlan(stored, 'stuck', message, at);
      throw new Refusal(refusalCode(outcome.reason), message);
    }
  }
};

/**
 * Send back to reporter, as one recorded plan: the send-back is written into the app's record
 * together with the plan (one transaction, compare-and-swap against the revision the triager saw),
 * then the Jira steps run as the triager, whose Jira permissions apply to each. A second click with
 * the same action id finishes the same plan instead of starting another. The triager's `note`, when
 * given, is part of the recorded comment, so a retry posts the same words.
 */
export const sendBackToReporter = async (
  handler: HandlerContext,
  issueKey: string,
  baseRevision: number,
  actionId: string | undefined,
  note = '',
): Promise<ReportView> => {
  const jira = handler.jira.asUser;
  const context = await loadIssueReportContext(handler, issueKey);
  await requireTriager(handler, context.issue.projectKey, context.config, 'send issues back to their reporter');
  const planId = `send-back:${context.issue.id}:${actionId ?? randomUUID()}`;
  const earlier = await readPlan(planId);
  if (earlier !== null) return finishEarlier(handler, earlier);

  const { issue } = context;
  if (issue.reporter === null) throw new Refusal('INVALID_INPUT', 'This issue has no reporter to send it back to. Set the Reporter field first.');
  const meta = { accountId: handler.access.accountId, now: handler.now().toISOString() };
  const outcome = applySendBack(context.report, { assignee: issue.assignee, status: issue.status }, baseRevision, meta, context.readiness);
  if (!outcome.ok) throw rejectionRefusal(outcome);
  const waiting = context.config.sendBackStatus;
  const plan: SendBackPlan = {
    schemaVersion: 1,
    id: planId,
    issue: issueRefOf(issue),
    requestedBy: meta.accountId,
    createdAt: meta.now,
    params: {
      kind: 'send-back',
      reporter: issue.reporter,
      previousAssignee: issue.assignee?.accountId ?? null,
      previousStatus: issue.status,
      waitingStatus: waiting === null || waiting.toLowerCase() === issue.status.toLowerCase() ? null : waiting,
      comment: composeSendBackComment(issue.reporter, outcome.report.sendBacks.at(-1)?.missing ?? [], note),
    },
  };
  if ((await storeReport(jira, issue, outcome.report, context.report?.revision ?? 0, [newPlanWrite(plan)])) === 'conflict') {
    const raced = await readPlan(planId);
    if (raced !== null) return finishEarlier(handler, raced);
    throw new Refusal('CONFLICT', 'Someone else changed this report at the same time. Check their version, then send it back again if it still needs it.');
  }
  const result = await carryOutSendBack(jira, { plan, status: 'running', version: 1, outcome: '', updatedAt: meta.now }, handler.now());
  return { ...(await buildReportView(await loadIssueReportContext(handler, issueKey), handler)), outcome: result };
};

/** A second click (or a retry) of a send-back already recorded: finish it if it is still running, else say how it ended. */
const finishEarlier = async (handler: HandlerContext, earlier: StoredPlan): Promise<ReportView> => {
  const outcome = earlier.status === 'running' ? await carryOutSendBack(handler.jira.asUser, earlier, handler.now()) : settledOutcome(earlier);
  return { ...(await buildReportView(await loadIssueReportContext(handler, earlier.plan.issue.key), handler)), outcome };
};
