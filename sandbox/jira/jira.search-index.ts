import type { JiraStore } from './jira.store.js';

/**
 * Jira's search index, which lags behind writes. `search/jql` and `search/approximate-count` are
 * eventually consistent ("recent updates might not be immediately visible"): with a lag of N ms,
 * search sees the site as it was N ms ago, while reads by key (`GET issue`, bulk fetch) see it now.
 * `reconcileIssues` (at most 50 issue ids) makes search read those issues as they are now.
 * A lag of 0 (the default) keeps search exact, as before the lag was modelled.
 * @see https://developer.atlassian.com/cloud/jira/platform/search-and-reconcile/
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
 */
export class SearchIndex {
  private lagMs = 0;
  /** The site's state after each write while the lag is on, oldest first; the first is the baseline. */
  private versions: Array<{ at: number; store: JiraStore }> = [];
  private writes = 0;

  constructor(
    private readonly live: JiraStore,
    private readonly now: () => number,
  ) {}

  get lag(): number {
    return this.lagMs;
  }

  /** Sets the lag; what was written before this moment counts as indexed. */
  setLag(ms: number): void {
    this.lagMs = Math.max(0, ms);
    this.versions = this.lagMs > 0 ? [{ at: Number.NEGATIVE_INFINITY, store: this.live.snapshot() }] : [];
  }

  /** Called after every write: the state it left becomes searchable `lag` ms later. */
  recordWrite(): void {
    this.writes += 1;
    if (this.lagMs > 0) this.versions.push({ at: this.now(), store: this.live.snapshot() });
  }

  /** How many writes the site has taken: a search answered at the same count over the same view answers the same. */
  get generation(): number {
    return this.writes;
  }

  /** The site as search sees it now, with the `reconcile` issue ids read as they are. */
  view(reconcile: ReadonlySet<string> = new Set()): JiraStore {
    if (this.lagMs <= 0) return this.live;
    const cutoff = this.now() - this.lagMs;
    let visible = 0;
    for (let index = 0; index < this.versions.length; index += 1) if ((this.versions[index]?.at ?? Number.POSITIVE_INFINITY) <= cutoff) visible = index;
    this.versions = this.versions.slice(visible);
    const indexed = this.versions[0]?.store ?? this.live;
    return reconcile.size === 0 ? indexed : indexed.overlay(this.live, reconcile);
  }
}
