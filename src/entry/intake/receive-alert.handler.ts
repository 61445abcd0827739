import type { WebTriggerRequest } from '@forge/api';

import { receiveDelivery, type WebTriggerReply } from './receive-delivery';

/**
 * `webtrigger` module `alert-intake` (issue 17): every alert source's URL lands here. Thin: the
 * request goes to the front door, and nothing escapes as an exception (Forge would answer a bare 500).
 * @see https://developer.atlassian.com/platform/forge/events-reference/web-trigger/
 */
export const receiveAlert = async (request: WebTriggerRequest): Promise<WebTriggerReply> => {
  try {
    return await receiveDelivery(request, () => new Date());
  } catch {
    return {
      statusCode: 503,
      headers: { 'Content-Type': ['application/json'], 'Retry-After': ['30'] },
      body: JSON.stringify({ error: 'Firebreak could not check this request just now; nothing was kept. Send it again shortly.' }),
    };
  }
};
