import type { z } from 'zod';

/**
 * intake (issue 17): one shape for everything a machine raises, whichever tool sent it. Each
 * provider's parser (`alertmanager.ts`, `grafana.ts`, …) turns its documented payload into a list
 * of these, or refuses the whole body with one sentence. Pure: the body arrives already
 * `JSON.parse`d, signatures were checked before (`src/entry/intake/signature.ts`), and nothing here
 * reads a clock: a parser never decides whether an alert is old, only what it says.
 *
 * @see docs/research/intake.md for each provider's payload and where its documentation stops.
 */

export type AlertSourceKind = 'alertmanager' | 'grafana' | 'sentry' | 'honeybadger' | 'dependabot' | 'generic';

export type AlertStatus = 'firing' | 'resolved';

/** What a vulnerability finding adds (Dependabot, or the generic shape's `advisory`). */
export interface AdvisoryFacts {
  /** `CVE-2026-31337`; null when the advisory has only a GHSA id (some do). */
  readonly cveId: string | null;
  /** GitHub's own advisory id, when the source has one. */
  readonly ghsaId: string | null;
  /** 0.1–10.0; null when the source gives none (GitHub sends 0 for "no score"). */
  readonly cvssScore: number | null;
  /** `fast-xml-parser`, `org.example:xml-kit`. */
  readonly packageName: string;
  /** `npm`, `maven`, …; null when the generic sender did not say. */
  readonly ecosystem: string | null;
  /** First patched version; null when no fix exists yet. */
  readonly fixedVersion: string | null;
}

/** Defaults a parser can read off the payload; the source's mapping rules may override them. */
export interface AlertHints {
  readonly environment: string | null;
  readonly service: string | null;
  readonly customer: string | null;
  /** The sender's own word for severity (`page`, `critical`, Sentry's `error`), never a policy level. */
  readonly severity: string | null;
}

export interface IncomingAlert {
  readonly kind: AlertSourceKind;
  /**
   * What makes two deliveries "the same alert" within one source: Alertmanager's and Grafana's
   * `fingerprint`, Sentry's issue id, Honeybadger's fault id, `CVE/ecosystem/package` for
   * advisories, the generic sender's `id`. Deduplication keys on (source, fingerprint).
   */
  readonly fingerprint: string;
  readonly status: AlertStatus;
  /** One line, at most {@link MAX_TITLE_CHARS} (Jira's summary limit). */
  readonly title: string;
  /** At most {@link MAX_DESCRIPTION_CHARS}; empty when the sender said nothing more. */
  readonly description: string;
  readonly labels: Readonly<Record<string, string>>;
  /** ISO instant; null when the sender gave none. */
  readonly startedAt: string | null;
  /** ISO instant, only for a resolved alert (Alertmanager sends a placeholder while firing). */
  readonly endedAt: string | null;
  /** Where a person sees the alert at its source (generator, issue, fault, advisory page). */
  readonly link: string | null;
  readonly hints: AlertHints;
  readonly advisory: AdvisoryFacts | null;
}

export type ParseResult =
  | {
      readonly ok: true;
      readonly alerts: readonly IncomingAlert[];
      /** Why nothing (or not everything) was taken, in a sentence; null when all of it was. */
      readonly note: string | null;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * Per request. Forge's async events take 50 events and 200 KB per push
 * (https://developer.atlassian.com/platform/forge/limits-async-events/), so a body of 100 alerts
 * is two pushes at most; Alertmanager (`max_alerts`) and Grafana ("Max Alerts") let the sender cap
 * a notification below this, which the refusal tells them to do.
 */
export const MAX_ALERTS_PER_REQUEST = 100;
export const MAX_LABELS_PER_ALERT = 64;
export const MAX_LABEL_NAME_CHARS = 128;
export const MAX_LABEL_VALUE_CHARS = 1024;
/** Jira refuses a summary over 255 characters. */
export const MAX_TITLE_CHARS = 255;
export const MAX_DESCRIPTION_CHARS = 8000;
/** A field longer than this is not an alert but an attack or a bug; the body is refused. */
export const MAX_FIELD_CHARS = 65_536;
const MAX_DEPTH = 32;
const MAX_NODES = 50_000;

/** Keys that would reach `Object.prototype` if any later code merged the labels by assignment. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const SOURCE_NAMES: Record<AlertSourceKind, string> = {
  alertmanager: 'Alertmanager',
  grafana: 'Grafana',
  sentry: 'Sentry',
  honeybadger: 'Honeybadger',
  dependabot: 'GitHub Dependabot',
  generic: 'generic alert',
};

export const sourceName = (kind: AlertSourceKind): string => SOURCE_NAMES[kind];

export const refuse = (reason: string): ParseResult => ({ ok: false, reason });
export const accept = (alerts: readonly IncomingAlert[], note: string | null = null): ParseResult => ({ ok: true, alerts, note });

/**
 * Before any schema: the body must be a JSON object, not absurdly deep or large, and carry no key
 * that names a prototype. zod's `record` silently drops `__proto__` (checked with zod 4.6), which
 * would turn an attack into a quietly different alert; refusing says what happened.
 */
export function screenBody(kind: AlertSourceKind, body: unknown): string | null {
  const name = sourceName(kind);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return `The ${name} request was refused: its body must be a JSON object.`;
  }
  let nodes = 0;
  const stack: Array<{ readonly value: unknown; readonly depth: number }> = [{ value: body, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    nodes += 1;
    if (nodes > MAX_NODES) return `The ${name} request was refused: its body holds more than ${MAX_NODES} values.`;
    if (item.depth > MAX_DEPTH) return `The ${name} request was refused: its body is nested more than ${MAX_DEPTH} levels deep.`;
    const { value, depth } = item;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const child of value) stack.push({ value: child, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return `The ${name} request was refused: it contains the key "${key}", which no alert needs.`;
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return null;
}

/** One sentence for the first thing zod found wrong, naming the field as the sender wrote it. */
export function refusalFromIssues(kind: AlertSourceKind, error: z.ZodError): string {
  const issue = error.issues[0];
  const name = sourceName(kind);
  if (issue === undefined) return `The ${name} request was refused: its body does not have the documented shape.`;
  const where = issue.path.length === 0 ? 'the body' : `"${issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : String(part))).join('.').replace(/\.\[/g, '[')}"`;
  return `The ${name} request was refused: ${where} ${problemOf(issue)}.`;
}

function problemOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.message.endsWith('received undefined') ? 'is missing' : `should be ${article(issue.expected)}`;
    case 'too_big':
      return issue.origin === 'array' ? `has more than ${String(issue.maximum)} items` : issue.origin === 'string' ? `is longer than ${String(issue.maximum)} characters` : `is above ${String(issue.maximum)}`;
    case 'too_small':
      return issue.origin === 'string' ? 'is empty' : issue.origin === 'array' ? 'has no items' : `is below ${String(issue.minimum)}`;
    case 'custom':
      return issue.message;
    case 'invalid_format':
      // Our own schemas word their patterns ("should look like CVE-2026-12345"); zod's default does not read as a sentence.
      return issue.message.startsWith('Invalid') ? 'is not in the expected format' : issue.message;
    case 'invalid_value':
      return `should be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    default:
      return 'is not valid';
  }
}

const article = (expected: string): string => (expected === 'object' || expected === 'array' ? `an ${expected}` : `a ${expected}`);

/** Collapses whitespace and cuts at `max` characters with an ellipsis; a title is one line. */
export function clampLine(text: string, max: number = MAX_TITLE_CHARS): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

export function clampText(text: string, max: number = MAX_DESCRIPTION_CHARS): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1).trimEnd()}…`;
}

/**
 * An ISO instant from a sender's timestamp, or null. Go's zero `time.Time`
 * (`0001-01-01T00:00:00Z`), which Alertmanager and Grafana send as `endsAt` while an alert fires,
 * reads as "none".
 */
export function instantOrNull(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || ms <= Date.parse('0001-01-02T00:00:00Z')) return null;
  return new Date(ms).toISOString();
}

/** A link only when it is http(s); anything else (javascript:, data:) would be unsafe to show. */
export function linkOrNull(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return /^https?:\/\/[^\s]+$/i.test(trimmed) ? trimmed : null;
}

const pick = (labels: Readonly<Record<string, string>>, names: readonly string[]): string | null => {
  for (const name of names) {
    const value = labels[name]?.trim();
    if (value !== undefined && value !== '') return value;
  }
  return null;
};

/** The usual label names; a source's mapping rules choose others when a team uses its own. */
export function hintsFromLabels(labels: Readonly<Record<string, string>>): AlertHints {
  return {
    environment: pick(labels, ['environment', 'env', 'deployment_environment']),
    service: pick(labels, ['service', 'app', 'application', 'component', 'job']),
    customer: pick(labels, ['customer', 'tenant', 'client']),
    severity: pick(labels, ['severity', 'priority', 'level']),
  };
}

/**
 * Labels as a plain record. Object keys were screened ({@link screenBody}), but some names come
 * from values (Sentry's tag pairs, Honeybadger's `key:value` tags): a prototype name among them is
 * dropped, so no later merge by assignment can reach `Object.prototype`.
 */
export function labelsOf(entries: Iterable<readonly [string, string]>): Record<string, string> {
  return Object.fromEntries([...entries].filter(([name]) => !FORBIDDEN_KEYS.has(name)));
}
