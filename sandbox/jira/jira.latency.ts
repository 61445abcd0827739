/**
 * How long Jira takes to answer. Jira Cloud answers a REST call in roughly 100–300 ms; with 0 ms,
 * races between two saves, timeouts and half-done multi-step actions never show. Each request
 * waits a uniformly drawn time in [minMs, maxMs] before it is handled, so concurrent requests
 * interleave as they would on a real site.
 * @see https://developer.atlassian.com/cloud/jira/platform/rate-limiting/ (response times are not documented; the range is what Atlassian's own apps see)
 */
export interface JiraLatency {
  readonly minMs: number;
  readonly maxMs: number;
}

export const NO_LATENCY: JiraLatency = { minMs: 0, maxMs: 0 };

/**
 * `150` → 150 ms each; `100-300` → between 100 and 300 ms; empty → none. Anything else is refused.
 * `what` names the switch in the refusal (storage latency reuses this format).
 */
export function parseLatency(text: string | undefined, what = 'Jira latency'): JiraLatency {
  if (text === undefined || text.trim() === '') return NO_LATENCY;
  const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(text);
  if (match === null) throw new Error(`${what} "${text}" is not understood: give milliseconds, like 150, or a range, like 100-300.`);
  const minMs = Number(match[1]);
  const maxMs = match[2] === undefined ? minMs : Number(match[2]);
  return checkLatency({ minMs, maxMs }, what);
}

export function checkLatency(latency: JiraLatency, what = 'Jira latency'): JiraLatency {
  const { minMs, maxMs } = latency;
  if (!Number.isInteger(minMs) || !Number.isInteger(maxMs) || minMs < 0 || maxMs < minMs || maxMs > 30_000) {
    throw new Error(`${what} must be whole milliseconds with 0 ≤ min ≤ max ≤ 30000 (got ${String(minMs)}–${String(maxMs)}).`);
  }
  return { minMs, maxMs };
}

/** `SANDBOX_JIRA_LATENCY_MS` from the environment: how `npm start`, tests and benches switch it on. */
export const latencyFromEnvironment = (): JiraLatency => parseLatency(process.env['SANDBOX_JIRA_LATENCY_MS']);

export const drawLatencyMs = (latency: JiraLatency, random: () => number = Math.random): number =>
  latency.maxMs === latency.minMs ? latency.minMs : latency.minMs + Math.round(random() * (latency.maxMs - latency.minMs));
