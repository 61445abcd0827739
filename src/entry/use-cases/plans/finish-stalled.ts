import type { JiraTransport } from '../../../jira/jira-transport';
import { listStalledPlans } from '../../../storage/action-plan.store';
import { Refusal } from '../../refusal';
import { carryOutDecisionPolicy } from '../decide-severity';
import { carryOutReturn } from './return-to-triage';
import { finishStalledScaleChanges } from './scale-change';
import { carryOutSendBack } from './send-back';

/**
 * How long a plan may sit in `running` before the scheduled run takes it over: longer than any
 * function may run (Forge stops resolvers and triggers at 25 s), so a plan this old has no attempt
 * at work on it any more.
 */
const STALLED_AFTER_MS = 90_000;

/**
 * Finishes the plans a failure or a stopped function left running, as the app (the person who
 * started each had their permission checked when it was recorded): the same steps, each done only
 * if Jira does not show it done. A plan Jira refuses for good is undone or marked for a person by
 * its own rules. Answers the ids of the plans it looked at.
 */
export const finishStalledPlans = async (app: JiraTransport, now: Date): Promise<string[]> => {
  const stalled = await listStalledPlans(new Date(now.getTime() - STALLED_AFTER_MS).toISOString());
  for (const stored of stalled) {
    try {
      switch (stored.plan.params.kind) {
        case 'send-back':
          await carryOutSendBack(app, stored, now);
          break;
        case 'return-to-triage':
          await carryOutReturn(app, stored, now);
          break;
        case 'apply-policy':
          await carryOutDecisionPolicy({ fields: app, asApp: app }, stored, now);
          break;
      }
    } catch (error) {
      // A refused send-back was undone (or marked stuck) and its plan settled; the others wait for the next run.
      if (!(error instanceof Refusal)) console.error(`finishing ${stored.plan.id} failed; the next run tries again`, error instanceof Error ? error.message : error);
    }
  }
  // Scale changes span many issues: carried on after the per-issue plans, within their own time budget.
  const scaleChanges = await finishStalledScaleChanges(app, now);
  return [...stalled.map((stored) => stored.plan.id), ...scaleChanges];
};
