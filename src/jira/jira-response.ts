import { z } from 'zod';

import { JiraError, kindForStatus } from './jira-error';
import type { JiraResponse } from './jira-transport';
import { parseRetryAfterSeconds } from './rate-limit-retry';

/** Jira's error body. @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/#status-codes */
const errorCollectionSchema = z
  .object({ errorMessages: z.array(z.string()).optional(), errors: z.record(z.string(), z.string()).optional() })
  .loose();

const readErrorCollection = (text: string): { messages: string[]; fieldErrors: Record<string, string> } => {
  try {
    const parsed = errorCollectionSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return { messages: [], fieldErrors: {} };
    const fieldErrors = parsed.data.errors ?? {};
    return { messages: [...(parsed.data.errorMessages ?? []), ...Object.values(fieldErrors)], fieldErrors };
  } catch {
    return { messages: [], fieldErrors: {} };
  }
};

/** Throws a `JiraError` for any non-2xx answer, carrying Jira's own messages. */
export const ensureOk = async (response: JiraResponse, operation: string): Promise<void> => {
  if (response.status >= 200 && response.status < 300) return;
  const { messages, fieldErrors } = readErrorCollection(await response.text());
  throw new JiraError(
    kindForStatus(response.status),
    operation,
    response.status,
    messages,
    response.status === 429 ? parseRetryAfterSeconds(response.headers.get('retry-after')) : undefined,
    fieldErrors,
  );
};

/**
 * Reads a 2xx JSON answer and checks it against the schema of the fields we use. Schemas are loose
 * (unknown keys pass) so Jira adding fields never breaks us; a missing field we rely on does.
 */
export const readJson = async <S extends z.ZodType>(response: JiraResponse, operation: string, schema: S): Promise<z.infer<S>> => {
  await ensureOk(response, operation);
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new JiraError('unexpected', operation, response.status, ['Jira answered with something that is not JSON.']);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new JiraError('unexpected', operation, response.status, [`Unexpected response shape: ${z.prettifyError(parsed.error)}`]);
  }
  return parsed.data;
};
