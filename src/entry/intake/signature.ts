import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * intake (issue 17): is this web-trigger request from the source it claims to be? Forge web
 * triggers are public URLs with no authentication of their own ("anyone can use the URL … without
 * providing an authentication token"), so every request is checked here before its body is parsed.
 * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/web-trigger/
 *
 * Not pure (HMAC, constant-time comparison), hence in `src/entry`; the clock still comes in as
 * `now` so tests and the sandbox decide what time it is.
 *
 * Each provider signs its own way, and some do not sign at all:
 * - generic (Firebreak's own): `X-Firebreak-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`
 *   with `X-Firebreak-Timestamp: <unix seconds>`: the timestamp is signed, so the window check means something;
 * - GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`, no timestamp;
 * - Sentry: `Sentry-Hook-Signature: <hex HMAC-SHA256 of the body>` with the integration's client
 *   secret; `Sentry-Hook-Timestamp` is sent but is not part of the signature;
 * - Grafana (when the contact point's HMAC signature is set): `X-Grafana-Alerting-Signature` (header name
 *   configurable) = hex HMAC-SHA256 of `"<timestamp>:<body>"` when a timestamp header is configured, else of the body;
 * - Alertmanager and Honeybadger do not sign: a shared token (`Authorization: Bearer …` from
 *   Alertmanager's `http_config`, Honeybadger's `Honeybadger-Token` header) is compared instead.
 *
 * **Replay is the caller's job.** A valid signature says who sent the bytes, not that they were
 * sent only once. The caller must remember what it accepted (the signature or the provider's
 * delivery id, for as long as the timestamp window lasts, or for good when there is no timestamp)
 * and refuse a second copy; where a provider signs no timestamp (GitHub, Sentry, unsigned Grafana,
 * the shared-token providers) a captured request replays cleanly until then, and deduplication by
 * fingerprint is what keeps it from doing harm.
 *
 * The body must be the request's text exactly as received (`WebTriggerRequest.body`), never
 * re-serialised JSON: one changed space breaks every HMAC.
 */

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const OK: SignatureCheck = { ok: true };
const refused = (reason: string): SignatureCheck => ({ ok: false, reason });

/** How far a signed timestamp may lie behind and ahead of `now` (a sender's clock drifts a little). */
export interface TimestampWindow {
  readonly pastSeconds: number;
  readonly futureSeconds: number;
}

/** Five minutes back, as Stripe and Slack allow; one minute ahead for clock drift. */
export const DEFAULT_WINDOW: TimestampWindow = { pastSeconds: 300, futureSeconds: 60 };

export const GENERIC_SIGNATURE_HEADER = 'x-firebreak-signature';
export const GENERIC_TIMESTAMP_HEADER = 'x-firebreak-timestamp';

/**
 * The one value of a header, case-insensitively, from Forge's `headers: Record<string, string[]>`.
 * Undefined when absent or sent more than once with different values: a second copy of a signature
 * header is either a proxy's mistake or an attempt to confuse the check.
 */
export function headerValue(headers: Readonly<Record<string, readonly string[] | undefined>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const values = Object.entries(headers)
    .filter(([key]) => key.toLowerCase() === wanted)
    .flatMap(([, value]) => value ?? []);
  const distinct = [...new Set(values)];
  return distinct.length === 1 ? distinct[0] : undefined;
}

const hmacHex = (secret: string, message: string): string => createHmac('sha256', secret).update(message, 'utf8').digest('hex');

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** Constant-time comparison of a presented hex digest with the expected one. */
function sameDigest(presentedHex: string, expectedHex: string): boolean {
  if (!HEX_SHA256.test(presentedHex)) return false;
  return timingSafeEqual(Buffer.from(presentedHex, 'hex'), Buffer.from(expectedHex, 'hex'));
}

/**
 * Whether a signed Unix timestamp (seconds) is within the window around `now` (epoch ms). Old means
 * a replay or a request that waited too long in some queue; future means a wrong clock or a forgery.
 */
export function checkTimestamp(timestamp: string | undefined, nowMs: number, window: TimestampWindow = DEFAULT_WINDOW): SignatureCheck {
  if (timestamp === undefined || timestamp.trim() === '') return refused('The request has no timestamp; sign it with the current Unix time in seconds.');
  if (!/^\d{1,12}$/.test(timestamp.trim())) return refused('The request\'s timestamp is not a Unix time in seconds.');
  const ageSeconds = (nowMs - Number(timestamp.trim()) * 1000) / 1000;
  if (ageSeconds > window.pastSeconds) return refused(`The request was signed ${Math.round(ageSeconds)} seconds ago, more than the ${window.pastSeconds} allowed; send a freshly signed request (check the sender's clock).`);
  if (-ageSeconds > window.futureSeconds) return refused(`The request's timestamp is ${Math.round(-ageSeconds)} seconds in the future, more than the ${window.futureSeconds} allowed; check the sender's clock.`);
  return OK;
}

/** `sha256=<hex>` for the generic shape: what a sender (and the settings page's example) computes. */
export function signGeneric(secret: string, timestampSeconds: number, body: string): string {
  return `sha256=${hmacHex(secret, `${String(timestampSeconds)}.${body}`)}`;
}

export interface GenericRequest {
  readonly secret: string;
  readonly body: string;
  /** `X-Firebreak-Signature`. */
  readonly signature: string | undefined;
  /** `X-Firebreak-Timestamp`. */
  readonly timestamp: string | undefined;
  readonly nowMs: number;
  readonly window?: TimestampWindow;
}

/** Firebreak's own scheme: HMAC-SHA256 of `${timestamp}.${body}`, timestamp checked against `now`. */
export function verifyGeneric(request: GenericRequest): SignatureCheck {
  if (request.signature === undefined) return refused('The request is not signed: send X-Firebreak-Signature: sha256=<HMAC-SHA256 of "<timestamp>.<body>"> and X-Firebreak-Timestamp.');
  const presented = request.signature.trim().replace(/^sha256=/i, '');
  // The timestamp is checked after the signature: an unsigned claim about time says nothing.
  const timestamp = request.timestamp?.trim();
  if (timestamp === undefined) return checkTimestamp(undefined, request.nowMs, request.window);
  if (!sameDigest(presented, hmacHex(request.secret, `${timestamp}.${request.body}`))) {
    return refused('The signature does not match this source\'s secret and body: check the secret, and sign the body exactly as sent.');
  }
  return checkTimestamp(timestamp, request.nowMs, request.window);
}

/**
 * GitHub: `X-Hub-Signature-256: sha256=<hex>` over the raw body with the webhook's secret. GitHub
 * signs no timestamp; `X-GitHub-Delivery` (a GUID per delivery) is what the caller remembers.
 * @see https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
 */
export function verifyGithub(request: { readonly secret: string; readonly body: string; readonly signature: string | undefined }): SignatureCheck {
  if (request.signature === undefined || !/^sha256=/i.test(request.signature.trim())) {
    return refused('The request is not signed: set a secret on the GitHub webhook so it sends X-Hub-Signature-256.');
  }
  return sameDigest(request.signature.trim().slice('sha256='.length), hmacHex(request.secret, request.body))
    ? OK
    : refused('X-Hub-Signature-256 does not match: the webhook\'s secret on GitHub and this source\'s secret differ.');
}

/**
 * Sentry: `Sentry-Hook-Signature` is the hex HMAC-SHA256 of the body with the integration's client
 * secret. `Sentry-Hook-Timestamp` is not signed, so checking it only catches slow honest requests;
 * it is checked when present because a replay of an old capture usually carries its old value.
 * @see https://docs.sentry.io/organization/integrations/integration-platform/webhooks/
 */
export function verifySentry(request: {
  readonly secret: string;
  readonly body: string;
  readonly signature: string | undefined;
  readonly timestamp: string | undefined;
  readonly nowMs: number;
  readonly window?: TimestampWindow;
}): SignatureCheck {
  if (request.signature === undefined) return refused('The request has no Sentry-Hook-Signature: send it from a Sentry internal integration.');
  if (!sameDigest(request.signature.trim(), hmacHex(request.secret, request.body))) {
    return refused('Sentry-Hook-Signature does not match: use the integration\'s client secret as this source\'s secret.');
  }
  return request.timestamp === undefined ? OK : checkTimestamp(request.timestamp, request.nowMs, request.window);
}

/**
 * Grafana's webhook contact point with "HMAC Signature" set: hex HMAC-SHA256 of `timestamp:body`
 * when a timestamp header is configured (the timestamp is then signed), of the body alone otherwise.
 * @see https://grafana.com/docs/grafana/latest/alerting/configure-notifications/manage-contact-points/integrations/webhook-notifier/
 */
export function verifyGrafana(request: {
  readonly secret: string;
  readonly body: string;
  readonly signature: string | undefined;
  /** The value of the configured timestamp header; undefined when the source has none configured. */
  readonly timestamp: string | undefined;
  readonly nowMs: number;
  readonly window?: TimestampWindow;
}): SignatureCheck {
  if (request.signature === undefined) return refused('The request is not signed: set the contact point\'s HMAC signature secret in Grafana.');
  const message = request.timestamp === undefined ? request.body : `${request.timestamp.trim()}:${request.body}`;
  if (!sameDigest(request.signature.trim(), hmacHex(request.secret, message))) {
    return refused('The Grafana signature does not match: the contact point\'s HMAC secret and this source\'s secret differ.');
  }
  return request.timestamp === undefined ? OK : checkTimestamp(request.timestamp, request.nowMs, request.window);
}

/**
 * For senders that cannot sign (Alertmanager's `http_config.authorization`, Honeybadger's
 * `Honeybadger-Token`): the presented token equals the secret. Both are hashed first so the
 * comparison takes the same time whatever their lengths.
 */
export function verifySharedToken(request: { readonly secret: string; readonly presented: string | undefined }): SignatureCheck {
  if (request.presented === undefined || request.presented.trim() === '') return refused('The request carries no token: configure the sender to send this source\'s secret.');
  const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(request.presented.trim()), digest(request.secret)) ? OK : refused('The token does not match this source\'s secret.');
}

/** The credentials of `Authorization: Bearer <token>`, or undefined for any other scheme. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = authorization === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match?.[1];
}
