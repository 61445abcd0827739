/**
 * How long Forge's storage takes to answer. Each KVS or custom-entity request is an HTTPS call from
 * the function to Forge's storage service, which keeps data encrypted and durable; Atlassian says
 * only that persistent storage is optimised "for durability and persistence at the expense of
 * performance" and publishes no response times. With 0 ms, a read followed by a write is as good as
 * atomic and lost updates never show, so the sandbox can wait before handling each request, as it
 * does for Jira (same format: `40` or `20-80`).
 * @see https://developer.atlassian.com/platform/forge/js-api-reference/storage-api/ (no latency figures)
 * @see https://developer.atlassian.com/platform/forge/limits-kvs-ce/ (rate limits only)
 */
import { parseLatency, type JiraLatency } from '../../jira/jira.latency';

export type KvsLatency = JiraLatency;

/**
 * `npm start` and the `latency` test project: tens of milliseconds per request, the order of one
 * same-region HTTPS call to a durable managed store. No Atlassian document gives a figure, so this
 * is an estimate; a slower guess is the safer error, since it only widens windows (between a read
 * and the write that follows it) that the app must close anyway.
 */
export const NPM_START_KVS_LATENCY: KvsLatency = { minMs: 20, maxMs: 80 };

export const parseKvsLatency = (text: string | undefined): KvsLatency => parseLatency(text, 'Storage latency');

/** `SANDBOX_KVS_LATENCY_MS` from the environment: how `npm start`, tests and benches switch it on. */
export const kvsLatencyFromEnvironment = (): KvsLatency => parseKvsLatency(process.env['SANDBOX_KVS_LATENCY_MS']);
