/** What the app's own record says of an issue, as capacity figures use it (see `FactIssue`). */
export interface IssueClassification {
  readonly severity: string | null;
  readonly kind: string | null;
  readonly classOfService: string | null;
}
