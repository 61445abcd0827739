import type { MeteringSnapshot } from './jira.types.js';

/**
 * Counts calls and rate-limit points per operation, following Jira's points model:
 * 1 point per request plus 1 per core object returned for reads; writes cost 1.
 * @see https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
 */
export class Metering {
  private byOperation = new Map<string, { calls: number; points: number }>();

  record(operation: string, points: number): void {
    const entry = this.byOperation.get(operation) ?? { calls: 0, points: 0 };
    entry.calls += 1;
    entry.points += points;
    this.byOperation.set(operation, entry);
  }

  snapshot(): MeteringSnapshot {
    const byOperation: MeteringSnapshot['byOperation'] = {};
    const total = { calls: 0, points: 0 };
    for (const [op, e] of [...this.byOperation.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      byOperation[op] = { ...e };
      total.calls += e.calls;
      total.points += e.points;
    }
    return { total, byOperation };
  }

  reset(): void {
    this.byOperation = new Map();
  }
}
