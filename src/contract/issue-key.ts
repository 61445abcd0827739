import { z } from 'zod';

/**
 * Jira issue keys are `PROJECT-123`; project keys start with a letter and are at most 255 chars, but
 * anything this long in a payload is already forged. Validating the shape here also keeps the key
 * harmless inside `route` paths and JQL.
 * @see https://support.atlassian.com/jira-cloud-administration/docs/edit-a-projects-details/
 */
export const issueKeySchema = z
  .string()
  .max(64)
  .regex(/^[A-Z][A-Z0-9_]{0,49}-[1-9][0-9]{0,9}$/, 'Must be a Jira issue key such as SHOP-123.');

export const projectKeySchema = z
  .string()
  .max(50)
  .regex(/^[A-Z][A-Z0-9_]{0,49}$/, 'Must be a Jira project key such as SHOP.');
