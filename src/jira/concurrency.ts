/**
 * Maps with at most `limit` calls in flight. Jira's burst limit is per endpoint and second, and
 * Atlassian suggests keeping 5–10 requests in flight; a sprint of 5,000 issues must not fire 500
 * worklog requests at once.
 * @see https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
 */
export const mapWithConcurrency = async <T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await map(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};
