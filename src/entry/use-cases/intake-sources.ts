import { randomBytes, randomUUID } from 'node:crypto';

import { webTrigger } from '@forge/api';

import type { AdvisorySettings, AlertSourceSettings, MappingRule } from '../../contract/intake.contract';
import { ADVISORY_KINDS, ALERT_SOURCE_KINDS, INTAKE_LIMITS } from '../../contract/intake.contract';
import type { AlertSourceView, IntakePreview, IntakeSecretResult, IntakeSourcesView, IntakeTestResult, PreviewRow } from '../../contract/intake-sources.contract';
import { sourceName, type AlertSourceKind } from '../../domain/intake/incoming-alert';
import { mapAlert } from '../../domain/intake/mapping';
import { parseAlert } from '../../domain/intake/parse-alert';
import { sampleAlertBody } from '../../domain/intake/samples';
import { PROTECTION, senderExample } from '../../domain/intake/sender-setup';
import { getProjectRefs } from '../../jira/projects';
import { alertKeyOf } from '../../storage/alert-inbox.store';
import { readAlertIncident } from '../../storage/alert-incident.store';
import { alertsOf, deleteSourceActivity, readSourceActivity, type SourceActivity } from '../../storage/alert-source-activity.store';
import {
  deleteAlertSourceRow,
  deleteSourceSecret,
  listAlertSources,
  readSourceSecret,
  readStoredAlertSource,
  saveAlertSource,
  writeSourceSecret,
  type StoredAlertSource,
} from '../../storage/alert-source.store';
import { readEffectivePolicy } from '../../storage/policy.store';
import { admitDelivery, testDeliveryKey } from '../intake/receive-delivery';
import { Refusal } from '../refusal';
import type { HandlerContext } from '../resolvers/resolver-definition';

/**
 * intake (issue 17): alert sources on the project settings page. Every function here runs after
 * the resolver checked that the caller administers the project (as the user); the project's id
 * comes from Jira, asked as that user, never from the payload, and a source of another project is
 * "not found" here.
 *
 * A source is three writes that no transaction can join (the KVS secret store has no transaction
 * operations, and web trigger URLs live with the platform): the URL, the row, the secret. They are
 * made in that order and a source whose URL or secret is missing or does not match the row is
 * shown "not ready", with rotation as the fix.
 * @see docs/research/intake.md §2 (KVS secret store, web trigger URLs)
 */

export const ALERT_INTAKE_MODULE = 'alert-intake';

/** 32 random bytes, base64url: 256 bits, safe in a header, a YAML string and a shell variable. */
const makeSecret = (): string => randomBytes(32).toString('base64url');
const hintOf = (secret: string): string => secret.slice(-4);
const urlIdOf = (url: string): string => {
  const id = /\/(?:x1|public)\/([^/?#]+)/.exec(url)?.[1];
  if (id === undefined) throw new Error('The platform answered a web trigger URL without an id.');
  return id;
};

const SECRET_NOTICE = 'Copy the secret now: Firebreak will not show it again (only its last four characters).';

interface ProjectContext {
  readonly projectKey: string;
  readonly projectId: string;
  readonly issueTypes: ReadonlyArray<{ readonly id: string; readonly name: string }>;
}

const projectContext = async (projectKey: string, handler: HandlerContext): Promise<ProjectContext> => {
  const project = await getProjectRefs(handler.jira.asUser, projectKey);
  return { projectKey, projectId: project.id, issueTypes: project.issueTypes };
};

/** The source, when it belongs to this project; a refusal otherwise (another project's id reads as unknown). */
const ownSource = async (project: ProjectContext, sourceId: string): Promise<StoredAlertSource> => {
  const source = await readStoredAlertSource(sourceId);
  if (source === null || source.projectId !== project.projectId) throw new Refusal('NOT_FOUND', `This project has no such alert source; it may have been deleted. Reload the page.`);
  return source;
};

const levelsOf = async (projectKey: string): Promise<Array<{ id: string; name: string }>> => (await readEffectivePolicy(projectKey)).policy.levels.map((level) => ({ id: level.id, name: level.name }));

const sampleText = (kind: AlertSourceKind): string => JSON.stringify(sampleAlertBody(kind, '2026-01-01T00:00:00Z'));

/**
 * The issues the last request's alerts are counted on, from the back office's records, so whoever
 * sent a test alert can open the incident it became. Empty until the queue's consumer has opened
 * and set up the incident (seconds on Forge); the page looks again after a test alert. Only keys, in this project
 * (where the source opens its incidents), to its admins.
 */
const incidentKeysOf = async (sourceId: string, activity: SourceActivity): Promise<string[]> => {
  const records = await Promise.all([...new Set(activity.alerts.map((alert) => alert.fingerprint))].map((fingerprint) => readAlertIncident(alertKeyOf(sourceId, fingerprint)).catch(() => null)));
  // Listed once set up (report, decision and policy applied), so whoever follows the link finds the whole incident.
  const setUp = (setup: { readonly report: boolean; readonly policy: boolean; readonly dueDate: boolean; readonly linked: boolean }): boolean => setup.report && setup.policy && setup.dueDate && setup.linked;
  return [...new Set(records.flatMap((record) => (record?.incident.issue == null || !setUp(record.incident.setup) ? [] : [record.incident.issue.key])))];
};

/** Why the source cannot take requests (its URL or secret is missing or not the row's), or null when it can. */
const notReadyReason = (source: StoredAlertSource, secret: string | undefined): string | null =>
  source.url === null || source.urlId === null
    ? 'This source has no URL yet (its save was interrupted). Rotate it with a new URL to finish it.'
    : secret === undefined || source.secretHint === null || hintOf(secret) !== source.secretHint
      ? 'This source has no usable secret (its save was interrupted). Rotate the secret to finish it; senders need the new one.'
      : null;

const viewOf = async (source: StoredAlertSource, project: ProjectContext): Promise<AlertSourceView> => {
  const [secret, activity] = await Promise.all([readSourceSecret(source.id), readSourceActivity(source.id)]);
  const notReady = notReadyReason(source, secret);
  const { id, version, url, secretHint, updatedAt, projectId: _projectId, createdAt: _createdAt, createdBy: _createdBy, updatedBy: _updatedBy, urlId: _urlId, ...settings } = source;
  return {
    id,
    settings,
    version,
    kindName: sourceName(source.kind),
    issueTypeName: project.issueTypes.find((type) => type.id === source.issueTypeId)?.name ?? null,
    url,
    secretHint,
    ready: notReady === null,
    notReady,
    protection: PROTECTION[source.kind],
    example: senderExample(source.kind, url ?? '<the source URL>', sampleText(source.kind)),
    lastReceived:
      activity === null
        ? null
        : { at: activity.receivedAt, test: activity.test, message: activity.message, note: activity.note, alertCount: activity.alertCount, incidents: await incidentKeysOf(source.id, activity) },
    updatedAt,
  };
};

const buildView = async (project: ProjectContext): Promise<IntakeSourcesView> => {
  const [sources, levels] = await Promise.all([listAlertSources(project.projectId), levelsOf(project.projectKey)]);
  return {
    projectKey: project.projectKey,
    sources: await Promise.all(sources.map((source) => viewOf(source, project))),
    issueTypes: project.issueTypes.map((type) => ({ id: type.id, name: type.name })),
    levels,
    kinds: ALERT_SOURCE_KINDS.map((kind) => ({ kind, name: sourceName(kind), advisory: ADVISORY_KINDS.includes(kind) })),
    maxSources: INTAKE_LIMITS.sourcesPerProject,
  };
};

export const readIntakeSources = async (projectKey: string, handler: HandlerContext): Promise<IntakeSourcesView> => buildView(await projectContext(projectKey, handler));

/** What the contract cannot check alone: the issue type is the project's, advisory settings only for advisory kinds. */
const checkSettings = (settings: AlertSourceSettings, project: ProjectContext, levelIds: readonly string[]): void => {
  if (!project.issueTypes.some((type) => type.id === settings.issueTypeId)) {
    throw new Refusal('INVALID_INPUT', `Pick an issue type of ${project.projectKey}; the one chosen is not in this project.`, 'settings.issueTypeId');
  }
  if (settings.advisory !== null && !ADVISORY_KINDS.includes(settings.kind)) {
    throw new Refusal('INVALID_INPUT', `A ${sourceName(settings.kind)} source sends no vulnerability findings; leave the CVSS table empty.`, 'settings.advisory');
  }
  settings.rules.forEach((rule, index) => {
    if (rule.set === 'severity' && !levelIds.includes(rule.value)) {
      throw new Refusal('INVALID_INPUT', `Rule “${rule.name}” sets a level the severity policy does not have; pick one of its levels.`, `settings.rules.${String(index)}.value`);
    }
  });
  for (const band of settings.advisory?.cvssTable ?? []) {
    if (!levelIds.includes(band.name)) throw new Refusal('INVALID_INPUT', `The CVSS table names a level the severity policy does not have (“${band.name}”).`, 'settings.advisory.cvssTable');
  }
};

/**
 * Creates a source (sourceId null: URL, then row, then secret; the secret is answered once) or
 * edits one (compare-and-swap on `baseVersion`; its kind stays, since the secret and the sender's
 * setup belong to the kind).
 */
export const saveIntakeSource = async (projectKey: string, sourceId: string | null, settings: AlertSourceSettings, baseVersion: number, handler: HandlerContext): Promise<IntakeSecretResult> => {
  const project = await projectContext(projectKey, handler);
  const levelIds = (await levelsOf(projectKey)).map((level) => level.id);
  checkSettings(settings, project, levelIds);
  const now = handler.now().toISOString();
  const by = handler.access.accountId;
  if (sourceId !== null) {
    const current = await ownSource(project, sourceId);
    if (settings.kind !== current.kind) throw new Refusal('INVALID_INPUT', 'A source keeps its kind: its secret and the sender\'s setup belong to it. Add a new source for another kind.', 'settings.kind');
    const saved: StoredAlertSource = { ...current, ...settings, version: baseVersion + 1, updatedAt: now, updatedBy: by };
    if ((await saveAlertSource(saved, baseVersion)) === 'conflict') {
      throw new Refusal('CONFLICT', `Someone else changed the source “${current.name}” since you opened it. Reload to see their change, then edit again.`);
    }
    return { view: await buildView(project), sourceId, secret: null, message: `Saved “${settings.name}”.` };
  }
  const existing = await listAlertSources(project.projectId);
  if (existing.length >= INTAKE_LIMITS.sourcesPerProject) throw new Refusal('INVALID_INPUT', `A project has at most ${String(INTAKE_LIMITS.sourcesPerProject)} alert sources; delete one first.`);
  const id = randomUUID();
  const url = await webTrigger.getUrl(ALERT_INTAKE_MODULE, { forceCreate: true });
  const secret = makeSecret();
  const row: StoredAlertSource = { ...settings, id, projectId: project.projectId, version: 1, url, urlId: urlIdOf(url), secretHint: hintOf(secret), createdAt: now, createdBy: by, updatedAt: now, updatedBy: by };
  try {
    await saveAlertSource(row, 0);
  } catch (error) {
    // Undo the URL: nothing else was made.
    await webTrigger.deleteUrl(url).catch(() => undefined);
    throw error;
  }
  try {
    await writeSourceSecret(id, secret);
  } catch {
    throw new Refusal('INTERNAL', `“${settings.name}” was added, but its secret could not be stored; it shows as not ready. Rotate its secret to finish it.`);
  }
  return { view: await buildView(project), sourceId: id, secret, message: `Added “${settings.name}”. ${SECRET_NOTICE}` };
};

/**
 * A new secret (made by the app, or for Sentry the integration's own client secret), and with
 * `newUrl` a new URL whose predecessor is deleted (it then answers 404). The row is saved first
 * (compare-and-swap), then the secret: if the second write fails, the hint no longer matches and
 * the source shows as not ready.
 */
export const rotateIntakeSource = async (projectKey: string, sourceId: string, newUrl: boolean, senderSecret: string | undefined, handler: HandlerContext): Promise<IntakeSecretResult> => {
  const project = await projectContext(projectKey, handler);
  const current = await ownSource(project, sourceId);
  if (senderSecret !== undefined && current.kind !== 'sentry') {
    throw new Refusal('INVALID_INPUT', 'Only a Sentry source takes the sender\'s own secret; Firebreak makes the others.', 'senderSecret');
  }
  const secret = senderSecret ?? makeSecret();
  const url = newUrl || current.url === null ? await webTrigger.getUrl(ALERT_INTAKE_MODULE, { forceCreate: true }) : current.url;
  const saved: StoredAlertSource = { ...current, url, urlId: urlIdOf(url), secretHint: hintOf(secret), version: current.version + 1, updatedAt: handler.now().toISOString(), updatedBy: handler.access.accountId };
  if ((await saveAlertSource(saved, current.version)) === 'conflict') {
    if (url !== current.url) await webTrigger.deleteUrl(url).catch(() => undefined);
    throw new Refusal('CONFLICT', `Someone else changed the source “${current.name}” at the same time. Reload, then rotate again.`);
  }
  await writeSourceSecret(sourceId, secret);
  if (current.url !== null && url !== current.url) {
    // The old URL already finds no source (the row moved on); deleting it also stops Forge invoking the function for it.
    await webTrigger.deleteUrl(current.url).catch(() => undefined);
  }
  const what = url !== current.url ? 'a new URL and a new secret' : 'a new secret';
  const secretLine = senderSecret === undefined ? SECRET_NOTICE : 'Sentry\'s client secret is stored; Firebreak will not show it again.';
  return { view: await buildView(project), sourceId, secret: senderSecret === undefined ? secret : null, message: `“${current.name}” has ${what}; the old one no longer works. ${secretLine}` };
};

/** Deletes the row first (its URL then answers 404 at once), then the URL, the secret and the last payload. */
export const deleteIntakeSource = async (projectKey: string, sourceId: string, baseVersion: number, handler: HandlerContext): Promise<IntakeSourcesView> => {
  const project = await projectContext(projectKey, handler);
  const current = await ownSource(project, sourceId);
  if (current.version !== baseVersion) throw new Refusal('CONFLICT', `Someone else changed the source “${current.name}” since you opened it. Reload, then delete it if you still want to.`);
  await deleteAlertSourceRow(sourceId);
  await Promise.all([
    current.url === null ? undefined : webTrigger.deleteUrl(current.url).catch(() => undefined),
    deleteSourceSecret(sourceId).catch(() => undefined),
    deleteSourceActivity(sourceId).catch(() => undefined),
  ]);
  return buildView(project);
};

/** The rules (saved, or being edited) against the last payload the source received, with level names. */
export const previewIntakeSource = async (projectKey: string, sourceId: string, rules: readonly MappingRule[] | undefined, advisory: AdvisorySettings | null | undefined, handler: HandlerContext): Promise<IntakePreview> => {
  const project = await projectContext(projectKey, handler);
  const source = await ownSource(project, sourceId);
  const [activity, levels] = await Promise.all([readSourceActivity(sourceId), levelsOf(projectKey)]);
  if (activity === null) return { sourceId, receivedAt: null, test: false, rows: [], message: 'Nothing received yet. Send a test alert, or wait for the sender\'s first request.' };
  const levelIds = levels.map((level) => level.id);
  const nameOf = (id: string | null): string | null => (id === null ? null : (levels.find((level) => level.id === id)?.name ?? id));
  const ruleSet = rules ?? source.rules;
  const ruleName = (id: string): string => ruleSet.find((rule) => rule.id === id)?.name ?? id;
  const rows: PreviewRow[] = alertsOf(activity).map((alert) => {
    const mapped = mapAlert(alert, ruleSet, levelIds, advisory === undefined ? source.advisory : advisory);
    return {
      title: alert.title,
      status: alert.status,
      fingerprint: alert.fingerprint,
      severity: nameOf(mapped.severity),
      severityBy: mapped.severityBy,
      product: mapped.product,
      environment: mapped.environment,
      customers: mapped.customers,
      matchedRules: mapped.matchedRules.map(ruleName),
      notes: [...mapped.notes],
    };
  });
  const more = activity.alertCount > rows.length ? ` (the first ${String(rows.length)} of ${String(activity.alertCount)})` : '';
  return { sourceId, receivedAt: activity.receivedAt, test: activity.test, rows, message: `Against the last ${activity.test ? 'test alert' : 'request'} received${more}.` };
};

/**
 * "Send test alert": the kind's sample body through the same parse → back office path as a real
 * request, marked as a test. It skips the signature, which the app itself would be making; the
 * sandbox's control API sends a signed request over HTTP instead. A source that is not ready is
 * refused, as the web trigger refuses its requests.
 */
export const sendTestAlert = async (projectKey: string, sourceId: string, handler: HandlerContext): Promise<IntakeTestResult> => {
  const project = await projectContext(projectKey, handler);
  const source = await ownSource(project, sourceId);
  // The test skips the signature, not the readiness: a source the web trigger would refuse (401) must not look as if it works.
  const notReady = notReadyReason(source, await readSourceSecret(source.id));
  if (notReady !== null) throw new Refusal('INVALID_INPUT', `“${source.name}” is not ready, so a test alert would prove nothing: real requests are refused. ${notReady}`);
  const now = handler.now().toISOString();
  const parsed = parseAlert(source.kind, JSON.parse(JSON.stringify(sampleAlertBody(source.kind, now))) as unknown);
  if (!parsed.ok) throw new Error(`The ${source.kind} sample does not parse: ${parsed.reason}`);
  const admission = await admitDelivery(source, parsed.alerts, parsed.note, testDeliveryKey(), now, true);
  const message =
    admission.kind === 'accepted'
      ? `Test alert accepted: ${admission.message} Its incident shows on the source once Firebreak has opened or updated it, usually within seconds.`
      : `The test alert was not taken: ${admission.message} (try again in ${String(admission.retryAfterSeconds)} seconds).`;
  return { view: await buildView(project), outcome: admission.kind, message };
};
