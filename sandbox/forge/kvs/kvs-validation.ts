/**
 * Key, value and option validation shared by every KVS / Custom Entity Store operation.
 *
 * The emulator is deliberately at least as strict as the platform: an app that passes here must
 * not meet a limit error for the first time in production.
 *
 * @see https://developer.atlassian.com/platform/forge/limits-kvs-ce/
 * @see https://developer.atlassian.com/platform/forge/storage-reference/handling-errors-kvs/
 */
import { badRequest } from './kvs-errors';

export const MAX_KEY_LENGTH = 500;
/** 240 KiB of serialized JSON per value. */
export const MAX_VALUE_BYTES = 240 * 1024;
/** "maximum object depth (32)" — handling-errors-customentities. */
export const MAX_VALUE_DEPTH = 32;
/** Batch operations: "Each batch operation can contain a maximum of 25 keys" (storage-reference/entities-batch). */
export const MAX_BATCH_ITEMS = 25;
/** Transactions: 25 operations, 4 MB (limits-kvs-ce); batchSet shares the 4 MB payload cap. */
export const MAX_TRANSACTION_OPS = 25;
export const MAX_REQUEST_PAYLOAD_BYTES = 4 * 1024 * 1024;
/** Query pages: at most 100 results (limits-kvs-ce). */
export const MAX_QUERY_LIMIT = 100;
/** Default page size when the caller sets no limit (same as the legacy storage API). */
export const DEFAULT_QUERY_LIMIT = 10;
/** TTL may not exceed one year (storage-reference/kvs). */
export const MAX_TTL_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * The documented key pattern, `/^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/`. Inside the class `\s-#` is not a
 * range (a class escape cannot bound one), so the allowed set is letters, digits, `:`, `.`, `_`,
 * whitespace, `-` and `#`. Notably `/` is NOT allowed — a classic surprise for `config/x` keys.
 */
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function validateKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0) {
    throw badRequest('EMPTY_KEY', 'Key cannot be empty.');
  }
  if (key.length > MAX_KEY_LENGTH) {
    throw badRequest('KEY_TOO_LONG', `The provided key has exceeded the maximum ${MAX_KEY_LENGTH} characters.`);
  }
  if (!KEY_PATTERN.test(key)) {
    throw badRequest('INVALID_KEY', `The provided key "${key}" does not match the regex: /^(?!\\s+$)[a-zA-Z0-9:._\\s-#]+$/`);
  }
  return key;
}

/** Depth of a JSON value: scalars are 0, `{}`/`[]` are 1, each level of nesting adds 1. */
export function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + value.reduce<number>((max, item) => Math.max(max, depthOf(item)), 0);
  if (isRecord(value)) return 1 + Object.values(value).reduce<number>((max, item) => Math.max(max, depthOf(item)), 0);
  return 0;
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Checks a value as it arrived over the wire (already JSON-parsed) and returns its serialized size. */
export function validateValue(value: unknown): number {
  if (value === undefined) {
    throw badRequest('BAD_REQUEST', 'A value is required; undefined cannot be stored.');
  }
  const depth = depthOf(value);
  if (depth > MAX_VALUE_DEPTH) {
    throw badRequest('MAX_DEPTH', `The provided value has exceeded the maximum object depth (${MAX_VALUE_DEPTH}) limit: depth ${depth}.`);
  }
  const size = byteLength(JSON.stringify(value));
  if (size > MAX_VALUE_BYTES) {
    throw badRequest('MAX_SIZE', `The provided value has exceeded the maximum size limit: ${size} bytes > ${MAX_VALUE_BYTES} bytes (240 KiB).`);
  }
  return size;
}

const TTL_UNIT_MS: Record<string, number> = {
  SECONDS: 1000,
  MINUTES: 60 * 1000,
  HOURS: 60 * 60 * 1000,
  DAYS: 24 * 60 * 60 * 1000,
};

/** `{ value, unit }` → milliseconds, or undefined when no TTL was asked for. */
export function ttlToMs(ttl: unknown): number | undefined {
  if (ttl === undefined) return undefined;
  if (!isRecord(ttl) || typeof ttl['value'] !== 'number' || typeof ttl['unit'] !== 'string') {
    throw badRequest('INVALID_TTL', 'ttl must be { value: number, unit: SECONDS|MINUTES|HOURS|DAYS }.');
  }
  const unitMs = TTL_UNIT_MS[ttl['unit']];
  const amount = ttl['value'];
  if (unitMs === undefined) throw badRequest('INVALID_TTL', `Unknown ttl unit "${ttl['unit']}".`);
  if (!Number.isInteger(amount) || amount <= 0) throw badRequest('INVALID_TTL', 'ttl value must be a positive integer.');
  const ms = amount * unitMs;
  if (ms > MAX_TTL_MS) throw badRequest('INVALID_TTL', 'ttl may not exceed 1 year.');
  return ms;
}

/** Renders a wire value for messages and ids: primitives as String() does, objects and arrays as JSON. */
export function describeValue(value: unknown): string {
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

export function validateLimit(limit: unknown): number {
  if (limit === undefined || limit === null) return DEFAULT_QUERY_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_LIMIT) {
    throw badRequest('BAD_REQUEST', `limit must be an integer between 1 and ${MAX_QUERY_LIMIT}, got ${describeValue(limit)}.`);
  }
  return limit;
}

export function validatePayloadSize(body: string | null | undefined): void {
  if (body && byteLength(body) > MAX_REQUEST_PAYLOAD_BYTES) {
    throw badRequest('BAD_REQUEST', `Request payload exceeds ${MAX_REQUEST_PAYLOAD_BYTES} bytes (4 MB).`);
  }
}

/** Stable JSON: object keys sorted, so equal data always serializes (and hashes) the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => value[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`);
    return `{${entries.join(',')}}`;
  }
  // JSON.stringify answers undefined (despite its typing) for undefined, functions and symbols
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return 'null';
  return JSON.stringify(value);
}
