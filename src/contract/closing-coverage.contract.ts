import { z } from 'zod';

/**
 * `validator/closingCoverage`: for the workflow rule's settings page, the other transitions of its
 * workflow that reach a status of the same category (Done, usually) without Firebreak's "published
 * postmortem" rule. The page knows the workflow and the transition from Jira's context for it.
 */
export const closingCoveragePayloadSchema = z
  .object({
    /** `context.extension.workflowId`. */
    workflowId: z.string().min(1).max(200),
    /** `context.extension.transitionContext.id`. */
    transitionId: z.string().min(1).max(50),
  })
  .strict();

export const closingCoverageViewSchema = z
  .object({
    workflowName: z.string(),
    /** `null`: the saved workflow has no such transition (new in the editor, not saved yet) or its target has no category. */
    categoryName: z.string().nullable(),
    uncovered: z.array(z.object({ id: z.string(), label: z.string() }).strict()),
  })
  .strict();
export type ClosingCoverageView = z.infer<typeof closingCoverageViewSchema>;
