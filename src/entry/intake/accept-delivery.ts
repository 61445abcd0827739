/**
 * intake (issue 17): the seam between the front door (the web trigger: find the source, check the
 * signature and the time, refuse replays, parse) and the back office (store, coalesce, queue,
 * open or update incidents). The front door calls this once per accepted request, after parsing;
 * what it answers the sender follows from the outcome: `accepted` → 202, `retry` → 503 with
 * `Retry-After`.
 *
 * Stored before processed: every firing is counted in its (source, fingerprint) inbox row first
 * (compare-and-swap, remembering the delivery key, so the same delivery twice counts once). Then
 * one async event is pushed per row that has none on its way; the event carries only the row's
 * key, and the consumer takes whatever the row holds by then. A storm of hundreds of firings of a
 * few alerts therefore makes a few events, well under Forge's 500 a minute.
 *
 * A push that fails (Forge's per-minute limit, a partial success, an outage) loses nothing: the
 * rows keep their firings and are marked as having no event, and the answer is `retry`, so a sender
 * that retries (Alertmanager retries 5xx) sends the delivery again, which counts nothing twice and
 * pushes what is missing. A sender that does not retry (Sentry) has the row pushed by its alert's
 * next firing.
 * @see https://developer.atlassian.com/platform/forge/limits-async-events/
 * @see https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api-error-handling/
 * @see docs/research/intake.md
 */
import { PartialSuccessError, Queue, RateLimitError } from '@forge/events';

import type { AlertSource } from '../../contract/intake.contract';
import type { IncomingAlert } from '../../domain/intake/incoming-alert';
import { alertKeyOf, QUEUED_STALE_MS, readInbox, REMEMBERED_DELIVERIES, saveInbox, type InboxDocument } from '../../storage/alert-inbox.store';

export interface Delivery {
  readonly source: AlertSource;
  readonly alerts: readonly IncomingAlert[];
  /** Unique per request as the sender made it (its delivery id, or the signature): the same key twice is one delivery. */
  readonly deliveryKey: string;
  /** ISO instant the web trigger received it. */
  readonly receivedAt: string;
  /** Sent by "Send test alert" rather than the real sender. */
  readonly test: boolean;
}

export type DeliveryOutcome =
  | { readonly kind: 'accepted'; readonly message: string }
  | { readonly kind: 'retry'; readonly retryAfterSeconds: number; readonly message: string };

export const ALERT_QUEUE = 'alert-intake';

/** What each event carries: the inbox row to work on. */
export interface AlertEventBody extends Record<string, unknown> {
  readonly sourceId: string;
  readonly fingerprint: string;
}

/** "Event per request: 50"; "Payload size: 200 KB" combined, measured as JSON bytes / 1024 (as @forge/events does). */
const EVENTS_PER_PUSH = 50;
const MAX_PUSH_KB = 200;
/** Rows written at once: a request holds up to 100 alerts, and Sentry wants an answer within 1 s. */
const WRITES_IN_FLIGHT = 10;
const MAX_SAVE_ATTEMPTS = 8;
/** What a sender is asked to wait after Forge's per-minute limit: the window is a minute. */
const RATE_LIMIT_RETRY_SECONDS = 60;
const OTHER_RETRY_SECONDS = 30;

export async function acceptDelivery(delivery: Delivery): Promise<DeliveryOutcome> {
  const groups = groupByFingerprint(delivery.alerts);
  if (groups.length === 0) return { kind: 'accepted', message: 'Accepted; the request held no alerts.' };
  const toPush: AlertEventBody[] = [];
  await inParallel(groups, WRITES_IN_FLIGHT, async (group) => {
    if (await countFirings(delivery, group)) toPush.push({ sourceId: delivery.source.id, fingerprint: group.fingerprint });
  });
  const notQueued = await push(toPush);
  if (notQueued.failed.length > 0) {
    await Promise.all(notQueued.failed.map((body) => unmarkQueued(alertKeyOf(body.sourceId, body.fingerprint), delivery.receivedAt)));
    return {
      kind: 'retry',
      retryAfterSeconds: notQueued.rateLimited ? RATE_LIMIT_RETRY_SECONDS : OTHER_RETRY_SECONDS,
      message: `Stored ${plural(delivery.alerts.length, 'alert')}, but ${String(notQueued.failed.length)} of ${plural(groups.length, 'alert')} could not be queued for processing (${notQueued.reason}). Send the request again after the wait: nothing is counted twice.`,
    };
  }
  return { kind: 'accepted', message: `Accepted ${plural(delivery.alerts.length, 'alert')}${delivery.test ? ' (a test)' : ''}.` };
}

interface FingerprintGroup {
  readonly fingerprint: string;
  readonly firings: number;
  /** The last alert of the group, as the sender listed it: a resolution when it says resolved. */
  readonly latest: IncomingAlert;
}

/** One delivery may list an alert more than once (a grouped notification): counted per fingerprint. */
const groupByFingerprint = (alerts: readonly IncomingAlert[]): FingerprintGroup[] => {
  const groups = new Map<string, FingerprintGroup>();
  for (const alert of alerts) {
    const before = groups.get(alert.fingerprint);
    groups.set(alert.fingerprint, { fingerprint: alert.fingerprint, firings: (before?.firings ?? 0) + (alert.status === 'firing' ? 1 : 0), latest: alert });
  }
  return [...groups.values()];
};

/**
 * Counts one group's firings in its inbox row, once per delivery key. True when an event must be
 * pushed for the row: it has work and no event on its way (or one so old it was lost).
 */
const countFirings = async (delivery: Delivery, group: FingerprintGroup): Promise<boolean> => {
  const key = alertKeyOf(delivery.source.id, group.fingerprint);
  const at = delivery.receivedAt;
  for (let attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt += 1) {
    const stored = await readInbox(key);
    const row = stored?.document;
    const seen = row?.deliveries.includes(delivery.deliveryKey) ?? false;
    const hasWork = (row?.firings ?? 0) > 0 || row?.resolvedAt != null || (!seen && (group.firings > 0 || group.latest.status === 'resolved'));
    const queued = row?.queuedAt != null && Date.parse(at) - Date.parse(row.queuedAt) < QUEUED_STALE_MS;
    const needsEvent = hasWork && !queued;
    if (seen && !needsEvent) return false;
    const next: InboxDocument = seen
      ? { ...(row as InboxDocument), queuedAt: at }
      : {
          sourceId: delivery.source.id,
          fingerprint: group.fingerprint,
          firings: (row?.firings ?? 0) + group.firings,
          firstPendingAt: group.firings > 0 ? (row?.firstPendingAt ?? at) : (row?.firstPendingAt ?? null),
          lastFiringAt: group.firings > 0 ? at : (row?.lastFiringAt ?? null),
          // Ordered by arrival, not by the sender's clock: a resolution is pending until a later firing
          // supersedes it (delivery is unordered, and senders' clocks are theirs). The note tells the sender's time.
          resolvedAt: group.latest.status === 'resolved' ? at : group.firings > 0 ? null : (row?.resolvedAt ?? null),
          latest: group.latest,
          deliveries: [...(row?.deliveries ?? []), delivery.deliveryKey].slice(-REMEMBERED_DELIVERIES),
          queuedAt: needsEvent ? at : (row?.queuedAt ?? null),
        };
    if ((await saveInbox(key, next, stored?.version ?? 0)) === 'saved') return needsEvent;
    await pause(attempt);
  }
  throw new Error(`The alert inbox for ${group.fingerprint} kept changing while a delivery was counted.`);
};

interface PushResult {
  readonly failed: readonly AlertEventBody[];
  readonly rateLimited: boolean;
  readonly reason: string;
}

/** Pushes the events in batches of at most 50 and 200 KB; says which did not land. */
const push = async (bodies: readonly AlertEventBody[]): Promise<PushResult> => {
  const queue = new Queue({ key: ALERT_QUEUE });
  const failed: AlertEventBody[] = [];
  let rateLimited = false;
  let reason = '';
  for (const batch of batches(bodies)) {
    if (failed.length > 0 && rateLimited) {
      // The minute's allowance is spent: the rest would be refused as well.
      failed.push(...batch);
      continue;
    }
    try {
      await queue.push(batch.map((body) => ({ body })));
    } catch (error) {
      if (error instanceof PartialSuccessError) {
        // The type says `event`; @forge/events 3.0.8 fills `payload` (out/validators.js): read either.
        const lost = error.failedEvents
          .map((failed) => (failed as { readonly event?: { readonly body?: unknown }; readonly payload?: { readonly body?: unknown } }).event?.body ?? (failed as { readonly payload?: { readonly body?: unknown } }).payload?.body)
          .filter((body): body is AlertEventBody => typeof body === 'object' && body !== null && typeof (body as Record<string, unknown>)['fingerprint'] === 'string');
        // A partial success that does not say which failed: treat the whole batch as not queued (a duplicate event is harmless).
        failed.push(...(lost.length > 0 ? lost : batch));
        reason = error.message;
      } else {
        failed.push(...batch);
        rateLimited ||= error instanceof RateLimitError;
        reason = error instanceof RateLimitError ? 'Forge’s limit of 500 events a minute was reached' : error instanceof Error ? error.message : String(error);
      }
    }
  }
  return { failed, rateLimited, reason };
};

const batches = (bodies: readonly AlertEventBody[]): AlertEventBody[][] => {
  const result: AlertEventBody[][] = [];
  let current: AlertEventBody[] = [];
  let kb = 0;
  for (const body of bodies) {
    const size = Buffer.byteLength(JSON.stringify({ body })) / 1024;
    if (current.length > 0 && (current.length >= EVENTS_PER_PUSH || kb + size > MAX_PUSH_KB * 0.95)) {
      result.push(current);
      current = [];
      kb = 0;
    }
    current.push(body);
    kb += size;
  }
  if (current.length > 0) result.push(current);
  return result;
};

/** A row whose event did not land says so, so the next delivery (or the retry of this one) pushes it. */
const unmarkQueued = async (key: string, queuedAt: string): Promise<void> => {
  for (let attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt += 1) {
    const stored = await readInbox(key);
    if (stored?.document.queuedAt !== queuedAt) return;
    if ((await saveInbox(key, { ...stored.document, queuedAt: null }, stored.version)) === 'saved') return;
    await pause(attempt);
  }
};

const inParallel = async <T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> => {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) await work(items[index] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
};

/** Writers of one row spread apart before reading again. */
const pause = (attempt: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * (attempt + 1)));

const plural = (count: number, noun: string, pluralNoun = `${noun}s`): string => `${String(count)} ${count === 1 ? noun : pluralNoun}`;
