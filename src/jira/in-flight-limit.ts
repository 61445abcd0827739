import type { JiraTransport } from './jira-transport';

/**
 * At most this many Jira requests in flight per function invocation, whatever the code above does
 * (a `Promise.all` over issues, several use cases at once). Jira's burst limit is per endpoint and
 * second, and Atlassian suggests keeping about 5–10 requests in flight; eight keeps a sprint of
 * 5,000 issues from firing 500 worklog requests at once, and still overlaps Jira's 100–300 ms
 * answers enough to stay within a resolver's 25 s.
 * @see https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
 */
export const MAX_REQUESTS_IN_FLIGHT = 8;

/** A counting gate: `enter` resolves when a slot is free; `leave` frees it, first come first served. */
export interface InFlightGate {
  enter(): Promise<void>;
  leave(): void;
}

export const createInFlightGate = (limit: number = MAX_REQUESTS_IN_FLIGHT): InFlightGate => {
  let inFlight = 0;
  const waiting: Array<() => void> = [];
  return {
    enter: () => {
      if (inFlight < limit) {
        inFlight += 1;
        return Promise.resolve();
      }
      // The slot passes straight from `leave` to the next waiter, so the count never overshoots.
      return new Promise<void>((resolve) => waiting.push(resolve));
    },
    leave: () => {
      const next = waiting.shift();
      if (next === undefined) inFlight -= 1;
      else next();
    },
  };
};

/**
 * Holds a slot of `gate` for each request until Jira has answered and the body is read, so the
 * limit counts what Jira is working on. Put it under the retry layer: a request waiting out a
 * `Retry-After` gives its slot to others.
 */
export const withInFlightLimit = (transport: JiraTransport, gate: InFlightGate): JiraTransport => ({
  async request(path, init) {
    await gate.enter();
    try {
      const response = await transport.request(path, init);
      const body = await response.text();
      return { status: response.status, headers: response.headers, text: () => Promise.resolve(body) };
    } finally {
      gate.leave();
    }
  },
});
