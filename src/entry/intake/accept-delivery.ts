/**
 * intake (issue 17): the seam between the front door (the web trigger: find the source, check the
 * signature and the time, refuse replays, parse) and the back office (store, coalesce, queue,
 * open or update incidents). The front door calls this once per accepted request, after parsing;
 * what it answers the sender follows from the outcome: `accepted` → 202, `retry` → 503 with
 * `Retry-After` (the sender's retry delivers it again; nothing was kept).
 *
 * STUB until the back office lands: accepts and keeps nothing.
 */
import type { AlertSource } from '../../contract/intake.contract';
import type { IncomingAlert } from '../../domain/intake/incoming-alert';

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

export async function acceptDelivery(delivery: Delivery): Promise<DeliveryOutcome> {
  return { kind: 'accepted', message: `Accepted ${delivery.alerts.length} alert(s).` };
}
