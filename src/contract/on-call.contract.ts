import { z } from 'zod';

import { issueKeySchema, projectKeySchema } from './issue-key';
import { ACCOUNT_ID_PATTERN } from './on-call.values';

export * from './on-call.values';

const personSchema = z.object({ accountId: z.string(), displayName: z.string() }).strict();

/**
 * The report panel's on-call line: who is on call now (by name, with the end of their stretch as
 * an instant the panel shows in the viewer's zone), who has the issue, and whether the viewer may
 * hand it to the on-call person.
 */
export const onCallViewSchema = z
  .object({
    issueKey: issueKeySchema,
    /** `false`: the project has no rotation (or an empty one); the panel shows nothing. */
    hasRotation: z.boolean(),
    /** `null` with a rotation: nobody yet (it starts later), or the board's sprints could not be read. */
    onCall: personSchema.extend({ until: z.iso.datetime({ offset: true }).nullable() }).nullable(),
    /** Why `onCall` is null although there is a rotation, in a sentence. */
    nobodyReason: z.string().nullable(),
    assignee: personSchema.nullable(),
    /** The viewer triages here and Jira lets them assign issues: the panel offers "Assign to …". */
    canAssign: z.boolean(),
  })
  .strict();
export type OnCallView = z.infer<typeof onCallViewSchema>;

export const getOnCallPayloadSchema = z.object({ issueKey: issueKeySchema }).strict();

/**
 * "Assign to whoever is on call": the backend works out who that is. `expectedAccountId` is who the
 * panel showed; when the rotation moved on meanwhile the backend refuses and says who is on call now.
 */
export const assignOnCallPayloadSchema = z.object({ issueKey: issueKeySchema, expectedAccountId: z.string().regex(ACCOUNT_ID_PATTERN, 'That is not a Jira account id. Reload the issue and try again.') }).strict();

export const assignOnCallResultSchema = onCallViewSchema.extend({
  /** `assigned`: this call assigned it; `already`: it already was (a second click, someone else). */
  outcome: z.enum(['assigned', 'already']),
});
export type AssignOnCallResult = z.infer<typeof assignOnCallResultSchema>;

/** The settings page's people search: people who may be assigned issues in the project, by name. */
export const findPeoplePayloadSchema = z.object({ projectKey: projectKeySchema, query: z.string().trim().min(1).max(100) }).strict();
export const peopleSchema = z.object({ people: z.array(personSchema).max(20) }).strict();
export type FoundPeople = z.infer<typeof peopleSchema>;
