/**
 * In-memory Forge Key-Value Store + Custom Entity Store, answering the HTTP calls that the real
 * `@forge/kvs` package (v1.6.5) sends through `global.__forge_fetch__`. The request and response
 * shapes are read off the package's own sources (`out/storage-api.js`, `out/query.js`,
 * `out/entity-query.js`, `out/transaction-api.js`, `out/utils/*.js`), so the package runs unchanged.
 *
 * Each request is handled synchronously inside one call, so every operation is atomic and writes
 * are last-write-wins, as on the platform. With a latency set (kvs-latency.ts), each request first
 * waits, so a read and the write that follows it are two round trips apart and other invocations'
 * writes land in between. Queries here are strongly consistent, which is kinder than the
 * platform's eventual consistency for queries.
 *
 * @see https://developer.atlassian.com/platform/forge/storage-reference/kvs/
 * @see https://developer.atlassian.com/platform/forge/storage-reference/storage-api-custom-entities/
 * @see https://developer.atlassian.com/platform/forge/limits-kvs-ce/
 */
import { createHash } from 'node:crypto';
import {
  compareValues,
  type ConditionGroup,
  matchesCondition,
  matchesGroup,
  parseCondition,
  parseConditionGroup,
  RANGE_CONDITIONS,
} from './kvs-conditions';
import { type EntityDefinition, type EntitySchema, buildSchemas, validateEntityValue } from './kvs-entities';
import { checkLatency, drawLatencyMs, NO_LATENCY } from '../../jira/jira.latency';
import { badRequest, emptyResponse, errorResponse, jsonResponse, KvsRequestError, type KvsErrorCode } from './kvs-errors';
import type { KvsLatency } from './kvs-latency';
import {
  byteLength,
  canonicalJson,
  describeValue,
  isRecord,
  MAX_BATCH_ITEMS,
  MAX_REQUEST_PAYLOAD_BYTES,
  MAX_TRANSACTION_OPS,
  ttlToMs,
  validateKey,
  validateLimit,
  validatePayloadSize,
  validateValue,
} from './kvs-validation';

export interface KvsEmulatorOptions {
  /** entities as declared in manifest.yml `app.storage.entities` */
  entities?: EntityDefinition[];
  /** clock in epoch ms; injectable so TTL expiry and timestamps are testable without waiting */
  now?: () => number;
}

export interface KvsFault {
  /** rate-limit → 429 RATE_LIMIT_EXCEEDED (with Retry-After); error → 500 INTERNAL_SERVER_ERROR */
  kind: 'rate-limit' | 'error';
  /** how many of the next requests fail */
  times: number;
  /**
   * Only requests this accepts fail (e.g. a transaction on one entity), so a test can fail one step
   * of a flow; without it, the next requests fail whatever they are.
   */
  when?: (request: { readonly path: string; readonly body: unknown }) => boolean;
}

export interface KvsDump {
  keys: Record<string, unknown>;
  /** names only: secret values never leave the store through a debugging aid */
  secrets: string[];
  entities: Record<string, Record<string, unknown>>;
}

interface StoredRecord {
  value: unknown;
  createdAt: number;
  updatedAt: number;
  expiresAt: number | undefined;
}

type Namespace = Map<string, StoredRecord>;

/** Where an operation lands: plain keys, secrets, or one custom entity's keys. */
interface Target {
  ns: Namespace;
  schema: EntitySchema | undefined;
}

interface Route {
  kind: 'read' | 'write';
  run: (body: unknown) => Response;
}

type MetadataFieldName = 'CREATED_AT' | 'UPDATED_AT' | 'EXPIRE_TIME';

interface ParsedSetOptions {
  ttlMs: number | undefined;
  keyPolicy: 'OVERRIDE' | 'FAIL_IF_EXISTS';
  returnValue: 'PREVIOUS' | 'LATEST' | undefined;
}

interface TransactionOp {
  op: 'set' | 'delete' | 'check';
  target: Target;
  key: string;
  value: unknown;
  ttlMs: number | undefined;
  conditions: ConditionGroup | undefined;
}

/** Retry-After the emulator suggests on an injected 429; small so retry loops in tests stay fast. */
const RETRY_AFTER_SECONDS = '1';

export class KvsEmulator {
  readonly stats = { reads: 0, writes: 0 };
  /**
   * The error code of a `FAIL_IF_EXISTS` conflict (HTTP 409). Atlassian's REST reference names
   * KEY_CONFLICT; the SDK docs name none, so a test can play another code and check that the app
   * goes by the status.
   * @see https://developer.atlassian.com/platform/forge/rest/api-group-transaction/ (its OpenAPI: /v1/set answers 409 KEY_CONFLICT)
   */
  keyConflictCode = 'KEY_CONFLICT';
  /**
   * How a transaction whose condition failed is answered. What is certain, from `@forge/kvs`: the
   * whole transaction is refused (nothing written), and since `transact().execute()` resolves with
   * nothing (`transaction-api.js`, `StorageApi.transact` with no response body), a refusal can only
   * reach the app as a non-2xx answer, thrown as `ForgeKvsAPIError` (`utils/error-handling.js`).
   * Which status and code Forge sends is documented nowhere: the transactions pages and the REST
   * reference show only the success. 409 CONDITIONAL_CHECK_FAILED is the sandbox's reading (the
   * status Forge uses for FAIL_IF_EXISTS); tests play others to hold the app to neither.
   * @see https://developer.atlassian.com/platform/forge/storage-reference/transactions-entities/
   * @see https://developer.atlassian.com/platform/forge/rest/api-group-transaction/
   */
  conditionFailure: { status: number; code: string } = { status: 409, code: 'CONDITIONAL_CHECK_FAILED' };

  private readonly schemas: Map<string, EntitySchema>;
  private readonly now: () => number;
  private readonly keys: Namespace = new Map();
  private readonly secrets: Namespace = new Map();
  private readonly entities = new Map<string, Namespace>();
  private faults: KvsFault[] = [];
  private readonly routes: Record<string, Route>;
  private storageLatency: KvsLatency = NO_LATENCY;

  constructor(options: KvsEmulatorOptions = {}) {
    this.schemas = buildSchemas(options.entities ?? []);
    this.now = options.now ?? Date.now;
    for (const name of this.schemas.keys()) this.entities.set(name, new Map());
    const plain = (): Target => ({ ns: this.keys, schema: undefined });
    const secret = (): Target => ({ ns: this.secrets, schema: undefined });
    this.routes = {
      '/api/v1/get': { kind: 'read', run: (b) => this.getOne(plain(), b) },
      '/api/v1/set': { kind: 'write', run: (b) => this.setOne(plain(), b) },
      '/api/v1/delete': { kind: 'write', run: (b) => this.deleteOne(plain(), b) },
      '/api/v1/query': { kind: 'read', run: (b) => this.queryKeys(b) },
      '/api/v1/batch/get': { kind: 'read', run: (b) => this.batchGet(b) },
      '/api/v1/batch/set': { kind: 'write', run: (b) => this.batchSet(b) },
      '/api/v1/batch/delete': { kind: 'write', run: (b) => this.batchDelete(b) },
      '/api/v1/transaction': { kind: 'write', run: (b) => this.transact(b) },
      '/api/v1/secret/get': { kind: 'read', run: (b) => this.getOne(secret(), b) },
      '/api/v1/secret/set': { kind: 'write', run: (b) => this.setOne(secret(), b) },
      '/api/v1/secret/delete': { kind: 'write', run: (b) => this.deleteOne(secret(), b) },
      '/api/v1/entity/get': { kind: 'read', run: (b) => this.getOne(this.entityTarget(b), b) },
      '/api/v1/entity/set': { kind: 'write', run: (b) => this.setOne(this.entityTarget(b), b) },
      '/api/v1/entity/delete': { kind: 'write', run: (b) => this.deleteOne(this.entityTarget(b), b) },
      '/api/v1/entity/query': { kind: 'read', run: (b) => this.queryEntity(b) },
    };
  }

  /** How long each request waits before it is handled (see kvs-latency.ts). */
  get latency(): KvsLatency {
    return this.storageLatency;
  }

  setLatency(latency: KvsLatency): void {
    this.storageLatency = checkLatency(latency, 'Storage latency');
  }

  /** Answers one @forge/kvs request with a WHATWG Response, errors included (never rejects). */
  handle(path: string, init: { method?: string; body?: string | null; headers?: unknown }): Promise<Response> {
    const waitMs = drawLatencyMs(this.storageLatency);
    // the executor turns a throw into a rejection, exactly as an async method would
    const answer = () => new Promise<Response>((resolve) => {
      resolve(this.respond(path, init));
    });
    if (waitMs === 0) return answer();
    return new Promise<void>((resolve) => setTimeout(resolve, waitMs)).then(answer);
  }

  private respond(path: string, init: { method?: string; body?: string | null; headers?: unknown }): Response {
    const route = this.routes[path.split('?')[0] ?? path];
    if (!route) return errorResponse(new KvsRequestError(404, 'NOT_FOUND', `No KVS endpoint at ${path}.`));
    if ((init.method ?? 'GET').toUpperCase() !== 'POST') {
      return errorResponse(new KvsRequestError(405, 'METHOD_NOT_ALLOWED', `${path} only accepts POST.`));
    }
    const fault = this.takeFault(path, init.body);
    if (fault === 'rate-limit') {
      return errorResponse(new KvsRequestError(429, 'RATE_LIMIT_EXCEEDED', 'Rate limit exceeded (fault injected by the sandbox).'), {
        'retry-after': RETRY_AFTER_SECONDS,
      });
    }
    if (fault === 'error') {
      return errorResponse(new KvsRequestError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error (fault injected by the sandbox).'));
    }
    try {
      validatePayloadSize(init.body);
      const body = parseBody(init.body);
      if (route.kind === 'read') this.stats.reads += 1;
      else this.stats.writes += 1;
      return route.run(body);
    } catch (error) {
      if (error instanceof KvsRequestError) return errorResponse(error);
      const message = error instanceof Error ? error.message : String(error);
      return errorResponse(new KvsRequestError(500, 'INTERNAL_SERVER_ERROR', `Emulator failure: ${message}`));
    }
  }

  /** Forgets all data, pending faults and counters (entity schemas stay). */
  reset(): void {
    this.keys.clear();
    this.secrets.clear();
    for (const ns of this.entities.values()) ns.clear();
    this.faults = [];
    this.stats.reads = 0;
    this.stats.writes = 0;
  }

  /**
   * Hash of everything stored (keys, secret values, entities, expiry). Timestamps are left out on
   * purpose: rewriting an identical value is "nothing changed" for data; `stats.writes` is the way
   * to assert that no write happened at all.
   */
  fingerprint(): string {
    const snapshot = (ns: Namespace): Array<[string, unknown, number | null]> =>
      this.liveEntries(ns).map(([key, rec]) => [key, rec.value, rec.expiresAt ?? null]);
    const entities: Record<string, unknown> = {};
    for (const [name, ns] of this.entities) entities[name] = snapshot(ns);
    const text = canonicalJson({ keys: snapshot(this.keys), secrets: snapshot(this.secrets), entities });
    return createHash('sha256').update(text).digest('hex');
  }

  /** Makes the next `times` requests fail, to exercise the app's retry/error paths. Faults queue up. */
  injectFault(fault: KvsFault): void {
    if (!Number.isInteger(fault.times) || fault.times < 1) throw new Error('injectFault: times must be a positive integer.');
    this.faults.push({ ...fault });
  }

  dump(): KvsDump {
    const values = (ns: Namespace): Record<string, unknown> =>
      Object.fromEntries(this.liveEntries(ns).map(([key, rec]) => [key, structuredClone(rec.value)]));
    const entities: Record<string, Record<string, unknown>> = {};
    for (const [name, ns] of this.entities) entities[name] = values(ns);
    return { keys: values(this.keys), secrets: this.liveEntries(this.secrets).map(([key]) => key), entities };
  }

  /**
   * A secret's value, for the sandbox itself (the control API signs a test alert with a source's
   * secret, as the real sender holds it). Never exposed through `dump()` or any app-facing route.
   */
  readSecret(key: string): unknown {
    const rec = this.live(this.secrets, key);
    return rec === undefined ? undefined : structuredClone(rec.value);
  }

  // ---------------------------------------------------------------- single-key operations

  private getOne(target: Target, body: unknown): Response {
    const req = asRecord(body);
    const key = validateKey(req['key']);
    const rec = this.live(target.ns, key);
    if (!rec) throw new KvsRequestError(404, 'KEY_NOT_FOUND', `Key "${key}" was not found.`);
    // all metadata goes back; @forge/kvs picks the fields the caller asked for (processGetResponse)
    return jsonResponse(200, { key, value: rec.value, ...entityNameField(target), ...metadata(rec, ALL_METADATA) });
  }

  /** @see https://developer.atlassian.com/platform/forge/storage-reference/kvs-api/ (set options) */
  private setOne(target: Target, body: unknown): Response {
    const req = asRecord(body);
    const key = validateKey(req['key']);
    const value = this.prepareValue(target, req['value']);
    const options = parseSetOptions(req['options']);
    const previous = this.live(target.ns, key);
    if (options.keyPolicy === 'FAIL_IF_EXISTS' && previous) {
      throw new KvsRequestError(409, this.keyConflictCode as KvsErrorCode, `Key "${key}" already exists (keyPolicy FAIL_IF_EXISTS).`);
    }
    const latest = this.write(target.ns, key, value, options.ttlMs);
    const returned = options.returnValue === 'LATEST' ? latest : options.returnValue === 'PREVIOUS' ? previous : undefined;
    if (!returned) return emptyResponse();
    return jsonResponse(200, { key, value: returned.value, ...entityNameField(target), ...metadata(returned, ALL_METADATA) });
  }

  private deleteOne(target: Target, body: unknown): Response {
    const req = asRecord(body);
    const key = validateKey(req['key']);
    // @forge/kvs swallows KEY_NOT_FOUND on delete (storage-api.js), so answering it is harmless and faithful
    if (!this.live(target.ns, key)) throw new KvsRequestError(404, 'KEY_NOT_FOUND', `Key "${key}" was not found.`);
    target.ns.delete(key);
    return emptyResponse();
  }

  // ---------------------------------------------------------------- queries

  /**
   * `kvs.query().where('key', WhereConditions.beginsWith(p)).limit(n).cursor(c).getMany()`,
   * sent as `{ limit, after, where: [{ property: 'key', condition: 'BEGINS_WITH', values: [p] }] }`.
   * Results come in ascending key order.
   */
  private queryKeys(body: unknown): Response {
    const req = asRecord(body);
    const limit = validateLimit(req['limit']);
    const where = req['where'];
    let prefix = '';
    if (where !== undefined) {
      if (!Array.isArray(where) || where.length > 1) throw badRequest('INVALID_CONDITION', 'where takes a single key condition.');
      const clause: unknown = where[0];
      if (clause !== undefined) {
        const cond = parseCondition(clause, new Set(['BEGINS_WITH']), 'where');
        if (!isRecord(clause) || clause['property'] !== 'key') {
          throw badRequest('INVALID_CONDITION', 'where: only the "key" property can be queried.');
        }
        prefix = String(cond.values[0]);
      }
    }
    const after = req['after'] === undefined || req['after'] === null ? undefined : decodeKeyCursor(req['after']);
    const fields = parseMetadataFields(asOptionalRecord(req['options'])?.['metadataFields']);
    const matching = this.liveEntries(this.keys).filter(([key]) => key.startsWith(prefix) && (after === undefined || key > after));
    const page = matching.slice(0, limit);
    const last = page[page.length - 1];
    const cursor = matching.length > limit && last ? encodeCursor({ k: last[0] }) : undefined;
    return jsonResponse(200, {
      data: page.map(([key, rec]) => ({ key, value: rec.value, ...expireField(rec), ...metadata(rec, fields) })),
      ...(cursor ? { cursor } : {}),
    });
  }

  /**
   * `kvs.entity(e).query().index(i, { partition }).where(range).filters(f).sort(s).limit(n).cursor(c)`.
   * Only items that carry the index's range and partition attributes are in the index (sparse, as in
   * DynamoDB). The limit is applied BEFORE filters, so a page can hold fewer than `limit` results
   * (even none) while a cursor still points further: callers must follow cursors, not count results.
   *
   * @see https://developer.atlassian.com/platform/forge/runtime-reference/storage-api-query-complex/
   */
  private queryEntity(body: unknown): Response {
    const req = asRecord(body);
    const target = this.entityTarget(req);
    const schema = target.schema;
    if (!schema) throw badRequest('INVALID_ENTITY_NAME', 'entityName is required.');
    const indexName = req['indexName'];
    const index = typeof indexName === 'string' ? schema.indexes.get(indexName) : undefined;
    if (!index) {
      throw badRequest('INVALID_INDEX_NAME', `Entity "${schema.name}" has no index "${String(indexName)}" in manifest.yml.`);
    }
    const partition = req['partition'] ?? [];
    if (!Array.isArray(partition) || partition.length !== index.partition.length) {
      throw badRequest(
        'BAD_REQUEST',
        index.partition.length === 0
          ? `Index "${index.name}" has no partition; do not pass one.`
          : `Index "${index.name}" needs partition values for [${index.partition.join(', ')}].`,
      );
    }
    const range = req['range'] === undefined || req['range'] === null ? undefined : parseCondition(req['range'], RANGE_CONDITIONS, 'where');
    const filters = parseConditionGroup(req['filters'], 'filters', schema.attributeNames);
    const sort = req['sort'] ?? 'ASC';
    if (sort !== 'ASC' && sort !== 'DESC') throw badRequest('BAD_REQUEST', 'sort must be ASC or DESC.');
    const limit = validateLimit(req['limit']);
    const fields = parseMetadataFields(asOptionalRecord(req['options'])?.['metadataFields'] ?? req['metadataFields']);
    const direction = sort === 'ASC' ? 1 : -1;

    type Row = { key: string; rec: StoredRecord; r: unknown };
    const order = (a: { key: string; r: unknown }, b: { key: string; r: unknown }): number =>
      direction * (compareValues(a.r, b.r) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const rows: Row[] = [];
    for (const [key, rec] of this.liveEntries(target.ns)) {
      const attrs = isRecord(rec.value) ? rec.value : {};
      const r = attrs[index.range];
      if (r === undefined) continue;
      if (!index.partition.every((attr, i) => attrs[attr] !== undefined && compareStrict(attrs[attr], partition[i]))) continue;
      if (range && !matchesCondition(r, range)) continue;
      rows.push({ key, rec, r });
    }
    rows.sort(order);

    let start = 0;
    const cursorRaw = req['cursor'];
    if (cursorRaw !== undefined && cursorRaw !== null) {
      const position = decodeEntityCursor(cursorRaw, index.name, sort);
      start = rows.findIndex((row) => order(row, position) > 0);
      if (start === -1) start = rows.length;
    }
    const page = rows.slice(start, start + limit);
    const last = page[page.length - 1];
    const cursor = rows.length > start + limit && last ? encodeCursor({ i: index.name, s: sort, r: last.r, k: last.key }) : undefined;
    return jsonResponse(200, {
      data: page
        .filter((row) => matchesGroup(row.rec.value, filters))
        .map((row) => ({ key: row.key, value: row.rec.value, ...expireField(row.rec), ...metadata(row.rec, fields) })),
      ...(cursor ? { cursor } : {}),
    });
  }

  // ---------------------------------------------------------------- batches (best effort, ≤ 25 keys)

  /**
   * Each item on its own: a failing item is reported in `failedKeys` with its error while the
   * others go through, as Forge's batch endpoints do.
   * @see https://developer.atlassian.com/platform/forge/storage-reference/entities-batch/
   */
  private batch(body: unknown, apply: (item: Record<string, unknown>, target: ReturnType<KvsEmulator['batchTarget']>) => Record<string, unknown>): Response {
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of parseBatchItems(body)) {
      const id = batchId(item);
      try {
        successfulKeys.push({ ...id, ...apply(item, this.batchTarget(item)) });
      } catch (error) {
        failedKeys.push({ ...id, error: itemError(error) });
      }
    }
    return jsonResponse(200, { successfulKeys, failedKeys });
  }

  private batchSet(body: unknown): Response {
    return this.batch(body, (item, target) => {
      const key = validateKey(item['key']);
      const value = this.prepareValue(target, item['value']);
      this.write(target.ns, key, value, ttlToMs(asOptionalRecord(item['options'])?.['ttl']));
      return {};
    });
  }

  private batchGet(body: unknown): Response {
    return this.batch(body, (item, target) => {
      const key = validateKey(item['key']);
      const rec = this.live(target.ns, key);
      if (!rec) throw new KvsRequestError(404, 'KEY_NOT_FOUND', `Key "${key}" was not found.`);
      const fields = parseMetadataFields(asOptionalRecord(item['options'])?.['metadataFields']);
      return { value: rec.value, ...expireField(rec), ...metadata(rec, fields) };
    });
  }

  private batchDelete(body: unknown): Response {
    return this.batch(body, (item, target) => {
      // deleting an absent key is a success: the key is absent afterwards, which is what was asked
      target.ns.delete(validateKey(item['key']));
      return {};
    });
  }

  // ---------------------------------------------------------------- transactions (all or nothing)

  /**
   * `{ set?: [...], delete?: [...], check?: [...] }`: ≤ 25 operations, one per key, conditions only
   * on custom entities. Everything is validated and every condition evaluated before anything is
   * written, so a failure leaves the store exactly as it was.
   *
   * @see https://developer.atlassian.com/platform/forge/storage-reference/transactions-entities/
   */
  private transact(body: unknown): Response {
    const req = asRecord(body);
    const ops: TransactionOp[] = [];
    for (const op of ['set', 'delete', 'check'] as const) {
      const list = req[op];
      if (list === undefined || list === null) continue;
      if (!Array.isArray(list)) throw badRequest('BAD_REQUEST', `transaction.${op} must be an array.`);
      list.forEach((raw: unknown, i) => ops.push(this.parseTransactionOp(op, raw, `${op}[${i}]`)));
    }
    if (ops.length === 0) throw badRequest('BAD_REQUEST', 'A transaction needs at least one operation.');
    if (ops.length > MAX_TRANSACTION_OPS) {
      throw badRequest('BAD_REQUEST', `A transaction can hold at most ${MAX_TRANSACTION_OPS} operations, got ${ops.length}.`);
    }
    const seen = new Set<string>();
    for (const op of ops) {
      const id = `${op.target.schema?.name ?? ''}\u0000${op.key}`;
      if (seen.has(id)) throw badRequest('BAD_REQUEST', `Key "${op.key}" appears more than once in the transaction.`);
      seen.add(id);
    }
    const failed = ops.filter((op) => op.conditions && !matchesGroup(this.live(op.target.ns, op.key)?.value, op.conditions));
    if (failed.length > 0) {
      throw new KvsRequestError(
        this.conditionFailure.status,
        this.conditionFailure.code as KvsErrorCode,
        `Transaction cancelled: condition failed for ${failed.map((op) => `${op.op} "${op.key}"`).join(', ')}.`,
      );
    }
    for (const op of ops) {
      if (op.op === 'set') this.write(op.target.ns, op.key, op.value, op.ttlMs);
      if (op.op === 'delete') op.target.ns.delete(op.key);
    }
    return emptyResponse();
  }

  private parseTransactionOp(op: TransactionOp['op'], raw: unknown, where: string): TransactionOp {
    const item = asRecord(raw);
    const target = this.batchTarget(item);
    const key = validateKey(item['key']);
    const conditions = target.schema ? parseConditionGroup(item['conditions'], `${where}.conditions`, target.schema.attributeNames) : undefined;
    if (!target.schema && item['conditions'] !== undefined && item['conditions'] !== null) {
      throw badRequest('BAD_REQUEST', `${where}: conditions are only supported on custom entities.`);
    }
    if (op === 'check' && !conditions) throw badRequest('BAD_REQUEST', `${where}: a check needs an entityName and conditions.`);
    let value: unknown;
    let ttlMs: number | undefined;
    if (op === 'set') {
      value = this.prepareValue(target, item['value']);
      const options = asOptionalRecord(item['options']);
      if (options && options['keyPolicy'] !== undefined) {
        throw badRequest('BAD_REQUEST', `${where}: keyPolicy is not supported inside a transaction; use a condition.`);
      }
      ttlMs = ttlToMs(options?.['ttl']);
    }
    return { op, target, key, value, ttlMs, conditions };
  }

  // ---------------------------------------------------------------- storage helpers

  private entityTarget(body: unknown): Target {
    const name = asRecord(body)['entityName'];
    const schema = typeof name === 'string' ? this.schemas.get(name) : undefined;
    const ns = typeof name === 'string' ? this.entities.get(name) : undefined;
    if (!schema || !ns) {
      throw badRequest('INVALID_ENTITY_NAME', `Entity "${String(name)}" is not declared in manifest.yml app.storage.entities.`);
    }
    return { ns, schema };
  }

  /** Batch and transaction items address plain keys unless they name an entity. */
  private batchTarget(item: Record<string, unknown>): Target {
    return item['entityName'] === undefined || item['entityName'] === null ? { ns: this.keys, schema: undefined } : this.entityTarget(item);
  }

  private prepareValue(target: Target, value: unknown): unknown {
    if (target.schema) validateEntityValue(target.schema, value);
    validateValue(value);
    return value;
  }

  private write(ns: Namespace, key: string, value: unknown, ttlMs: number | undefined): StoredRecord {
    const now = this.now();
    const previous = this.live(ns, key);
    // a fresh record each time, so a PREVIOUS return value is never mutated by the write
    const rec: StoredRecord = {
      value: structuredClone(value),
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      expiresAt: ttlMs === undefined ? undefined : now + ttlMs,
    };
    ns.set(key, rec);
    return rec;
  }

  /** The record if present and not expired; expired records are dropped on sight. */
  private live(ns: Namespace, key: string): StoredRecord | undefined {
    const rec = ns.get(key);
    if (rec?.expiresAt !== undefined && rec.expiresAt <= this.now()) {
      ns.delete(key);
      return undefined;
    }
    return rec;
  }

  private liveEntries(ns: Namespace): Array<[string, StoredRecord]> {
    const keys = [...ns.keys()].sort();
    const out: Array<[string, StoredRecord]> = [];
    for (const key of keys) {
      const rec = this.live(ns, key);
      if (rec) out.push([key, rec]);
    }
    return out;
  }

  private takeFault(path: string, body: string | null | undefined): KvsFault['kind'] | undefined {
    const request = { path: path.split('?')[0] ?? path, body: safeParse(body) };
    const fault = this.faults.find((candidate) => candidate.when === undefined || candidate.when(request));
    if (!fault) return undefined;
    fault.times -= 1;
    if (fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return fault.kind;
  }
}

// ---------------------------------------------------------------- request parsing (module-private)

const ALL_METADATA: ReadonlySet<MetadataFieldName> = new Set(['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME']);

function parseBody(body: string | null | undefined): unknown {
  if (body === undefined || body === null || body === '') return {};
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw badRequest('BAD_REQUEST', 'Request body is not valid JSON.');
  }
}

function safeParse(body: string | null | undefined): unknown {
  try {
    return parseBody(body);
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) throw badRequest('BAD_REQUEST', 'Request body must be a JSON object.');
  return value;
}

function asOptionalRecord(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  return asRecord(value);
}

function parseSetOptions(raw: unknown): ParsedSetOptions {
  const options = asOptionalRecord(raw) ?? {};
  const keyPolicy = options['keyPolicy'] ?? 'OVERRIDE';
  if (keyPolicy !== 'OVERRIDE' && keyPolicy !== 'FAIL_IF_EXISTS') {
    throw badRequest('BAD_REQUEST', `keyPolicy must be OVERRIDE or FAIL_IF_EXISTS, got ${describeValue(keyPolicy)}.`);
  }
  const returnValue = options['returnValue'];
  if (returnValue !== undefined && returnValue !== 'PREVIOUS' && returnValue !== 'LATEST') {
    throw badRequest('BAD_REQUEST', `returnValue must be PREVIOUS or LATEST, got ${describeValue(returnValue)}.`);
  }
  if (returnValue !== undefined && options['keyPolicy'] !== 'OVERRIDE') {
    // the package types only allow returnValue together with keyPolicy: 'OVERRIDE'
    throw badRequest('BAD_REQUEST', 'returnValue requires keyPolicy: OVERRIDE.');
  }
  return { ttlMs: ttlToMs(options['ttl']), keyPolicy, returnValue };
}

function parseMetadataFields(raw: unknown): ReadonlySet<MetadataFieldName> {
  if (raw === undefined || raw === null) return new Set();
  if (!Array.isArray(raw) || !raw.every((f): f is MetadataFieldName => typeof f === 'string' && ALL_METADATA.has(f as MetadataFieldName))) {
    throw badRequest('BAD_REQUEST', 'metadataFields must be a list of CREATED_AT, UPDATED_AT, EXPIRE_TIME.');
  }
  return new Set(raw);
}

function parseBatchItems(body: unknown): Array<Record<string, unknown>> {
  if (!Array.isArray(body)) throw badRequest('BAD_REQUEST', 'A batch request body must be an array of items.');
  if (body.length === 0) throw badRequest('BAD_REQUEST', 'A batch needs at least one key.');
  if (body.length > MAX_BATCH_ITEMS) {
    throw badRequest('BAD_REQUEST', `A batch can hold at most ${MAX_BATCH_ITEMS} keys, got ${body.length}.`);
  }
  if (byteLength(JSON.stringify(body)) > MAX_REQUEST_PAYLOAD_BYTES) throw badRequest('BAD_REQUEST', 'A batch payload may not exceed 4 MB.');
  const seen = new Set<string>();
  return body.map((raw: unknown) => {
    const item = asRecord(raw);
    // "There are multiple requests to set, delete, or get the same key or key plus entity" fails the batch
    const id = `${describeValue(item['entityName'] ?? '')}\u0000${String(item['key'])}`;
    if (seen.has(id)) throw badRequest('BAD_REQUEST', `Key "${String(item['key'])}" appears more than once in the batch.`);
    seen.add(id);
    return item;
  });
}

function batchId(item: Record<string, unknown>): { key: unknown; entityName?: string } {
  const entityName = item['entityName'];
  return typeof entityName === 'string' ? { key: item['key'], entityName } : { key: item['key'] };
}

function itemError(error: unknown): { code: string; message: string } {
  if (error instanceof KvsRequestError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL_SERVER_ERROR', message: error instanceof Error ? error.message : String(error) };
}

function entityNameField(target: Target): { entityName?: string } {
  return target.schema ? { entityName: target.schema.name } : {};
}

function expireField(rec: StoredRecord): { expireTime?: string } {
  return rec.expiresAt === undefined ? {} : { expireTime: new Date(rec.expiresAt).toISOString() };
}

/** createdAt/updatedAt in epoch ms; expireTime as an ISO-8601 string (the package types it as string). */
function metadata(rec: StoredRecord, fields: ReadonlySet<MetadataFieldName>): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  if (fields.has('CREATED_AT')) out['createdAt'] = rec.createdAt;
  if (fields.has('UPDATED_AT')) out['updatedAt'] = rec.updatedAt;
  if (fields.has('EXPIRE_TIME') && rec.expiresAt !== undefined) out['expireTime'] = new Date(rec.expiresAt).toISOString();
  return out;
}

function compareStrict(a: unknown, b: unknown): boolean {
  return typeof a === typeof b && compareValues(a, b) === 0;
}

// Cursors are opaque base64url JSON holding the last returned position, so paging stays correct
// while data changes underneath (as with the platform, they must not be persisted: their format is ours).
function encodeCursor(position: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

function decodeCursor(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'string' || raw === '') throw badRequest('INVALID_CURSOR', 'cursor must be a non-empty string.');
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (isRecord(parsed)) return parsed;
  } catch {
    // fall through to the error below
  }
  throw badRequest('INVALID_CURSOR', 'cursor is not one this store issued.');
}

function decodeKeyCursor(raw: unknown): string {
  const position = decodeCursor(raw);
  if (typeof position['k'] !== 'string' || position['i'] !== undefined) throw badRequest('INVALID_CURSOR', 'cursor is not a key-query cursor.');
  return position['k'];
}

function decodeEntityCursor(raw: unknown, indexName: string, sort: string): { key: string; r: unknown } {
  const position = decodeCursor(raw);
  if (position['i'] !== indexName || position['s'] !== sort || typeof position['k'] !== 'string' || position['r'] === undefined) {
    throw badRequest('INVALID_CURSOR', `cursor does not belong to a ${sort} query on index "${indexName}".`);
  }
  return { key: position['k'], r: position['r'] };
}
