import type { AdvisorySettings, AlertSourceSettings, MappingRule, RuleTarget } from '@contract/intake.contract';
import type { AlertSourceView, IntakePreview, IntakeSourcesView } from '@contract/intake-sources.contract';
import { DEFAULT_COMMENT_INTERVAL_MINUTES, DEFAULT_REMEDIATION_DAYS, INTAKE_LIMITS, RULE_TARGETS } from '@contract/intake.values';
import { useEffect, useId, useState, type SyntheticEvent } from 'react';

import type { CallResolver } from '../../api/client';
import { issuePath, openJiraPage } from '../../platform/router';
import { formatAbsolute } from '../../shared/time';
import { Banner } from '../../ui/Banner';

/**
 * intake (issue 17): the project's alert sources. Each source is a sender (an Alertmanager
 * receiver, a Sentry integration, a GitHub webhook, …) with its own web trigger URL and secret;
 * its rules turn what an alert says into the incident's severity and report fields. The secret is
 * shown once, in the answer to adding or rotating; afterwards only its last four characters.
 */

type Load = { readonly status: 'loading' } | { readonly status: 'failed'; readonly message: string } | { readonly status: 'ready'; readonly view: IntakeSourcesView };
type Notice = { readonly tone: 'info' | 'error' | 'warning'; readonly text: string };

const TARGET_LABELS: Readonly<Record<RuleTarget, string>> = { severity: 'Severity', product: 'Product or module', environment: 'Environment', customers: 'Customers' };

interface Draft {
  readonly sourceId: string | null;
  readonly baseVersion: number;
  readonly settings: AlertSourceSettings;
}

const newRuleId = (): string => `rule-${Math.random().toString(36).slice(2, 10)}`;

const defaultAdvisory = (levels: IntakeSourcesView['levels']): AdvisorySettings => {
  // CVSS's own bands onto the policy's levels, top level for Critical; a shorter scale shares its lowest level.
  const bands = [9, 7, 4, 0.1];
  const level = (index: number): string => levels[Math.min(index, levels.length - 1)]?.id ?? '';
  const days = [DEFAULT_REMEDIATION_DAYS['critical'], DEFAULT_REMEDIATION_DAYS['high'], DEFAULT_REMEDIATION_DAYS['medium'], DEFAULT_REMEDIATION_DAYS['low']];
  const cvssTable = bands.map((from, index) => ({ name: level(index), from })).filter((band, index, all) => all.findIndex((other) => other.name === band.name) === index);
  const remediationDays: Record<string, number> = {};
  cvssTable.forEach((band) => {
    remediationDays[band.name] = days[bands.indexOf(band.from)] ?? 90;
  });
  return { cvssTable, remediationDays };
};

/** When to read the sources again after a test alert: the incident usually opens within seconds. */
const INCIDENT_LOOKS_MS = [2_000, 6_000, 15_000] as const;

export function AlertSourcesCard({ projectKey, callResolver, locale, timezone }: { readonly projectKey: string; readonly callResolver: CallResolver; readonly locale: string | undefined; readonly timezone: string | undefined }) {
  const id = useId();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [secret, setSecret] = useState<{ readonly sourceName: string; readonly value: string } | null>(null);
  const [preview, setPreview] = useState<IntakePreview | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [sentrySecret, setSentrySecret] = useState('');
  /** Bumped to read the sources again: after a test alert, once the queue has had time to open its incident. */
  const [lookAgain, setLookAgain] = useState(0);
  const [lookAgainAfter, setLookAgainAfter] = useState<readonly number[]>([]);

  useEffect(() => {
    let live = true;
    void callResolver('intake/list', { projectKey }).then((result) => {
      if (!live) return;
      // A later look that fails keeps what is shown; only the first load may fail the card.
      if (result.ok) setLoad({ status: 'ready', view: result.data });
      else setLoad((current) => (current.status === 'ready' ? current : { status: 'failed', message: result.error.message }));
    });
    return () => {
      live = false;
    };
  }, [callResolver, projectKey, lookAgain]);

  useEffect(() => {
    const timers = lookAgainAfter.map((ms) => window.setTimeout(() => setLookAgain((count) => count + 1), ms));
    return () => timers.forEach((timer) => window.clearTimeout(timer));
  }, [lookAgainAfter]);

  if (load.status === 'loading') return <p className="fb-meta">Loading the alert sources…</p>;
  if (load.status === 'failed') return <Banner tone="error">{load.message}</Banner>;
  const { view } = load;
  const show = (next: IntakeSourcesView) => setLoad({ status: 'ready', view: next });
  const when = (iso: string) => formatAbsolute(iso, locale, timezone);
  const levelName = (levelId: string) => view.levels.find((level) => level.id === levelId)?.name ?? levelId;
  const isAdvisory = (kind: string) => view.kinds.find((entry) => entry.kind === kind)?.advisory ?? false;

  const run = async <T,>(work: () => Promise<{ ok: true; data: T } | { ok: false; error: { message: string } }>, then: (data: T) => void) => {
    if (busy) return;
    setBusy(true);
    setNotice(null);
    const result = await work();
    setBusy(false);
    if (result.ok) then(result.data);
    else setNotice({ tone: 'error', text: result.error.message });
  };

  const startAdd = () => {
    const incident = view.issueTypes.find((type) => /incident/i.test(type.name)) ?? view.issueTypes[0];
    setDraft({ sourceId: null, baseVersion: 0, settings: { name: '', kind: 'generic', issueTypeId: incident?.id ?? '', rules: [], commentIntervalMinutes: DEFAULT_COMMENT_INTERVAL_MINUTES, advisory: null } });
    setSecret(null);
    setPreview(null);
  };

  const save = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (draft === null) return;
    const settings = { ...draft.settings, advisory: isAdvisory(draft.settings.kind) ? draft.settings.advisory : null };
    void run(
      () => callResolver('intake/save', { projectKey, sourceId: draft.sourceId, settings, baseVersion: draft.baseVersion }),
      (data) => {
        show(data.view);
        setDraft(null);
        if (data.secret !== null) setSecret({ sourceName: settings.name, value: data.secret });
        setNotice({ tone: 'info', text: data.message });
      },
    );
  };

  const rotate = (source: AlertSourceView, newUrl: boolean, senderSecret?: string) =>
    void run(
      () => callResolver('intake/rotate', { projectKey, sourceId: source.id, newUrl, ...(senderSecret === undefined ? {} : { senderSecret }) }),
      (data) => {
        show(data.view);
        setSentrySecret('');
        setSecret(data.secret === null ? null : { sourceName: source.settings.name, value: data.secret });
        setNotice({ tone: 'info', text: data.message });
      },
    );

  const remove = (source: AlertSourceView) =>
    void run(
      () => callResolver('intake/delete', { projectKey, sourceId: source.id, baseVersion: source.version }),
      (next) => {
        show(next);
        setConfirmDelete(null);
        setPreview(null);
        setNotice({ tone: 'info', text: `Deleted “${source.settings.name}”: its URL no longer answers.` });
      },
    );

  const sendTest = (source: AlertSourceView) =>
    void run(
      () => callResolver('intake/sendTest', { projectKey, sourceId: source.id }),
      (data) => {
        show(data.view);
        setNotice({ tone: data.outcome === 'accepted' ? 'info' : 'warning', text: data.message });
        // Forge's queue hands the alert to the consumer moments later, which then opens the incident: look again, so its link shows.
        if (data.outcome === 'accepted') setLookAgainAfter([...INCIDENT_LOOKS_MS]);
      },
    );

  const showPreview = (sourceId: string, rules?: MappingRule[], advisory?: AdvisorySettings | null) =>
    void run(
      () => callResolver('intake/preview', { projectKey, sourceId, ...(rules === undefined ? {} : { rules }), ...(advisory === undefined ? {} : { advisory }) }),
      (data) => setPreview(data),
    );

  return (
    <section className="fb-card fb-settings" aria-labelledby={`${id}-title`}>
      <h2 className="fb-card__title" id={`${id}-title`}>
        Alert sources
      </h2>
      <p className="fb-helper">
        Monitoring tools and security scanners that open incidents here: each gets its own URL and secret. Every request is checked before anything is kept; a firing alert opens
        one incident, and repeats update it.
      </p>
      {secret === null ? null : (
        <Banner tone="warning" title={`The secret for “${secret.sourceName}”`}>
          <p>Copy it now: Firebreak will not show it again (only its last four characters).</p>
          <input className="fb-input fb-input--wide" readOnly value={secret.value} aria-label={`Secret for ${secret.sourceName}`} onFocus={(event) => event.target.select()} />
        </Banner>
      )}
      {notice === null ? null : (
        <div aria-live="polite">
          <Banner tone={notice.tone}>{notice.text}</Banner>
        </div>
      )}
      {view.sources.length === 0 ? <p className="fb-meta">No alert sources yet.</p> : null}
      {view.sources.map((source) => (
        <article key={source.id} className="fb-card fb-intake-source" aria-label={`Alert source ${source.settings.name}`}>
          <h3 className="fb-card__subtitle">
            {source.settings.name} <span className="fb-meta">({source.kindName}, opens {source.issueTypeName ?? 'an issue type this project no longer has'})</span>
          </h3>
          {source.ready ? null : <Banner tone="warning" title="Not ready">{source.notReady}</Banner>}
          <dl className="fb-facts">
            <dt>URL</dt>
            <dd>
              <input className="fb-input fb-input--wide" readOnly value={source.url ?? 'none yet'} aria-label={`URL of ${source.settings.name}`} onFocus={(event) => event.target.select()} />
            </dd>
            <dt>Secret</dt>
            <dd>{source.secretHint === null ? 'none' : `ends in …${source.secretHint}`}</dd>
            <dt>Protection</dt>
            <dd>{source.protection.sentence}</dd>
            <dt>Last received</dt>
            <dd>
              {source.lastReceived === null
                ? 'Nothing yet.'
                : `${when(source.lastReceived.at)}${source.lastReceived.test ? ' (test alert)' : ''}: ${source.lastReceived.message}${source.lastReceived.note === null ? '' : ` ${source.lastReceived.note}`}`}
            </dd>
            {source.lastReceived === null || source.lastReceived.incidents.length === 0 ? null : (
              <>
                <dt>{source.lastReceived.incidents.length === 1 ? 'Its incident' : 'Its incidents'}</dt>
                <dd>
                  {source.lastReceived.incidents.map((key, index) => (
                    <span key={key}>
                      {index === 0 ? null : ', '}
                      {/* A link inside the iframe would load Jira inside the settings page: the host's router opens it. */}
                      <a
                        href={issuePath(key)}
                        onClick={(event) => {
                          event.preventDefault();
                          openJiraPage(issuePath(key));
                        }}
                      >
                        {key}
                      </a>
                    </span>
                  ))}
                </dd>
              </>
            )}
          </dl>
          <details>
            <summary>{source.example.format === 'shell' ? 'Example request (curl, with the signing steps)' : source.example.format === 'yaml' ? 'Configuration to paste (YAML)' : 'How to set up the sender'}</summary>
            <pre className="fb-pre" aria-label={`Example for ${source.settings.name}`}>{source.example.text}</pre>
          </details>
          <div className="fb-actions">
            <button type="button" className="fb-button" disabled={busy} onClick={() => sendTest(source)}>
              Send test alert
            </button>
            <button type="button" className="fb-button fb-button--subtle" disabled={busy} onClick={() => showPreview(source.id)}>
              Preview rules
            </button>
            <button type="button" className="fb-button fb-button--subtle" disabled={busy} onClick={() => { setDraft({ sourceId: source.id, baseVersion: source.version, settings: source.settings }); setSecret(null); }}>
              Edit
            </button>
            <button type="button" className="fb-button fb-button--subtle" disabled={busy} onClick={() => rotate(source, false)}>
              Rotate secret
            </button>
            <button type="button" className="fb-button fb-button--subtle" disabled={busy} onClick={() => rotate(source, true)}>
              New URL and secret
            </button>
            {confirmDelete === source.id ? (
              <>
                <button type="button" className="fb-button fb-button--danger" disabled={busy} onClick={() => remove(source)}>
                  Delete “{source.settings.name}” for good
                </button>
                <button type="button" className="fb-button fb-button--subtle" onClick={() => setConfirmDelete(null)}>
                  Keep it
                </button>
              </>
            ) : (
              <button type="button" className="fb-button fb-button--subtle" disabled={busy} onClick={() => setConfirmDelete(source.id)}>
                Delete
              </button>
            )}
          </div>
          {source.settings.kind === 'sentry' ? (
            <div className="fb-inline">
              <label htmlFor={`${id}-${source.id}-sentry`}>Sentry client secret</label>
              <input id={`${id}-${source.id}-sentry`} className="fb-input" type="password" autoComplete="off" value={sentrySecret} onChange={(event) => setSentrySecret(event.target.value)} />
              <button type="button" className="fb-button" disabled={busy || sentrySecret.trim().length < 16} onClick={() => rotate(source, false, sentrySecret.trim())}>
                Use Sentry’s secret
              </button>
            </div>
          ) : null}
          {preview?.sourceId === source.id ? <PreviewTable preview={preview} when={when} /> : null}
        </article>
      ))}
      {draft === null ? (
        <div className="fb-actions">
          <button type="button" className="fb-button fb-button--primary" disabled={busy || view.sources.length >= view.maxSources} onClick={startAdd}>
            Add alert source
          </button>
        </div>
      ) : (
        <SourceForm
          draft={draft}
          view={view}
          busy={busy}
          levelName={levelName}
          isAdvisory={isAdvisory}
          onChange={(settings) => setDraft({ ...draft, settings })}
          onSubmit={save}
          onCancel={() => setDraft(null)}
          onPreview={draft.sourceId === null ? null : () => showPreview(draft.sourceId ?? '', [...draft.settings.rules], isAdvisory(draft.settings.kind) ? draft.settings.advisory : null)}
          defaultAdvisory={() => defaultAdvisory(view.levels)}
        />
      )}
      {preview !== null && draft !== null && preview.sourceId === draft.sourceId ? <PreviewTable preview={preview} when={when} /> : null}
    </section>
  );
}

function PreviewTable({ preview, when }: { readonly preview: IntakePreview; readonly when: (iso: string) => string }) {
  if (preview.rows.length === 0) return <p className="fb-meta">{preview.message}</p>;
  return (
    <div className="fb-table-scroll" tabIndex={0} aria-label="Rules preview">
      <p className="fb-meta">
        {preview.message} {preview.receivedAt === null ? '' : `Received ${when(preview.receivedAt)}.`}
      </p>
      <table className="fb-table">
        <thead>
          <tr>
            <th scope="col">Alert</th>
            <th scope="col">Severity</th>
            <th scope="col">Product</th>
            <th scope="col">Environment</th>
            <th scope="col">Customers</th>
            <th scope="col">Rules that matched</th>
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => (
            <tr key={row.fingerprint}>
              <th scope="row">
                {row.title} <span className="fb-meta">({row.status})</span>
              </th>
              <td>
                {row.severity ?? 'the triager decides'}
                {row.severityBy === null ? null : <span className="fb-meta"> {row.severityBy}</span>}
                {row.notes.map((note) => (
                  <p key={note} className="fb-meta">
                    {note}
                  </p>
                ))}
              </td>
              <td>{row.product ?? '—'}</td>
              <td>{row.environment ?? '—'}</td>
              <td>{row.customers ?? '—'}</td>
              <td>{row.matchedRules.length === 0 ? 'none' : row.matchedRules.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SourceForm(props: {
  readonly draft: Draft;
  readonly view: IntakeSourcesView;
  readonly busy: boolean;
  readonly levelName: (levelId: string) => string;
  readonly isAdvisory: (kind: string) => boolean;
  readonly onChange: (settings: AlertSourceSettings) => void;
  readonly onSubmit: (event: SyntheticEvent<HTMLFormElement>) => void;
  readonly onCancel: () => void;
  readonly onPreview: (() => void) | null;
  readonly defaultAdvisory: () => AdvisorySettings;
}) {
  const id = useId();
  const { draft, view, busy, onChange } = props;
  const { settings } = draft;
  const set = (patch: Partial<AlertSourceSettings>) => onChange({ ...settings, ...patch });
  const setRule = (index: number, patch: Partial<MappingRule>) => set({ rules: settings.rules.map((rule, at) => (at === index ? { ...rule, ...patch } : rule)) });
  const advisory = props.isAdvisory(settings.kind) ? (settings.advisory ?? null) : null;
  const editing = draft.sourceId !== null;

  return (
    <form className="fb-card fb-settings" aria-label={editing ? `Edit ${settings.name}` : 'New alert source'} onSubmit={props.onSubmit} noValidate>
      <h3 className="fb-card__subtitle">{editing ? `Edit “${settings.name}”` : 'New alert source'}</h3>
      <div className="fb-field">
        <label htmlFor={`${id}-name`}>Source name</label>
        <input id={`${id}-name`} className="fb-input" maxLength={INTAKE_LIMITS.nameMax} value={settings.name} disabled={busy} onChange={(event) => set({ name: event.target.value })} />
      </div>
      <div className="fb-field">
        <label htmlFor={`${id}-kind`}>Kind</label>
        <select id={`${id}-kind`} className="fb-select" value={settings.kind} disabled={busy || editing} onChange={(event) => set({ kind: event.target.value as AlertSourceSettings['kind'], advisory: null })}>
          {view.kinds.map((kind) => (
            <option key={kind.kind} value={kind.kind}>
              {kind.name}
            </option>
          ))}
        </select>
      </div>
      <div className="fb-field">
        <label htmlFor={`${id}-type`}>Opens incidents as</label>
        <select id={`${id}-type`} className="fb-select" value={settings.issueTypeId} disabled={busy} onChange={(event) => set({ issueTypeId: event.target.value })}>
          {view.issueTypes.map((type) => (
            <option key={type.id} value={type.id}>
              {type.name}
            </option>
          ))}
        </select>
      </div>
      <div className="fb-field">
        <label htmlFor={`${id}-interval`}>At most one comment per (minutes) on a repeating alert</label>
        <input
          id={`${id}-interval`}
          className="fb-input fb-input--number"
          type="number"
          min={INTAKE_LIMITS.commentIntervalMinutesMin}
          max={INTAKE_LIMITS.commentIntervalMinutesMax}
          value={settings.commentIntervalMinutes}
          disabled={busy}
          onChange={(event) => set({ commentIntervalMinutes: Number(event.target.value) })}
        />
      </div>
      <fieldset className="fb-fieldset">
        <legend>Mapping rules (in order; for each field the first match wins)</legend>
        {settings.rules.map((rule, index) => (
          <div key={rule.id} className="fb-inline" role="group" aria-label={`Rule ${String(index + 1)}`}>
            <input className="fb-input" aria-label="Rule name" placeholder="Rule name" value={rule.name} disabled={busy} onChange={(event) => setRule(index, { name: event.target.value })} />
            <span>when label</span>
            <input className="fb-input" aria-label="Label" placeholder="severity" value={rule.when.label} disabled={busy} onChange={(event) => setRule(index, { when: { ...rule.when, label: event.target.value } })} />
            <span>equals</span>
            <input className="fb-input" aria-label="Equals" placeholder="page, or * for any" value={rule.when.equals} disabled={busy} onChange={(event) => setRule(index, { when: { ...rule.when, equals: event.target.value } })} />
            <span>sets</span>
            <select className="fb-select" aria-label="Sets" value={rule.set} disabled={busy} onChange={(event) => setRule(index, { set: event.target.value as RuleTarget, value: event.target.value === 'severity' ? (view.levels[0]?.id ?? '') : '' })}>
              {RULE_TARGETS.map((target) => (
                <option key={target} value={target}>
                  {TARGET_LABELS[target]}
                </option>
              ))}
            </select>
            {rule.set === 'severity' ? (
              <select className="fb-select" aria-label="Level" value={rule.value} disabled={busy} onChange={(event) => setRule(index, { value: event.target.value })}>
                {view.levels.map((level) => (
                  <option key={level.id} value={level.id}>
                    {level.name}
                  </option>
                ))}
              </select>
            ) : (
              <input className="fb-input" aria-label="Value" value={rule.value} disabled={busy} onChange={(event) => setRule(index, { value: event.target.value })} />
            )}
            <button type="button" className="fb-button fb-button--subtle" disabled={busy} onClick={() => set({ rules: settings.rules.filter((_, at) => at !== index) })}>
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="fb-button fb-button--subtle"
          disabled={busy || settings.rules.length >= INTAKE_LIMITS.rulesPerSource}
          onClick={() => set({ rules: [...settings.rules, { id: newRuleId(), name: '', when: { label: 'severity', equals: '' }, set: 'severity', value: view.levels[0]?.id ?? '' }] })}
        >
          Add rule
        </button>
      </fieldset>
      {props.isAdvisory(settings.kind) ? (
        <fieldset className="fb-fieldset">
          <legend>Vulnerability findings: CVSS score to severity, and days to fix</legend>
          {advisory === null ? (
            <button type="button" className="fb-button fb-button--subtle" disabled={busy} onClick={() => set({ advisory: props.defaultAdvisory() })}>
              Use a CVSS table
            </button>
          ) : (
            <>
              {advisory.cvssTable.map((band, index) => (
                <div key={`${band.name}-${String(index)}`} className="fb-inline" role="group" aria-label={`CVSS band ${String(index + 1)}`}>
                  <span>From CVSS</span>
                  <input
                    className="fb-input fb-input--number"
                    type="number"
                    step="0.1"
                    min={0}
                    max={10}
                    aria-label="From score"
                    value={band.from}
                    disabled={busy}
                    onChange={(event) => set({ advisory: { ...advisory, cvssTable: advisory.cvssTable.map((other, at) => (at === index ? { ...other, from: Number(event.target.value) } : other)) } })}
                  />
                  <span>severity</span>
                  <span>{props.levelName(band.name)}</span>
                  <span>fix within (days)</span>
                  <input
                    className="fb-input fb-input--number"
                    type="number"
                    min={1}
                    max={INTAKE_LIMITS.remediationDaysMax}
                    aria-label={`Days to fix ${props.levelName(band.name)}`}
                    value={advisory.remediationDays[band.name] ?? ''}
                    disabled={busy}
                    onChange={(event) => set({ advisory: { ...advisory, remediationDays: { ...advisory.remediationDays, [band.name]: Number(event.target.value) } } })}
                  />
                </div>
              ))}
              <button type="button" className="fb-button fb-button--subtle" disabled={busy} onClick={() => set({ advisory: null })}>
                No CVSS table
              </button>
            </>
          )}
        </fieldset>
      ) : null}
      <div className="fb-actions">
        <button type="submit" className="fb-button fb-button--primary" disabled={busy || settings.name.trim() === ''}>
          {busy ? 'Saving…' : editing ? 'Save source' : 'Add source'}
        </button>
        {props.onPreview === null ? null : (
          <button type="button" className="fb-button" disabled={busy} onClick={props.onPreview}>
            Preview these rules
          </button>
        )}
        <button type="button" className="fb-button fb-button--subtle" disabled={busy} onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
