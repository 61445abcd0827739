import { adf, type AdfDocument } from '../../contract/adf';

interface Person {
  readonly accountId: string;
  readonly displayName: string;
}

const { paragraph, text } = adf;
const mention = (person: Person) => adf.mention(person.accountId, person.displayName);

/**
 * The one comment a send-back posts: who it is for, exactly what is missing, and what happens next.
 * It promises what the app does: the issue waits, is never closed for silence, and returns to triage
 * when the report is complete.
 */
export const composeSendBackComment = (reporter: Person | null, missing: readonly string[]): AdfDocument =>
  adf.doc(
    paragraph(...(reporter === null ? [] : [mention(reporter), text(' ')]), text('we need a little more before we can work on this issue. Missing from the production report:')),
    adf.bulletList(...missing.map((item) => [paragraph(text(item))])),
    paragraph(text('Please complete the Production report panel on this issue. It returns to triage by itself once everything is there; nothing is closed while we wait for you.')),
  );

/**
 * The comment that hands a completed report back: to whom, and where the issue really is. When the
 * workflow could not take it back to the status it came from, it says so and asks for the move.
 */
export const composeReturnComment = (triager: Person | null, status: string, wanted: string): AdfDocument =>
  adf.doc(
    paragraph(
      ...(triager === null ? [] : [mention(triager), text(' ')]),
      text(
        status === '' || status.toLowerCase() === wanted.toLowerCase()
          ? `the reporter completed the production report, so this issue is back with you in ${wanted}.`
          : `the reporter completed the production report, so this issue is back with you. It is still in ${status}: its workflow has no transition back to ${wanted}, so please move it by hand.`,
      ),
    ),
  );
