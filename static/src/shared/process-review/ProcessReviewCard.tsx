import type { ProcessReviewView } from '@contract/process-review.contract';
import { PROCESS_REVIEW_DEFAULTS, PROCESS_REVIEW_LABEL, PROCESS_REVIEW_LIMITS } from '@contract/process-review.values';
import { useId, useState, type SyntheticEvent, useCallback } from 'react';

import { useLatestLoad } from '../../app/use-latest-load';
import type { CallResolver } from '../../api/client';
import { formatAbsolute } from '../../shared/time';
import { Banner } from '../../ui/Banner';

type Load = { readonly status: 'loading' } | { readonly status: 'failed'; readonly message: string } | { readonly status: 'ready'; readonly view: ProcessReviewView };

const months = (value: string): number | null => (/^\d{1,2}$/.test(value.trim()) ? Number(value.trim()) : null);
const inRange = (value: number | null): value is number => value !== null && value >= 1 && value <= PROCESS_REVIEW_LIMITS.monthsMax;

/**
 * Issue 16 part 5: when the production support process is reviewed, on the site's policy page
 * (`projectKey` undefined) and on a project's settings page. Its own form and record beside the
 * policy's (so neither save waits on the other); the next review date in the viewer's zone, and
 * what a review task will hold.
 */
export function ProcessReviewCard({
  callResolver,
  locale,
  timezone,
  projectKey,
}: {
  readonly callResolver: CallResolver;
  readonly locale: string | undefined;
  readonly timezone: string | undefined;
  readonly projectKey?: string;
}) {
  const id = useId();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [enabled, setEnabled] = useState(false);
  const [first, setFirst] = useState(String(PROCESS_REVIEW_DEFAULTS.firstAfterMonths));
  const [every, setEvery] = useState(String(PROCESS_REVIEW_DEFAULTS.everyMonths));
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<{ readonly tone: 'info' | 'error'; readonly text: string } | null>(null);

  const show = (view: ProcessReviewView) => {
    setLoad({ status: 'ready', view });
    setEnabled(view.setting !== null);
    if (view.setting !== null) {
      setFirst(String(view.setting.firstAfterMonths));
      setEvery(String(view.setting.everyMonths));
    }
  };

  // Loaded once with the page; a save answers the new view.
  const read = useCallback(() => (projectKey === undefined ? callResolver('processReview/getSite', {}) : callResolver('processReview/getProject', { projectKey })), [callResolver, projectKey]);
  useLatestLoad(read, (result) => {
    if (result.ok) show(result.data);
    else setLoad({ status: 'failed', message: result.error.message });
  });

  if (load.status === 'loading') return <p className="fb-meta">Loading the review schedule…</p>;
  if (load.status === 'failed') return <Banner tone="error">{load.message}</Banner>;
  const { view } = load;
  const firstMonths = months(first);
  const everyMonths = months(every);
  const problem = enabled && !(inRange(firstMonths) && inRange(everyMonths)) ? `Give whole numbers of months from 1 to ${String(PROCESS_REVIEW_LIMITS.monthsMax)}.` : null;

  const save = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (problem !== null || saving) return;
    setSaving(true);
    setNotice(null);
    const setting = enabled && inRange(firstMonths) && inRange(everyMonths) ? { firstAfterMonths: firstMonths, everyMonths } : null;
    const result = projectKey === undefined ? await callResolver('processReview/saveSite', { setting, baseVersion: view.version }) : await callResolver('processReview/saveProject', { projectKey, setting, baseVersion: view.version });
    setSaving(false);
    if (result.ok) {
      show(result.data);
      setNotice({ tone: 'info', text: setting !== null ? 'Saved: the review schedule.' : projectKey === undefined ? 'Saved: the process is not reviewed on a schedule.' : 'Saved: this project follows the site’s review schedule.' });
    } else setNotice({ tone: 'error', text: result.error.message });
  };

  return (
    <form className="fb-card fb-settings" aria-labelledby={`${id}-title`} onSubmit={(event) => void save(event)} noValidate>
      <h2 className="fb-card__title" id={`${id}-title`}>
        Process review
      </h2>
      <p className="fb-helper">
        Review the production support process itself on a schedule. When a review date comes, Firebreak files a task in{' '}
        {projectKey === undefined ? 'each project that uses this policy and has production issues' : 'this project'} (label <code>{PROCESS_REVIEW_LABEL}</code>) with what a review needs: levels
        never used, levels that miss their first response targets, weeks over the weekly budget, the Definition of Ready items most often missing, and updates sent late.{' '}
        {projectKey === undefined
          ? 'A project can set its own schedule in its Firebreak settings.'
          : view.siteSetting === null
            ? 'The site sets no schedule, so only one set here applies.'
            : `Without one here, the site’s applies: first after ${String(view.siteSetting.firstAfterMonths)} months, then every ${String(view.siteSetting.everyMonths)}.`}
      </p>
      {view.canEdit ? (
        <>
          <label className="fb-choice">
            <input type="checkbox" checked={enabled} disabled={saving} onChange={(event) => setEnabled(event.target.checked)} /> Review the process on a schedule
          </label>
          {enabled ? (
            <div className="fb-inline">
              <label htmlFor={`${id}-first`}>First review, months after the policy was first saved</label>
              <input id={`${id}-first`} className="fb-input fb-input--short" inputMode="numeric" value={first} disabled={saving} aria-invalid={!inRange(firstMonths)} onChange={(event) => setFirst(event.target.value)} />
              <label htmlFor={`${id}-every`}>then every (months)</label>
              <input id={`${id}-every`} className="fb-input fb-input--short" inputMode="numeric" value={every} disabled={saving} aria-invalid={!inRange(everyMonths)} onChange={(event) => setEvery(event.target.value)} />
            </div>
          ) : null}
          {problem === null ? null : (
            <p className="fb-field-error" role="alert">
              {problem}
            </p>
          )}
          <div className="fb-actions">
            <button type="submit" className="fb-button fb-button--primary" disabled={saving || problem !== null}>
              {saving ? 'Saving…' : 'Save schedule'}
            </button>
          </div>
        </>
      ) : null}
      {notice === null ? null : <Banner tone={notice.tone}>{notice.text}</Banner>}
      <p className="fb-meta">
        {view.setting === null && (projectKey === undefined || view.siteSetting === null)
          ? 'No review is scheduled.'
          : view.nextReviewAt === null
            ? 'The first review is counted from the policy’s first save: save the policy to start the schedule.'
            : `Next review: ${formatAbsolute(view.nextReviewAt, locale, timezone)}.`}
      </p>
    </form>
  );
}
