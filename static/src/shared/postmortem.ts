/**
 * Copies of the postmortem contract's values (`@contract/postmortem.contract`), kept here so the UI
 * bundle carries no zod. `postmortem.test.ts` checks each against the contract.
 */
import type { PostmortemStatus, QuestionId } from '@contract/postmortem.contract';

export const POSTMORTEM_STATUSES: readonly PostmortemStatus[] = ['draft', 'in-review', 'published'];

/** The five questions, in the order a review walks through them. */
export const FIVE_QUESTIONS: ReadonlyArray<{ readonly id: QuestionId; readonly label: string; readonly prompt: string }> = [
  { id: 'detect', label: 'Detect', prompt: 'How do we detect this, or a problem like it, sooner?' },
  { id: 'react', label: 'React', prompt: 'How do we improve our reaction?' },
  { id: 'quickFix', label: 'Quick fix', prompt: 'How do we stop the bleeding faster?' },
  { id: 'prevent', label: 'Prevent', prompt: 'How do we prevent it, or reduce its impact?' },
  { id: 'otherRisks', label: 'Other areas of risk', prompt: 'Where else does the same weakness exist?' },
];

export const REMEDIATION_PRIORITIES = ['high', 'medium', 'low'] as const;

/** The contract's limits the editor checks before sending. */
export const POSTMORTEM_LIMITS = {
  title: 255,
  longText: 10_000,
  entryText: 2_000,
  artifacts: 30,
  actions: 100,
  remediation: 100,
  usersAffected: 1_000_000_000,
} as const;

/** Action and remediation ids: `createActionIssuePayloadSchema` accepts `^[a-z0-9-]{1,40}$`. */
export const ITEM_ID_PATTERN = /^[a-z0-9-]{1,40}$/;
