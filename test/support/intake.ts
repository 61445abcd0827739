import { DEFAULT_COMMENT_INTERVAL_MINUTES, type AlertSourceSettings } from '../../src/contract/intake.contract';
import type { IntakeSecretResult } from '../../src/contract/intake-sources.contract';
import type { AlertSourceKind } from '../../src/domain/intake/incoming-alert';
import { loadScenario, loadScenarioFile, MINIMAL_SCENARIO_PATH, type Scenario } from '../../sandbox/jira/index';
import type { Sandbox } from '../../sandbox/sandbox';
import { senderHeaders } from '../../sandbox/server/test-alert';
import { dataOf, invokeResolver } from './invoke-resolver';
import { people } from './people';

/** SHOP's "Incident" issue type in the demo scenario. */
export const INCIDENT_TYPE_ID = '10005';

export const sourceSettings = (overrides: Partial<AlertSourceSettings> = {}): AlertSourceSettings => ({
  name: 'Checkout monitoring',
  kind: 'generic',
  issueTypeId: INCIDENT_TYPE_ID,
  rules: [],
  commentIntervalMinutes: DEFAULT_COMMENT_INTERVAL_MINUTES,
  advisory: null,
  ...overrides,
});

/** Creates a source in SHOP as Sam (SHOP's admin); the answer carries the secret, once. */
export const createSource = async (sandbox: Sandbox, overrides: Partial<AlertSourceSettings> = {}): Promise<IntakeSecretResult & { readonly secret: string; readonly url: string }> => {
  const created = dataOf(await invokeResolver(sandbox, people.sam, 'intake/save', { projectKey: 'SHOP', sourceId: null, settings: sourceSettings(overrides), baseVersion: 0 }));
  const source = created.view.sources.find((candidate) => candidate.id === created.sourceId);
  if (created.secret === null || source?.url == null) throw new Error('The created source has no secret or URL.');
  return { ...created, secret: created.secret, url: source.url };
};

export interface SentRequest {
  readonly method?: string;
  readonly headers?: Record<string, string[]>;
  readonly body: string;
}

/** A request to a web trigger URL through Forge's web trigger emulator, as the sandbox's HTTP server hands it over. */
export const sendToUrl = async (sandbox: Sandbox, url: string, request: SentRequest): Promise<{ status: number; headers: Readonly<Record<string, readonly string[]>>; body: { error?: string; message?: string } & Record<string, unknown> }> => {
  const answer = await sandbox.runtime.webTriggers.receive({
    method: request.method ?? 'POST',
    path: new URL(url).pathname,
    headers: { 'Content-Type': ['application/json'], ...request.headers },
    queryParameters: {},
    body: request.body,
  });
  // The platform's own answers (an unknown URL, a time-out) are plain text; the app's are JSON.
  const json = Object.entries(answer.headers).some(([name, values]) => name.toLowerCase() === 'content-type' && values.some((value) => value.includes('json')));
  return { status: answer.status, headers: answer.headers, body: answer.body === '' ? {} : json ? (JSON.parse(answer.body) as Record<string, unknown>) : { platform: answer.body } };
};

/** Headers a well-behaved sender of each kind adds for this body and secret, at `nowSeconds`, as Forge's `name: [values]`. */
export const signedHeaders = (kind: AlertSourceKind, secret: string, body: string, nowSeconds: number, deliveryId?: string): Record<string, string[]> =>
  Object.fromEntries(Object.entries(senderHeaders(kind, secret, body, nowSeconds, deliveryId)).map(([name, value]) => [name, [value]]));

/** A security level of the helper below: who may see issues at it (Jira's member shapes). */
export interface SecurityLevelSpec {
  readonly id: string;
  readonly name: string;
  readonly members: ReadonlyArray<Readonly<Record<string, string>>>;
}

/** The minimal scenario with SHOP (and every project) on one issue security scheme, "Security findings". */
export const scenarioWithIssueSecurity = async (defaultLevelId: string | null, levels: readonly SecurityLevelSpec[]): Promise<Scenario> => {
  const base = (await loadScenarioFile(MINIMAL_SCENARIO_PATH)) as unknown as Record<string, unknown> & { projects: Array<Record<string, unknown>> };
  return loadScenario({
    ...base,
    issueSecuritySchemes: [{ id: '10100', name: 'Security findings', defaultLevelId, levels }],
    projects: base.projects.map((project) => ({ ...project, issueSecuritySchemeId: '10100' })),
  });
};
