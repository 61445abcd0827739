/**
 * log part (issue 16): the live incident log's limits, free of zod so the panel checks a draft with
 * the very numbers the backend refuses with.
 */
export const INCIDENT_LOG_LIMITS = {
  /** What was checked or done, which server, which build: a line or a short paragraph. */
  text: 1_000,
  link: 2_000,
  /** How far ahead of the server's clock "happened at" may be: a clock a little fast is not a forgery. */
  futureSkewMs: 60_000,
  /** Entries one incident keeps; far more than an incident's hours produce, and a bound on every read. */
  entries: 500,
} as const;

/** A submission's key (the panel's `newIdempotencyKey`, 32 hex digits), which becomes the entry's id. */
export const SUBMISSION_ID_PATTERN = /^[a-f0-9]{32}$/;

/** An entry's id: a submission's key, or a playbook tick's (`pb-<step key>-<n>`, which no submission can take). */
export const LOG_ENTRY_ID_PATTERN = /^(?:[a-f0-9]{32}|pb-[a-z0-9-]{3,36})$/;

/** The marker text of a playbook tick in the log: "Playbook: Mitigation plan — done". */
export const playbookTickText = (step: string, done: boolean): string => `Playbook: ${step} — ${done ? 'done' : 'not done any more'}`;
