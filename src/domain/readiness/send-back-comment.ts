import type { AdfDocument } from '../../contract/adf';

interface Person {
  readonly accountId: string;
  readonly displayName: string;
}

const mention = (person: Person): unknown => ({ type: 'mention', attrs: { id: person.accountId, text: `@${person.displayName}` } });
const text = (value: string): unknown => ({ type: 'text', text: value });
const paragraph = (...content: unknown[]): unknown => ({ type: 'paragraph', content });

/**
 * The one comment a send-back posts: who it is for, exactly what is missing, and what happens next.
 * It promises what the app does: the issue waits, is never closed for silence, and returns to triage
 * when the report is complete.
 */
export const composeSendBackComment = (reporter: Person | null, missing: readonly string[]): AdfDocument => ({
  type: 'doc',
  version: 1,
  content: [
    paragraph(...(reporter === null ? [] : [mention(reporter), text(' ')]), text('we need a little more before we can work on this issue. Missing from the production report:')),
    { type: 'bulletList', content: missing.map((item) => ({ type: 'listItem', content: [paragraph(text(item))] })) },
    paragraph(text('Please complete the Production report panel on this issue. It returns to triage by itself once everything is there; nothing is closed while we wait for you.')),
  ],
});

export const composeReturnComment = (triager: Person | null): AdfDocument => ({
  type: 'doc',
  version: 1,
  content: [
    paragraph(
      ...(triager === null ? [] : [mention(triager), text(' ')]),
      text('the reporter completed the production report, so this issue is back in triage.'),
    ),
  ],
});
