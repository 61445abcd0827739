import { z } from 'zod';

import { accept, clampLine, clampText, hintsFromLabels, instantOrNull, labelsOf, linkOrNull, refusalFromIssues, refuse, screenBody, type AlertStatus, type ParseResult } from './incoming-alert';
import { text } from './schema-parts';

/**
 * Honeybadger's webhook, payload version v2 (the default; v3 is in preview). Only the error events
 * become alerts: a fault that occurred, exceeded its rate or spiked is firing; resolved is resolved;
 * reopened (`unresolved`) fires again. Other events (assigned, commented, deployed, uptime, check-ins,
 * Insights alarms) are accepted and ignored with a note, so Honeybadger sees a 2xx and keeps the
 * integration on.
 * @see https://docs.honeybadger.io/guides/integrations/webhook/
 * @see https://docs.honeybadger.io/guides/integrations/payloads/v2/
 */

const FAULT_EVENTS: Readonly<Record<string, AlertStatus>> = {
  occurred: 'firing',
  rate_exceeded: 'firing',
  volume_spike: 'firing',
  unresolved: 'firing',
  resolved: 'resolved',
};

const faultSchema = z.object({
  id: z.union([z.number().int().nonnegative(), z.string().min(1).max(64)]),
  klass: text,
  message: text.nullish(),
  component: text.nullish(),
  action: text.nullish(),
  environment: text.nullish(),
  created_at: text.nullish(),
  last_notice_at: text.nullish(),
  notices_count: z.number().int().nonnegative().optional(),
  tags: z.array(z.string().max(1024)).max(100).optional(),
  url: text.nullish(),
});

const eventSchema = z.object({
  event: z.string().min(1).max(64),
  message: text,
  project: z.object({ name: text.optional() }).optional(),
  fault: faultSchema,
});

/** `customer:northwind` reads as the label `customer`; a plain tag is kept as `tag:<name>` = `true`. */
const TAG_KEY = /^[A-Za-z_][\w.-]{0,63}$/;
const tagLabel = (tag: string): readonly [string, string] => {
  const at = tag.indexOf(':');
  const key = at > 0 ? tag.slice(0, at) : '';
  return TAG_KEY.test(key) && !['__proto__', 'constructor', 'prototype'].includes(key) ? [key, tag.slice(at + 1)] : [`tag:${tag.slice(0, 120)}`, 'true'];
};

export function parseHoneybadger(body: unknown): ParseResult {
  const screened = screenBody('honeybadger', body);
  if (screened !== null) return refuse(screened);
  const event = (body as { event?: unknown }).event;
  const status = typeof event === 'string' ? FAULT_EVENTS[event] : undefined;
  if (typeof event === 'string' && status === undefined) {
    return accept([], `Honeybadger's "${event.slice(0, 64)}" event is not about an error occurring or resolving; nothing was raised.`);
  }
  const parsed = eventSchema.safeParse(body);
  if (!parsed.success || status === undefined) return refuse(parsed.success ? 'The Honeybadger request was refused: "event" is missing.' : refusalFromIssues('honeybadger', parsed.error));
  const { fault, project } = parsed.data;

  const labels = labelsOf(
    [
      ['klass', fault.klass],
      ['component', fault.component],
      ['action', fault.action],
      ['environment', fault.environment],
      ['project', project?.name],
      ['event', parsed.data.event],
      ...(fault.tags ?? []).map(tagLabel),
    ].filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''),
  );
  const hints = hintsFromLabels(labels);
  const message = fault.message ?? '';
  return accept([
    {
      kind: 'honeybadger',
      fingerprint: String(fault.id),
      status,
      title: clampLine(message === '' ? fault.klass : `${fault.klass}: ${message}`),
      description: clampText([parsed.data.message, fault.notices_count === undefined ? '' : fault.notices_count === 1 ? 'Seen once.' : `Seen ${String(fault.notices_count)} times.`].filter((part) => part !== '').join('\n')),
      labels,
      startedAt: instantOrNull(fault.created_at),
      // The v2 payload carries no resolution time (`last_notice_at` is the last error, not the fix).
      endedAt: null,
      link: linkOrNull(fault.url),
      hints: { ...hints, service: hints.service ?? project?.name ?? null },
      advisory: null,
    },
  ]);
}
