/** The ADF subset the app writes. @see https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/ */
export interface AdfDocument {
  readonly type: 'doc';
  readonly version: 1;
  readonly content: readonly unknown[];
}
