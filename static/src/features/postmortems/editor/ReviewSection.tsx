import type { PostmortemView, ReviewerCandidates } from '@contract/postmortem.contract';
import { FIVE_QUESTIONS, SECTION_LABELS, type SectionKey } from '@contract/postmortem.values';
import { useId, useState } from 'react';

import { STATUS_LABELS } from '../../../shared/postmortem-links';
import { formatAbsolute } from '../../../shared/time';
import type { EditorState } from '../postmortem-editor.state';
import type { PostmortemsActions } from '../use-postmortems';

interface ReviewProps {
  readonly state: EditorState;
  readonly actions: PostmortemsActions;
  readonly dirty: boolean;
  readonly locale: string | undefined;
  readonly timezone: string | undefined;
}

type HistoryEntry = PostmortemView['review']['history'][number];

/** One version-history line as a sentence: "Mia Chen approved it." */
const historySentence = (entry: HistoryEntry, name: (accountId: string) => string): string => {
  switch (entry.event) {
    case 'created':
      return 'started it.';
    case 'saved':
      return `changed ${(entry.sections ?? []).map((key) => (key in SECTION_LABELS ? SECTION_LABELS[key as SectionKey] : key)).join(', ')}.`;
    case 'status':
      return entry.to === 'in-review' ? 'sent it to review.' : `moved it to ${entry.to === undefined ? 'another status' : STATUS_LABELS[entry.to]}.`;
    case 'reviewers':
      return (entry.people ?? []).length === 0 ? 'removed all reviewers.' : `asked ${(entry.people ?? []).map(name).join(', ')} to review.`;
    case 'approved':
      return 'approved it.';
    case 'approvals-cleared':
      return 'changed the text under review, so its approvals were withdrawn.';
    case 'published':
      return 'published it.';
    case 'revision-opened':
      return 'opened a new revision.';
  }
};

/**
 * The review (part "review"): who reviews (the owner picks them with a search of people who can see
 * the postmortem), who approved and when, a reviewer's Approve, the published version while a new
 * revision is open, and the version history. Names only, never account ids.
 */
export function ReviewSection({ state, actions, dirty, locale, timezone }: ReviewProps) {
  const id = useId();
  const { view } = state;
  const { review, postmortem } = view;
  const name = (accountId: string): string => view.names[accountId] ?? 'someone Jira does not name to you';
  const when = (iso: string): string => formatAbsolute(iso, locale, timezone);
  const busy = state.busy !== null;
  const open = postmortem.status !== 'published';
  const reviewerIds = review.reviewers.map((reviewer) => reviewer.accountId);

  return (
    <section className="fb-pm__section" aria-labelledby={`${id}-review`}>
      <h2 className="fb-subheading" id={`${id}-review`}>
        Review
      </h2>
      {review.reviewers.length === 0 ? (
        <p className="fb-helper">No reviewers yet. {review.isOwner ? 'Choose at least one person to review it before it can be published.' : 'The owner chooses them.'}</p>
      ) : (
        <ul className="fb-list" aria-label="Reviewers">
          {review.reviewers.map((reviewer) => (
            <li key={reviewer.accountId}>
              {name(reviewer.accountId)}: {reviewer.approvedAt === null ? 'not approved yet' : `approved ${when(reviewer.approvedAt)}`}
              {review.isOwner && open ? (
                <button type="button" className="fb-button fb-button--subtle" disabled={busy} onClick={() => actions.setReviewers(reviewerIds.filter((other) => other !== reviewer.accountId))}>
                  Remove {name(reviewer.accountId)}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {review.isOwner && open ? <ReviewerPicker actions={actions} chosen={reviewerIds} disabled={busy} /> : null}
      {review.isReviewer && postmortem.status === 'in-review' ? <ApproveControl state={state} actions={actions} dirty={dirty} /> : null}
      {review.published === null ? null : (
        <details className="fb-pm__published">
          <summary>
            Published version: published {when(review.published.publishedAt)}
            {review.published.publishedBy === null ? null : ` by ${name(review.published.publishedBy)}`}
          </summary>
          <PublishedVersion postmortem={review.published.postmortem} />
        </details>
      )}
      {review.history.length === 0 ? null : (
        <>
          <h3 className="fb-label" id={`${id}-history`}>
            Version history
          </h3>
          <ol className="fb-list" aria-labelledby={`${id}-history`}>
            {[...review.history].reverse().map((entry) => (
              <li key={`${String(entry.revision)}-${entry.event}`}>
                {when(entry.at)}: {name(entry.by)} {historySentence(entry, name)}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function ApproveControl({ state, actions, dirty }: { readonly state: EditorState; readonly actions: PostmortemsActions; readonly dirty: boolean }) {
  const { view } = state;
  if (view.review.approvedByYou) return <p className="fb-helper">You approved this version.</p>;
  return (
    <div className="fb-actions">
      <button type="button" className="fb-button fb-button--primary" disabled={state.busy !== null || dirty} onClick={actions.approve}>
        Approve
      </button>
      <span className="fb-helper">
        {view.blameHints.length === 0 ? 'Approve the text as it stands; a change to it withdraws approvals.' : `Check the blame phrasing ${view.blameHints.length === 1 ? 'hint' : `hints (${String(view.blameHints.length)})`} above before you approve.`}
      </span>
    </div>
  );
}

function ReviewerPicker({ actions, chosen, disabled }: { readonly actions: PostmortemsActions; readonly chosen: readonly string[]; readonly disabled: boolean }) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<ReviewerCandidates['people'] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const search = () => {
    if (query.trim() === '') return;
    setMessage(null);
    void actions.searchReviewers(query.trim()).then((result) => {
      if (result.ok) {
        setFound(result.data.people);
        if (result.data.people.length === 0) setMessage(`No one who can see this postmortem matches “${query.trim()}”.`);
      } else setMessage(result.error.message);
    });
  };
  return (
    <div className="fb-pm__picker">
      <label className="fb-label" htmlFor={`${id}-q`}>
        Find a reviewer
      </label>
      <div className="fb-actions">
        <input
          id={`${id}-q`}
          className="fb-input"
          value={query}
          placeholder="Name or email"
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              search();
            }
          }}
        />
        <button type="button" className="fb-button" onClick={search}>
          Search
        </button>
      </div>
      {message === null ? null : <p className="fb-helper">{message}</p>}
      {found === null || found.length === 0 ? null : (
        <ul className="fb-list" aria-label="People found">
          {found.map((person) => (
            <li key={person.accountId}>
              {person.displayName}{' '}
              {chosen.includes(person.accountId) ? (
                <span className="fb-meta">already a reviewer</span>
              ) : (
                <button
                  type="button"
                  className="fb-button"
                  disabled={disabled}
                  onClick={() => {
                    actions.setReviewers([...chosen, person.accountId]);
                    setFound(null);
                    setQuery('');
                  }}
                >
                  Add {person.displayName}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The published version's text, read-only, as it was published. */
function PublishedVersion({ postmortem }: { readonly postmortem: PostmortemView['postmortem'] }) {
  return (
    <div className="fb-pm__published-body">
      <h3 className="fb-label">{postmortem.title}</h3>
      <p className="fb-label">Summary</p>
      <p className="fb-pre">{postmortem.summary}</p>
      <p className="fb-label">Customer impact</p>
      <p className="fb-pre">{postmortem.customerImpact}</p>
      {FIVE_QUESTIONS.map((question) => (
        <div key={question.id}>
          <p className="fb-label">{question.label}</p>
          <p className="fb-pre">{postmortem.answers[question.id] ?? ''}</p>
        </div>
      ))}
      <p className="fb-label">Actions</p>
      <ul className="fb-list">
        {postmortem.actions.map((action) => (
          <li key={action.id}>{action.title}</li>
        ))}
      </ul>
    </div>
  );
}
