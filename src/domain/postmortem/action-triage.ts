import type { ActionItem, ActionTriageDecision } from '../../contract/postmortem.contract';

/**
 * Action triage and proof, the rules only (pure). A postmortem's actions start as proposals; the
 * team accepts, defers or rejects each with a reason, so the improvements backlog holds
 * commitments, not a brainstorm: only accepted actions are filed as Jira issues. Once an accepted
 * action's issue is done, the team records how they checked that it worked.
 */

export type ActionStage = 'proposed' | ActionTriageDecision;

export const stageOf = (action: Pick<ActionItem, 'triage' | 'issueKey'>): ActionStage =>
  // An action filed before triage existed was a commitment already: it reads as accepted.
  action.triage?.decision ?? (action.issueKey === null ? 'proposed' : 'accepted');

export const STAGE_LABELS: Readonly<Record<ActionStage, string>> = { proposed: 'Proposed', accepted: 'Accepted', deferred: 'Deferred', rejected: 'Rejected' };

export type Ruling<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const no = (reason: string): Ruling<never> => ({ ok: false, reason });

export interface Stamp {
  readonly by: string;
  readonly at: string;
}

/**
 * The action with the team's decision. Deferring or rejecting needs a reason (the next reader asks
 * why); accepting may go without. An action already filed cannot be deferred or rejected here: its
 * issue exists, and is closed in Jira.
 */
export const triageAction = (action: ActionItem, decision: ActionTriageDecision, reason: string, stamp: Stamp): Ruling<ActionItem> => {
  const why = reason.trim();
  if (decision !== 'accepted' && why === '') return no(`Say why this action is ${decision}: the reason is kept with the decision.`);
  if (decision !== 'accepted' && action.issueKey !== null) return no(`This action is filed as ${action.issueKey}. Close ${action.issueKey} in Jira (or unlink it) instead of marking the action ${decision}.`);
  return { ok: true, value: { ...action, triage: { decision, reason: why, by: stamp.by, at: stamp.at } } };
};

/** Why an action may not be filed as a Jira issue yet; `null` when it may. */
export const whyNotFileable = (action: Pick<ActionItem, 'triage' | 'issueKey'>): string | null => {
  const stage = stageOf(action);
  if (stage === 'accepted') return null;
  if (stage === 'proposed') return 'Accept this action first: only accepted actions are filed as Jira issues.';
  return `This action is ${stage}, so it is not filed. Accept it first if the team now commits to it.`;
};

/**
 * The action with the proof that it worked: a sentence, a link, or both. Only an accepted action
 * whose issue Jira reports done can be verified (`issueDone`, read by the caller from Jira).
 */
export const verifyAction = (action: ActionItem, proof: { readonly how: string; readonly link: string | null }, issueDone: boolean, stamp: Stamp): Ruling<ActionItem> => {
  const how = proof.how.trim();
  if (how === '' && proof.link === null) return no('Say how you checked that the action worked, or give a link to the proof (a dashboard, a test run, a drill).');
  if (action.issueKey === null) return no('File this action as a Jira issue and finish it before recording how it was verified.');
  if (!issueDone) return no(`${action.issueKey} is not done in Jira yet. Record the verification once it is.`);
  return { ok: true, value: { ...action, verification: { how, link: proof.link, by: stamp.by, at: stamp.at } } };
};

/**
 * The team's triage decisions in a saved edit, stamped: a decision (or reason) the client changed is
 * checked by `triageAction` and recorded as the caller's, now; one it left alone keeps who made it
 * and when. Whatever `by` and `at` the client sent are never taken. A refusal names the action's
 * payload path, so the page can show it by the field.
 */
export const stampTriage = (stored: readonly ActionItem[], next: readonly ActionItem[], stamp: Stamp): Ruling<ActionItem[]> & { readonly field?: string } => {
  const before = new Map(stored.map((action) => [action.id, action.triage]));
  const stamped: ActionItem[] = [];
  for (const [index, action] of next.entries()) {
    const { triage: asked, ...rest } = action;
    const kept = before.get(action.id);
    if (asked === undefined) {
      stamped.push(rest);
    } else if (kept !== undefined && kept.decision === asked.decision && kept.reason === asked.reason.trim()) {
      stamped.push({ ...rest, triage: kept });
    } else {
      const ruled = triageAction(rest, asked.decision, asked.reason, stamp);
      if (!ruled.ok) return { ok: false, reason: ruled.reason, field: `edit.actions.${String(index)}.triage` };
      stamped.push(ruled.value);
    }
  }
  return { ok: true, value: stamped };
};

/**
 * The export's sub-lines for one action (Markdown, under the action's line), in the page's words:
 * "Accepted by Mia Chen, <when>: why" and "Verified by Mia Chen, <when>: how — link". `who` gives a
 * person's name (the page says "someone" when Jira gave none); `text`, `link` and `when` make
 * people's text safe Markdown and a time readable (`markdown.ts`, the export's locale and zone),
 * passed in so this file stays free of the export's formatting.
 */
export const actionExportNotes = (
  action: Pick<ActionItem, 'triage' | 'verification' | 'issueKey'>,
  who: (accountId: string) => string,
  format: { readonly text: (text: string) => string; readonly link: (label: string, url: string) => string; readonly when: (iso: string) => string },
): string[] => {
  const notes: string[] = [];
  const stage = stageOf(action);
  if (action.triage !== undefined) {
    notes.push(`  - ${STAGE_LABELS[stage]} by ${format.text(who(action.triage.by))}, ${format.when(action.triage.at)}${action.triage.reason === '' ? '' : `: ${format.text(action.triage.reason)}`}`);
  } else if (stage === 'proposed') {
    notes.push('  - Proposed, not decided');
  }
  const { verification } = action;
  if (verification !== undefined) {
    const proof = [verification.how === '' ? '' : format.text(verification.how), verification.link === null ? '' : format.link(verification.link, verification.link)].filter((part) => part !== '').join(' — ');
    notes.push(`  - Verified by ${format.text(who(verification.by))}, ${format.when(verification.at)}: ${proof}`);
  }
  return notes;
};
