import type { FaultRule } from './jira.types.js';

interface ActiveRule { rule: FaultRule & { id: string }; regex: RegExp; remaining: number }

/** Injected failures: a matching rule answers 429/500 or delays, `times` times, then expires. */
export class FaultInjector {
  private rules: ActiveRule[] = [];
  private counter = 0;

  add(rule: FaultRule): string {
    const id = rule.id ?? `fault-${++this.counter}`;
    this.rules.push({ rule: { ...rule, id }, regex: new RegExp(rule.pathPattern), remaining: rule.times ?? Number.POSITIVE_INFINITY });
    return id;
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r.rule, ...(Number.isFinite(r.remaining) ? { times: r.remaining } : {}) }));
  }

  /** The rules this request triggers (consuming one use of each); latency rules first, then at most one failure. */
  take(method: string, path: string): { latencyMs: number; failure: FaultRule | undefined } {
    let latencyMs = 0;
    let failure: FaultRule | undefined;
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.method !== undefined && rule.method.toUpperCase() !== method) continue;
      if (!active.regex.test(path)) continue;
      if (rule.kind === 'latency') latencyMs += rule.latencyMs ?? 0;
      else if (failure === undefined) failure = rule;
      else continue;
      active.remaining -= 1;
    }
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return { latencyMs, failure };
  }
}
