import { createHash, randomUUID } from 'node:crypto';

import type { IncomingAlert } from '../../domain/intake/incoming-alert';
import { parseAlert } from '../../domain/intake/parse-alert';
import { DELIVERY_ID_MEMORY_DAYS, GRAFANA_SIGNATURE_HEADER, GRAFANA_TIMESTAMP_HEADER } from '../../domain/intake/sender-setup';
import { forgetDelivery, rememberDelivery } from '../../storage/alert-replay.store';
import { clipAlerts, recordSourceActivity } from '../../storage/alert-source-activity.store';
import { alertSourceOf, findAlertSourceByUrlId, readSourceSecret, type StoredAlertSource } from '../../storage/alert-source.store';
import { acceptDelivery, type DeliveryOutcome } from './accept-delivery';
import {
  bearerToken,
  DEFAULT_WINDOW,
  GENERIC_SIGNATURE_HEADER,
  GENERIC_TIMESTAMP_HEADER,
  headerValue,
  verifyGeneric,
  verifyGithub,
  verifyGrafana,
  verifySentry,
  verifySharedToken,
  type SignatureCheck,
} from './signature';

/**
 * intake (issue 17): the front door. One web trigger serves every source; each source has its own
 * URL, told apart by the id in the path. A request is checked in this order, and the first failure
 * is the answer, with nothing stored:
 *   unknown URL 404 → wrong method 405 → body too large 413 → bad or missing signature, token or
 *   timestamp 401 → not JSON 400 → not the sender's documented shape 422 → already received 409
 * then it is handed to the back office (`acceptDelivery`): 202, or 503 with `Retry-After`.
 *
 * No Jira request is made here: Sentry gives a webhook one second to answer.
 * @see https://docs.sentry.io/organization/integrations/integration-platform/webhooks/
 * @see https://developer.atlassian.com/platform/forge/events-reference/web-trigger/ (request and response shapes)
 *
 * **A replay is refused with 409, not answered 200.** Issue 17 asks every refusal to be a 4xx, and
 * a 4xx is what stops the senders that retry: Alertmanager retries 5xx and network errors, not 4xx
 * (`notify/webhook/webhook.go`); Sentry and GitHub do not retry on their own. The 409's sentence
 * says the first copy was received, so a person reading the sender's log knows nothing was lost.
 */

/** Forge's request shape, as far as the front door reads it. */
export interface WebTriggerRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, readonly string[] | undefined>>;
  readonly body?: string | null;
}

export interface WebTriggerReply {
  readonly statusCode: number;
  readonly headers: Record<string, string[]>;
  readonly body: string;
}

/**
 * The most a request body may hold. The parsers refuse more than 100 alerts anyway; 1 MiB leaves
 * room for Alertmanager's and Grafana's verbose groups and stays far below Forge's 5 MB payload.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/** How long an accepted signature is remembered when a signed timestamp bounds its life: the whole window, and a minute more. */
const SIGNED_TIME_MEMORY_SECONDS = DEFAULT_WINDOW.pastSeconds + DEFAULT_WINDOW.futureSeconds + 60;
const DELIVERY_ID_MEMORY_SECONDS = DELIVERY_ID_MEMORY_DAYS * 86_400;
/** When the back office failed outright: long enough for a blip to pass, short enough for an outage's first minutes. */
const FAILURE_RETRY_AFTER_SECONDS = 30;

const reply = (statusCode: number, body: Record<string, unknown>, extraHeaders: Record<string, string[]> = {}): WebTriggerReply => ({
  statusCode,
  headers: { 'Content-Type': ['application/json'], ...extraHeaders },
  body: JSON.stringify(body),
});
const refusal = (statusCode: number, error: string, extraHeaders: Record<string, string[]> = {}): WebTriggerReply => reply(statusCode, { error }, extraHeaders);

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** What the check of one request established: who sent it, and how to recognise it if it comes again. */
interface Verified {
  /** What makes this request this request (see `Delivery.deliveryKey`). */
  readonly deliveryKey: string;
  /** Seconds to remember it and refuse a second copy; null when a repeat is legitimate (an unsigned or timeless body). */
  readonly rememberSeconds: number | null;
  /**
   * Everything remembered about it; a copy matching any one is refused. A delivery id alone would
   * let a captured request through again under a new id (nothing signs the id), so the signature
   * is remembered beside it.
   */
  readonly memoryKeys: readonly string[];
}

type Check = { readonly ok: true; readonly verified: Verified } | { readonly ok: false; readonly reason: string };

const failed = (check: SignatureCheck): Check => ({ ok: false, reason: check.ok ? '' : check.reason });

/** The check each kind gets (see `PROTECTION` in sender-setup.ts for what the page promises). */
function verify(source: StoredAlertSource, secret: string, request: WebTriggerRequest, body: string, nowMs: number): Check {
  const header = (name: string): string | undefined => headerValue(request.headers, name);
  const bodyKey = `body:${sha256(body)}`;
  // One spelling per digest: the checks accept either case of hex and an optional "sha256=", a replay must not slip through by changing them.
  const signatureKey = (signature: string | undefined): string => `signature:${(signature ?? '').trim().toLowerCase().replace(/^sha256=/, '')}`;
  const remembered = (deliveryKey: string, rememberSeconds: number | null, extra: readonly string[] = []): Check => ({
    ok: true,
    verified: { deliveryKey, rememberSeconds, memoryKeys: rememberSeconds === null ? [] : [deliveryKey, ...extra.filter((key) => key !== deliveryKey)] },
  });
  switch (source.kind) {
    case 'generic': {
      const signature = header(GENERIC_SIGNATURE_HEADER);
      const check = verifyGeneric({ secret, body, signature, timestamp: header(GENERIC_TIMESTAMP_HEADER), nowMs });
      return check.ok ? remembered(signatureKey(signature), SIGNED_TIME_MEMORY_SECONDS) : failed(check);
    }
    case 'grafana': {
      const signature = header(GRAFANA_SIGNATURE_HEADER);
      const timestamp = header(GRAFANA_TIMESTAMP_HEADER);
      const check = verifyGrafana({ secret, body, signature, timestamp, nowMs });
      if (!check.ok) return failed(check);
      return timestamp === undefined ? remembered(bodyKey, null) : remembered(signatureKey(signature), SIGNED_TIME_MEMORY_SECONDS);
    }
    case 'sentry': {
      const signature = header('Sentry-Hook-Signature');
      const check = verifySentry({ secret, body, signature, timestamp: header('Sentry-Hook-Timestamp'), nowMs });
      if (!check.ok) return failed(check);
      const requestId = header('Request-ID');
      return remembered(requestId === undefined ? signatureKey(signature) : `sentry:${requestId.trim()}`, DELIVERY_ID_MEMORY_SECONDS, [signatureKey(signature)]);
    }
    case 'dependabot': {
      const signature = header('X-Hub-Signature-256');
      const check = verifyGithub({ secret, body, signature });
      if (!check.ok) return failed(check);
      const deliveryId = header('X-GitHub-Delivery');
      return remembered(deliveryId === undefined ? signatureKey(signature) : `github:${deliveryId.trim()}`, DELIVERY_ID_MEMORY_SECONDS, [signatureKey(signature)]);
    }
    case 'alertmanager':
    case 'honeybadger': {
      const check = verifySharedToken({ secret, presented: bearerToken(header('Authorization')) });
      return check.ok ? remembered(bodyKey, null) : failed(check);
    }
  }
}

const methodsOf = (source: StoredAlertSource): readonly string[] => (source.kind === 'grafana' ? ['POST', 'PUT'] : ['POST']);

const urlIdOf = (path: string): string => /\/(?:x1|public)\/([^/?#]+)/.exec(path)?.[1] ?? '';

/** What the back office made of a delivery, as the sender and the settings page hear it. */
export type Admission = { readonly kind: 'accepted'; readonly message: string } | { readonly kind: 'retry'; readonly retryAfterSeconds: number; readonly message: string };

/**
 * Hands parsed alerts to the back office and, when it kept them, records them as the source's last
 * received payload. Shared by the web trigger and "Send test alert", so a test takes the real path.
 */
export async function admitDelivery(source: StoredAlertSource, alerts: readonly IncomingAlert[], note: string | null, deliveryKey: string, receivedAt: string, test: boolean): Promise<Admission> {
  let outcome: DeliveryOutcome;
  if (alerts.length === 0) {
    outcome = { kind: 'accepted', message: note ?? 'The request holds no alert to raise.' };
  } else {
    try {
      outcome = await acceptDelivery({ source: alertSourceOf(source), alerts, deliveryKey, receivedAt, test });
    } catch {
      return { kind: 'retry', retryAfterSeconds: FAILURE_RETRY_AFTER_SECONDS, message: 'Firebreak could not store the alerts just now; send them again shortly.' };
    }
  }
  if (outcome.kind === 'retry') return outcome;
  try {
    await recordSourceActivity(source.id, { receivedAt, test, message: outcome.message, note, alertCount: alerts.length, alerts: clipAlerts(alerts) });
  } catch {
    // Only the settings page's "last received" is behind; the alerts themselves were kept.
  }
  return outcome;
}

/** The web trigger: checks one request and answers it (see the order above). */
export async function receiveDelivery(request: WebTriggerRequest, now: () => Date): Promise<WebTriggerReply> {
  const source = await findAlertSourceByUrlId(urlIdOf(request.path));
  if (source === null) {
    return refusal(404, 'No alert source has this URL: it was deleted, or its URL was replaced. Copy the current URL from the project\'s Firebreak settings.');
  }
  const method = request.method.toUpperCase();
  const allowed = methodsOf(source);
  if (!allowed.includes(method)) {
    return refusal(405, `This URL takes ${allowed.join(' or ')} requests, not ${method}.`, { Allow: [allowed.join(', ')] });
  }
  const body = request.body ?? '';
  const size = Buffer.byteLength(body, 'utf8');
  if (size > MAX_BODY_BYTES) {
    return refusal(413, `The request body is ${Math.ceil(size / 1024).toLocaleString('en-US')} KiB, more than the ${String(MAX_BODY_BYTES / 1024)} KiB a source accepts; send fewer alerts per request (at most 100).`);
  }
  const secret = await readSourceSecret(source.id);
  if (secret === undefined) {
    return refusal(401, 'This source has no secret to check the request against, so it is not ready: a project admin must rotate its secret in the project\'s Firebreak settings.');
  }
  const nowDate = now();
  const check = verify(source, secret, request, body, nowDate.getTime());
  if (!check.ok) return refusal(401, check.reason);

  let parsedBody: unknown;
  try {
    parsedBody = JSON.parse(body) as unknown;
  } catch (error) {
    return refusal(400, `The request body is not JSON (${error instanceof SyntaxError ? error.message : 'unreadable'}); send the alert as a JSON object.`);
  }
  const parsed = parseAlert(source.kind, parsedBody);
  if (!parsed.ok) return refusal(422, parsed.reason);

  const receivedAt = nowDate.toISOString();
  const { deliveryKey, rememberSeconds, memoryKeys } = check.verified;
  const hashes = memoryKeys.map(sha256);
  const claimed: string[] = [];
  const forgetClaimed = () => Promise.all(claimed.map((hash) => forgetDelivery(source.id, hash).catch(() => undefined)));
  for (const hash of hashes) {
    let memory: Awaited<ReturnType<typeof rememberDelivery>>;
    try {
      memory = await rememberDelivery(source.id, hash, receivedAt, rememberSeconds ?? 0);
    } catch (error) {
      await forgetClaimed();
      throw error;
    }
    if (!memory.fresh) {
      await forgetClaimed();
      const when = memory.previous === null ? '' : ` at ${memory.previous.receivedAt}`;
      return refusal(409, `This request was already received${when}; it is not taken twice. Nothing was lost; send a new, freshly signed request for a new alert.`);
    }
    claimed.push(hash);
  }
  const admission = await admitDelivery(source, parsed.alerts, parsed.note, deliveryKey, receivedAt, false);
  if (admission.kind === 'retry') {
    // Not kept, so not remembered: the sender's retry must land.
    await forgetClaimed();
    return refusal(503, admission.message, { 'Retry-After': [String(admission.retryAfterSeconds)] });
  }
  return reply(202, { message: admission.message, alerts: parsed.alerts.length, ...(parsed.note === null ? {} : { note: parsed.note }) });
}

/** A delivery key for "Send test alert": unique per click, so each is its own delivery. */
export const testDeliveryKey = (): string => `test:${randomUUID()}`;
