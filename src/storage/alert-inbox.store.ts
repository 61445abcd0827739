import { createHash } from 'node:crypto';

import { kvs } from '@forge/kvs';
import { z } from 'zod';

import type { IncomingAlert } from '../domain/intake/incoming-alert';
import { saveTogether, type SwapOutcome, type VersionedRow, type VersionedWrite } from './compare-and-swap';
import { StoredDataError } from './stored-data-error';

/**
 * intake (issue 17): the inbox, one `alert-inbox` row per (source, fingerprint). The web trigger
 * counts each firing here (compare-and-swap) before anything is queued, so an accepted request is
 * stored before it is processed; the consumer moves what is pending into the incident record in one
 * transaction with it (see alert-incident.store.ts), so a firing is counted once, whoever retries.
 *
 * `queuedAt` says an async event for this row is on its way or being worked: the web trigger pushes
 * an event only when it is null (or so old that the event must have been lost), which is what keeps
 * a storm of firings of a few fingerprints to a few events. The consumer clears it when nothing is
 * left pending.
 */
const ENTITY = 'alert-inbox';

/** Delivery keys a row remembers, newest last: the same delivery twice is counted once. */
export const REMEMBERED_DELIVERIES = 20;

/**
 * An event queued longer ago than this, with firings still pending, is taken for lost (Forge keeps
 * an event for 24 hours and retries it with waits up to 15 minutes; the consumer refreshes
 * `queuedAt` every time it takes firings): the next delivery pushes another. A second event for the
 * same row is harmless, only wasted.
 */
export const QUEUED_STALE_MS = 30 * 60_000;

// The stored alert is the parser's output; parsed loosely on the way back (the parser wrote it).
const alertSchema = z.custom<IncomingAlert>((value) => typeof value === 'object' && value !== null && typeof (value as { fingerprint?: unknown }).fingerprint === 'string');

export const inboxDocumentSchema = z.object({
  sourceId: z.string().min(1),
  fingerprint: z.string().min(1),
  /** Firings received and not yet taken by the consumer. */
  firings: z.number().int().nonnegative(),
  /** When the first of the pending firings came (ISO); null when none is pending. */
  firstPendingAt: z.string().nullable(),
  /** When the latest firing came; null when none ever did. */
  lastFiringAt: z.string().nullable(),
  /** A resolution received and not yet taken, and no firing received after it: when it arrived. */
  resolvedAt: z.string().nullable(),
  /** The latest alert as its sender said it (title, labels, link…). */
  latest: alertSchema,
  deliveries: z.array(z.string()).max(REMEMBERED_DELIVERIES),
  queuedAt: z.string().nullable(),
});
export type InboxDocument = z.infer<typeof inboxDocumentSchema>;

interface InboxRow extends VersionedRow {
  readonly sourceId: string;
  readonly document: InboxDocument;
}

export interface StoredInbox {
  readonly document: InboxDocument;
  readonly version: number;
}

const rows = () => kvs.entity<InboxRow>(ENTITY);

/**
 * The key of everything kept per (source, fingerprint): a fingerprint is the sender's text
 * (`CVE-2026-1/npm/pkg`, a Sentry id), and storage keys allow only `[a-zA-Z0-9:._ -#]`.
 */
export const alertKeyOf = (sourceId: string, fingerprint: string): string => `alert-${createHash('sha256').update(`${sourceId}\u0000${fingerprint}`).digest('hex').slice(0, 40)}`;

export const readInbox = async (key: string): Promise<StoredInbox | null> => {
  const row = await rows().get(key);
  if (row === undefined) return null;
  const parsed = inboxDocumentSchema.safeParse(row.document);
  if (!parsed.success) throw new StoredDataError(`The alert inbox row ${key} is stored in a shape Firebreak does not understand.`);
  return { document: parsed.data, version: row.version };
};

export const inboxWrite = (key: string, document: InboxDocument, baseVersion: number): VersionedWrite => ({
  entityName: ENTITY,
  key,
  row: { version: baseVersion + 1, sourceId: document.sourceId, document: inboxDocumentSchema.parse(document) } as InboxRow,
  baseVersion,
});

export const saveInbox = (key: string, document: InboxDocument, baseVersion: number): Promise<SwapOutcome> => saveTogether([inboxWrite(key, document, baseVersion)]);
