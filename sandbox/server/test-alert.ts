import { createHmac, randomUUID } from 'node:crypto';

import type { AlertSourceKind } from '../../src/domain/intake/incoming-alert';
import { sampleAlertBody } from '../../src/domain/intake/samples';
import { GRAFANA_SIGNATURE_HEADER, GRAFANA_TIMESTAMP_HEADER } from '../../src/domain/intake/sender-setup';
import { signGeneric } from '../../src/entry/intake/signature';
import type { Sandbox } from '../sandbox';

/**
 * "Send test alert" from outside the app: the sandbox plays the sender. It signs the kind's sample
 * body with the source's stored secret, the way that sender signs (docs/research/intake.md), and
 * sends a real HTTP request to the source's URL, so the request crosses the same server, web
 * trigger emulator and front door as a real one.
 */

const hex = (secret: string, message: string): string => createHmac('sha256', secret).update(message, 'utf8').digest('hex');

/** The headers a well-behaved sender of the kind adds for this body and secret at `nowSeconds`, with the sender's own spelling of each name. */
export const senderHeaders = (kind: AlertSourceKind, secret: string, body: string, nowSeconds: number, deliveryId: string = randomUUID()): Record<string, string> => {
  switch (kind) {
    case 'generic':
      return { 'X-Firebreak-Timestamp': String(nowSeconds), 'X-Firebreak-Signature': signGeneric(secret, nowSeconds, body) };
    case 'grafana':
      return { [GRAFANA_TIMESTAMP_HEADER]: String(nowSeconds), [GRAFANA_SIGNATURE_HEADER]: hex(secret, `${String(nowSeconds)}:${body}`) };
    case 'sentry':
      return { 'Sentry-Hook-Signature': hex(secret, body), 'Sentry-Hook-Timestamp': String(nowSeconds), 'Request-ID': deliveryId, 'Sentry-Hook-Resource': 'event_alert' };
    case 'dependabot':
      return { 'X-Hub-Signature-256': `sha256=${hex(secret, body)}`, 'X-GitHub-Delivery': deliveryId, 'X-GitHub-Event': 'dependabot_alert' };
    case 'alertmanager':
    case 'honeybadger':
      return { Authorization: `Bearer ${secret}` };
  }
};

interface StoredSourceRow {
  readonly document?: { readonly kind?: AlertSourceKind; readonly url?: string | null };
}

export type TestAlertAnswer = { readonly status: number; readonly body: unknown };

export const sendSignedTestAlert = async (sandbox: Sandbox, sourceId: string): Promise<TestAlertAnswer> => {
  const row = sandbox.kvs.dump().entities['alert-source']?.[sourceId] as StoredSourceRow | undefined;
  const kind = row?.document?.kind;
  const url = row?.document?.url;
  if (kind === undefined) return { status: 404, body: { message: `No alert source ${sourceId}.` } };
  if (url === null || url === undefined) return { status: 409, body: { message: `The alert source ${sourceId} has no URL yet; rotate it with a new URL.` } };
  const secret = sandbox.kvs.readSecret(`alert-source-secret:${sourceId}`);
  if (typeof secret !== 'string') return { status: 409, body: { message: `The alert source ${sourceId} has no secret; rotate it.` } };
  const body = JSON.stringify(sampleAlertBody(kind, new Date().toISOString()));
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...senderHeaders(kind, secret, body, Math.floor(Date.now() / 1000)) }, body });
  const text = await response.text();
  let answer: unknown = text;
  try {
    answer = JSON.parse(text) as unknown;
  } catch {
    // The platform's own answers (404 for a deleted URL, 424 for a time-out) are text.
  }
  return { status: 200, body: { sourceId, kind, url, webTrigger: { status: response.status, retryAfter: response.headers.get('retry-after'), body: answer } } };
};
