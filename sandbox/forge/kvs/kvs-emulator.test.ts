/**
 * Drives Atlassian's real `@forge/kvs` (never mocked) against the emulator through the same seam
 * the platform uses: `global.__forge_fetch__({ type: 'kvs', ... }, path, init)`.
 */
import { Filter, FilterConditions, ForgeKvsAPIError, kvs, MetadataField, Sort, WhereConditions } from '@forge/kvs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type EntityDefinition, KvsEmulator, MAX_VALUE_BYTES } from './index';

const entities: EntityDefinition[] = [
  {
    name: 'postmortem',
    attributes: {
      projectKey: { type: 'string' },
      severity: { type: 'integer' },
      openedAt: { type: 'integer' },
      title: { type: 'string' },
      status: { type: 'string' },
      score: { type: 'float' },
      published: { type: 'boolean' },
      tags: { type: 'any' },
    },
    indexes: [
      'title',
      { name: 'by-project-opened', partition: ['projectKey'], range: ['openedAt'] },
      { name: 'by-project-severity', partition: ['projectKey'], range: ['severity'] },
    ],
  },
];

interface Postmortem {
  projectKey: string;
  severity: number;
  openedAt: number;
  title: string;
  status: string;
  score?: number;
  published?: boolean;
  tags?: string[];
}

let clock = Date.UTC(2026, 0, 15, 9, 0, 0);
let emulator = new KvsEmulator({ entities, now: () => clock });

type ForgeFetch = (target: { type: string }, path: string, init: { method?: string; body?: string | null; headers?: unknown }) => Promise<Response>;

beforeAll(() => {
  // The seam @forge/kvs calls (out/index.js getFetchClient). Only kvs traffic is expected here.
  const forgeFetch: ForgeFetch = async (target, path, init) => {
    if (target.type !== 'kvs') throw new Error(`unexpected __forge_fetch__ target ${target.type}`);
    return emulator.handle(path, init);
  };
  (globalThis as unknown as { __forge_fetch__: ForgeFetch }).__forge_fetch__ = forgeFetch;
});

beforeEach(() => {
  clock = Date.UTC(2026, 0, 15, 9, 0, 0);
  emulator = new KvsEmulator({ entities, now: () => clock });
});

async function kvsError(promise: Promise<unknown>): Promise<ForgeKvsAPIError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ForgeKvsAPIError);
    return error as ForgeKvsAPIError;
  }
  throw new Error('expected the KVS call to fail');
}

function postmortem(n: number, overrides: Partial<Postmortem> = {}): Postmortem {
  return {
    projectKey: n % 2 === 0 ? 'OPS' : 'WEB',
    severity: (n % 4) + 1,
    openedAt: 1_000 + n,
    title: `Incident ${String(n).padStart(2, '0')}`,
    status: n % 3 === 0 ? 'draft' : 'published',
    ...overrides,
  };
}

describe('plain keys', () => {
  it('sets, gets and deletes; a missing key reads as undefined', async () => {
    await kvs.set('config:severity-scale', { levels: ['Sev1', 'Sev2'] });
    expect(await kvs.get('config:severity-scale')).toEqual({ levels: ['Sev1', 'Sev2'] });
    expect(await kvs.get('config:absent')).toBeUndefined();
    await kvs.delete('config:severity-scale');
    expect(await kvs.get('config:severity-scale')).toBeUndefined();
    await kvs.delete('config:severity-scale'); // deleting twice is fine: the package swallows KEY_NOT_FOUND
    expect(emulator.stats).toEqual({ reads: 3, writes: 3 });
  });

  it('returns metadata on request and honours ttl', async () => {
    await kvs.set('cache:gadget', { n: 1 }, { ttl: { value: 1, unit: 'HOURS' } });
    const created = clock;
    clock += 60_000;
    await kvs.set('cache:gadget', { n: 2 }, { ttl: { value: 1, unit: 'HOURS' } });
    const got = await kvs.get<{ n: number }>('cache:gadget', {
      metadataFields: [MetadataField.CREATED_AT, MetadataField.UPDATED_AT, MetadataField.EXPIRE_TIME],
    });
    expect(got).toEqual({
      key: 'cache:gadget',
      value: { n: 2 },
      createdAt: created,
      updatedAt: clock,
      expireTime: new Date(clock + 3_600_000).toISOString(),
    });
    clock += 3_600_000;
    expect(await kvs.get('cache:gadget')).toBeUndefined();
  });

  it('FAIL_IF_EXISTS answers KEY_CONFLICT and leaves the value alone', async () => {
    await kvs.set('lock:ISSUE-1', 'first', { keyPolicy: 'FAIL_IF_EXISTS' });
    const error = await kvsError(kvs.set('lock:ISSUE-1', 'second', { keyPolicy: 'FAIL_IF_EXISTS' }));
    expect(error.code).toBe('KEY_CONFLICT');
    expect(error.responseDetails.status).toBe(409);
    expect(await kvs.get('lock:ISSUE-1')).toBe('first');
  });

  it('returns the previous or latest value with keyPolicy OVERRIDE', async () => {
    expect(await kvs.set('counter', 1, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toBeUndefined();
    expect(await kvs.set('counter', 2, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toEqual({ key: 'counter', value: 1 });
    expect(await kvs.set('counter', 3, { keyPolicy: 'OVERRIDE', returnValue: 'LATEST' })).toEqual({ key: 'counter', value: 3 });
  });

  it('rejects keys outside the documented charset and length', async () => {
    expect((await kvsError(kvs.set('config/severity', 1))).code).toBe('INVALID_KEY');
    expect((await kvsError(kvs.set('   ', 1))).code).toBe('INVALID_KEY');
    expect((await kvsError(kvs.set('k'.repeat(501), 1))).code).toBe('KEY_TOO_LONG');
    expect((await kvsError(kvs.set('', 1))).code).toBe('EMPTY_KEY');
    await kvs.set('k'.repeat(500), 1);
    await kvs.set('Proj-1:issue #42 _x.y', 1);
  });

  it('rejects values over 240 KiB or deeper than 32 with a clear error', async () => {
    const tooBig = 'x'.repeat(MAX_VALUE_BYTES); // + 2 quote characters once serialized
    const size = await kvsError(kvs.set('big', tooBig));
    expect(size.code).toBe('MAX_SIZE');
    expect(size.message).toMatch(/240 KiB/);
    await kvs.set('big', 'x'.repeat(MAX_VALUE_BYTES - 2));

    let deep: unknown = 'leaf';
    for (let i = 0; i < 33; i++) deep = { next: deep };
    expect((await kvsError(kvs.set('deep', deep))).code).toBe('MAX_DEPTH');
    expect(await kvs.get('deep')).toBeUndefined();
  });
});

describe('query', () => {
  it('pages through keys by prefix with cursors, in key order', async () => {
    for (let i = 0; i < 25; i++) await kvs.set(`pm:${String(i).padStart(2, '0')}`, i);
    await kvs.set('other:1', 'not me');

    const seen: string[] = [];
    let cursor: string | undefined;
    const pageSizes: number[] = [];
    do {
      let query = kvs.query().where('key', WhereConditions.beginsWith('pm:')).limit(10);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany<number>();
      pageSizes.push(page.results.length);
      seen.push(...page.results.map((r) => r.key));
      cursor = page.nextCursor;
    } while (cursor);

    expect(pageSizes).toEqual([10, 10, 5]);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `pm:${String(i).padStart(2, '0')}`));
    expect(await kvs.query().where('key', WhereConditions.beginsWith('other')).getOne()).toEqual({ key: 'other:1', value: 'not me' });
  });

  it('rejects a page size over 100 and a forged cursor', async () => {
    expect((await kvsError(kvs.query().limit(101).getMany())).code).toBe('BAD_REQUEST');
    expect((await kvsError(kvs.query().cursor('not-a-cursor').getMany())).code).toBe('INVALID_CURSOR');
  });
});

describe('batches', () => {
  it('reports successful and failed keys per item', async () => {
    const set = await kvs.batchSet<unknown>([
      { key: 'a', value: 1 },
      { key: 'bad/key', value: 2 },
      { key: 'pm-1', value: postmortem(1), entityName: 'postmortem' },
    ]);
    expect(set.successfulKeys).toEqual([{ key: 'a' }, { key: 'pm-1', entityName: 'postmortem' }]);
    expect(set.failedKeys).toEqual([{ key: 'bad/key', error: expect.objectContaining({ code: 'INVALID_KEY' }) as unknown }]);

    const got = await kvs.batchGet<unknown>([{ key: 'a' }, { key: 'missing' }, { key: 'pm-1', entityName: 'postmortem' }]);
    expect(got.successfulKeys).toEqual([
      { key: 'a', value: 1 },
      { key: 'pm-1', entityName: 'postmortem', value: postmortem(1) },
    ]);
    expect(got.failedKeys).toEqual([{ key: 'missing', error: expect.objectContaining({ code: 'KEY_NOT_FOUND' }) as unknown }]);

    const deleted = await kvs.batchDelete([{ key: 'a' }, { key: 'pm-1', entityName: 'postmortem' }]);
    expect(deleted.failedKeys).toEqual([]);
    expect(emulator.dump()).toEqual({ keys: {}, secrets: [], entities: { postmortem: {} } });
  });

  it('fails the whole batch over 25 keys or on duplicates', async () => {
    const items = Array.from({ length: 26 }, (_, i) => ({ key: `k${i}`, value: i }));
    expect((await kvsError(kvs.batchSet(items))).code).toBe('BAD_REQUEST');
    expect((await kvsError(kvs.batchSet([{ key: 'x', value: 1 }, { key: 'x', value: 2 }]))).code).toBe('BAD_REQUEST');
    expect(emulator.dump().keys).toEqual({});
  });
});

describe('secrets', () => {
  it('are stored apart from ordinary keys and never dumped', async () => {
    await kvs.setSecret('webhook-token', 's3cr3t');
    expect(await kvs.getSecret('webhook-token')).toBe('s3cr3t');
    expect(await kvs.get('webhook-token')).toBeUndefined();
    expect((await kvs.query().getMany()).results).toEqual([]);
    expect(emulator.dump()).toEqual({ keys: {}, secrets: ['webhook-token'], entities: { postmortem: {} } });
    await kvs.deleteSecret('webhook-token');
    expect(await kvs.getSecret('webhook-token')).toBeUndefined();
  });
});

describe('custom entities', () => {
  async function seed(count: number): Promise<void> {
    for (let i = 0; i < count; i++) await kvs.entity<Postmortem>('postmortem').set(`pm-${i}`, postmortem(i));
  }

  it('sets and gets, checking attribute types against the declaration', async () => {
    const store = kvs.entity<Postmortem>('postmortem');
    await store.set('pm-1', postmortem(1, { score: 0.5, published: true, tags: ['db'] }));
    expect(await store.get('pm-1')).toEqual(postmortem(1, { score: 0.5, published: true, tags: ['db'] }));

    const wrongType = await kvsError(kvs.entity('postmortem').set('pm-2', { ...postmortem(2), severity: '1' }));
    expect(wrongType.code).toBe('INVALID_ENTITY_VALUE');
    expect(wrongType.message).toMatch(/postmortem\.severity/);
    expect((await kvsError(kvs.entity('postmortem').set('pm-2', { ...postmortem(2), severity: 1.5 }))).code).toBe('INVALID_ENTITY_VALUE');
    expect((await kvsError(kvs.entity('postmortem').set('pm-2', { ...postmortem(2), owner: 'x' }))).code).toBe('INVALID_ENTITY_VALUE');
    expect((await kvsError(kvs.entity('nope').set('x', {}))).code).toBe('INVALID_ENTITY_NAME');
    // entity keys live apart from plain keys, and a missing entity reads as undefined
    expect(await kvs.get('pm-1')).toBeUndefined();
    expect(await store.get('pm-404')).toBeUndefined();
  });

  it('queries an index by partition and range, sorted either way', async () => {
    await seed(12); // OPS gets even n (openedAt 1000, 1002, ...), WEB odd n
    const asc = await kvs
      .entity<Postmortem>('postmortem')
      .query()
      .index('by-project-opened', { partition: ['OPS'] })
      .where(WhereConditions.between(1002, 1008))
      .getMany();
    expect(asc.results.map((r) => r.key)).toEqual(['pm-2', 'pm-4', 'pm-6', 'pm-8']);
    expect(asc.nextCursor).toBeUndefined();

    const desc = await kvs
      .entity<Postmortem>('postmortem')
      .query()
      .index('by-project-opened', { partition: ['WEB'] })
      .where(WhereConditions.greaterThan(1005))
      .sort(Sort.DESC)
      .getMany();
    expect(desc.results.map((r) => r.value.openedAt)).toEqual([1011, 1009, 1007]);

    const byTitle = await kvs.entity<Postmortem>('postmortem').query().index('title').where(WhereConditions.beginsWith('Incident 1')).getMany();
    expect(byTitle.results.map((r) => r.key)).toEqual(['pm-10', 'pm-11']);
  });

  it('applies and/or filters and pages with cursors', async () => {
    await seed(20);
    const published = await kvs
      .entity<Postmortem>('postmortem')
      .query()
      .index('by-project-severity', { partition: ['OPS'] })
      .where(WhereConditions.lessThanEqualTo(3))
      .filters(new Filter<Postmortem>().and('status', { condition: 'EQUAL_TO', values: ['published'] }).and('title', { condition: 'CONTAINS', values: ['1'] }))
      .limit(100)
      .getMany();
    // OPS = even n; severity (n % 4) + 1 <= 3 → n % 4 == 0 or 2 (all even); published → n % 3 != 0; title contains "1"
    // sorted by the range (severity), then key: pm-16 is Sev1, pm-10 and pm-14 are Sev3
    expect(published.results.map((r) => r.key)).toEqual(['pm-16', 'pm-10', 'pm-14']);

    const either = await kvs
      .entity<Postmortem>('postmortem')
      .query()
      .index('by-project-opened', { partition: ['WEB'] })
      .filters(new Filter<Postmortem>().or('severity', { condition: 'EQUAL_TO', values: [2] }).or('title', { condition: 'BEGINS_WITH', values: ['Incident 19'] }))
      .limit(100)
      .getMany();
    expect(either.results.map((r) => r.key)).toEqual(['pm-1', 'pm-5', 'pm-9', 'pm-13', 'pm-17', 'pm-19']);

    // paging: the limit applies before filters, so callers must follow cursors to the end
    const keys: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      let query = kvs
        .entity<Postmortem>('postmortem')
        .query()
        .index('by-project-opened', { partition: ['OPS'] })
        .filters(new Filter<Postmortem>().and('status', { condition: 'NOT_EQUAL_TO', values: ['draft'] }))
        .limit(3);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany();
      keys.push(...page.results.map((r) => r.key));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(4); // 10 OPS items, 3 per page
    expect(keys).toEqual(['pm-2', 'pm-4', 'pm-8', 'pm-10', 'pm-14', 'pm-16']);
  });

  it('pages a descending query without skipping or repeating items', async () => {
    await seed(9);
    // equal range values (severity) exercise the key tie-break inside the cursor
    const keys: string[] = [];
    let cursor: string | undefined;
    do {
      let query = kvs.entity<Postmortem>('postmortem').query().index('by-project-severity', { partition: ['WEB'] }).sort(Sort.DESC).limit(2);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany();
      keys.push(...page.results.map((r) => `${r.value.severity}:${r.key}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(keys).toEqual(['4:pm-7', '4:pm-3', '2:pm-5', '2:pm-1']);
  });

  it('refuses unknown indexes and missing partitions', async () => {
    expect((await kvsError(kvs.entity('postmortem').query().index('by-nothing').getMany())).code).toBe('INVALID_INDEX_NAME');
    expect((await kvsError(kvs.entity('postmortem').query().index('by-project-opened').getMany())).code).toBe('BAD_REQUEST');
  });
});

describe('transactions', () => {
  it('commits all operations together', async () => {
    await kvs.entity<Postmortem>('postmortem').set('pm-1', postmortem(1, { status: 'draft' }));
    await kvs.entity<Postmortem>('postmortem').set('pm-3', postmortem(3));
    await kvs.set('stale', true);
    await kvs
      .transact()
      .set('pm-1', postmortem(1, { status: 'published' }), {
        entityName: 'postmortem',
        conditions: new Filter<Postmortem>().and('status', { condition: 'EQUAL_TO', values: ['draft'] }),
      })
      .set('pm-count:WEB', 1)
      .delete('stale')
      .check('pm-3', { entityName: 'postmortem', conditions: new Filter<Postmortem>().and('projectKey', { condition: 'EQUAL_TO', values: ['WEB'] }) })
      .execute();
    expect(emulator.dump().keys).toEqual({ 'pm-count:WEB': 1 });
    expect((await kvs.entity<Postmortem>('postmortem').get('pm-1'))?.status).toBe('published');
  });

  it('rolls back everything when a condition fails', async () => {
    await kvs.entity<Postmortem>('postmortem').set('pm-1', postmortem(1, { status: 'published' }));
    await kvs.set('keep', 'me');
    const before = emulator.fingerprint();
    const error = await kvsError(
      kvs
        .transact()
        .set('new-key', 'should not land')
        .delete('keep')
        .set('pm-1', postmortem(1, { status: 'draft' }), {
          entityName: 'postmortem',
          conditions: new Filter<Postmortem>().and('status', { condition: 'EQUAL_TO', values: ['draft'] }),
        })
        .execute(),
    );
    expect(error.code).toBe('CONDITIONAL_CHECK_FAILED');
    expect(emulator.fingerprint()).toBe(before);
    expect(await kvs.get('keep')).toBe('me');
  });

  it('answers a failed condition with the status and code it is told to play, since Forge documents neither', async () => {
    await kvs.entity<Postmortem>('postmortem').set('pm-1', postmortem(1, { status: 'published' }));
    emulator.conditionFailure = { status: 400, code: 'TRANSACTION_CANCELLED' };
    const error = await kvsError(
      kvs
        .transact()
        .set('pm-1', postmortem(1, { status: 'draft' }), {
          entityName: 'postmortem',
          conditions: new Filter<Postmortem>().and('status', { condition: 'EQUAL_TO', values: ['draft'] }),
        })
        .execute(),
    );
    expect(error.code).toBe('TRANSACTION_CANCELLED');
    expect(error.responseDetails.status).toBe(400);
    expect((await kvs.entity<Postmortem>('postmortem').get('pm-1'))?.status).toBe('published');
  });

  it('takes NOT_EXISTS on a row that is not there as met, and on one that is as failed', async () => {
    const absent = () => new Filter<Postmortem>().and('title', FilterConditions.notExists());
    await kvs.transact().set('pm-9', postmortem(9, { status: 'published' }), { entityName: 'postmortem', conditions: absent() }).execute();
    const second = kvs.transact().set('pm-9', postmortem(9, { status: 'draft' }), { entityName: 'postmortem', conditions: absent() });
    expect((await kvsError(second.execute())).responseDetails.status).toBe(409);
    expect((await kvs.entity<Postmortem>('postmortem').get('pm-9'))?.status).toBe('published');
  });

  it('limits a transaction to 25 operations', async () => {
    let tx = kvs.transact();
    for (let i = 0; i < 26; i++) tx = tx.set(`k${i}`, i);
    expect((await kvsError(tx.execute())).code).toBe('BAD_REQUEST');
    expect(emulator.dump().keys).toEqual({});
  });
});

describe('faults, fingerprint and reset', () => {
  it('answers unknown paths and non-POST methods with an error body, never a rejection', async () => {
    const missing = await emulator.handle('/api/v1/nope', { method: 'POST', body: '{}' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ code: 'NOT_FOUND', message: expect.any(String) as unknown });
    expect((await emulator.handle('/api/v1/get', { method: 'GET' })).status).toBe(405);
    expect((await emulator.handle('/api/v1/get', { method: 'POST', body: '{oops' })).status).toBe(400);
  });

  it('answers an injected rate limit as the platform does, then recovers', async () => {
    emulator.injectFault({ kind: 'rate-limit', times: 2 });
    const first = await kvsError(kvs.get('x'));
    expect(first.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(first.responseDetails.status).toBe(429);
    expect((await kvsError(kvs.set('x', 1))).code).toBe('RATE_LIMIT_EXCEEDED');
    await kvs.set('x', 1);
    expect(await kvs.get('x')).toBe(1);

    emulator.injectFault({ kind: 'error', times: 1 });
    const second = await kvsError(kvs.get('x'));
    expect(second.code).toBe('INTERNAL_SERVER_ERROR');
    expect(second.responseDetails.status).toBe(500);
  });

  it('fails only the requests a fault names, leaving the rest of the flow alone', async () => {
    const onPostmortems = ({ path, body }: { path: string; body: unknown }) => path === '/api/v1/transaction' && JSON.stringify(body).includes('"entityName":"postmortem"');
    emulator.injectFault({ kind: 'error', times: 1, when: onPostmortems });

    await kvs.set('plain', 1);
    await kvs.transact().set('other', 2).execute();
    const failed = await kvsError(kvs.transact().set('pm-1', postmortem(1), { entityName: 'postmortem' }).execute());
    await kvs.transact().set('pm-1', postmortem(1), { entityName: 'postmortem' }).execute();

    expect(failed.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await kvs.entity<Postmortem>('postmortem').get('pm-1')).toBeDefined();
    expect(await kvs.get('other')).toBe(2);
  });

  it('fingerprints data, not timestamps, and reset clears everything', async () => {
    const empty = emulator.fingerprint();
    await kvs.set('a', { x: 1, y: 2 });
    const withA = emulator.fingerprint();
    expect(withA).not.toBe(empty);
    clock += 1000;
    await kvs.set('a', { y: 2, x: 1 });
    expect(emulator.fingerprint()).toBe(withA);
    emulator.reset();
    expect(emulator.fingerprint()).toBe(empty);
    expect(emulator.stats).toEqual({ reads: 0, writes: 0 });
  });
});
