/** Zod-free values of the process review contract, for the UI's forms. */
export const PROCESS_REVIEW_LIMITS = { monthsMax: 24 } as const;

/** The seed practice: two months after the policy is first saved, then every quarter. */
export const PROCESS_REVIEW_DEFAULTS = { firstAfterMonths: 2, everyMonths: 3 } as const;

/** The label on review tasks, so a team can find them (and Firebreak can tell its own after a failure). */
export const PROCESS_REVIEW_LABEL = 'firebreak-process-review';
