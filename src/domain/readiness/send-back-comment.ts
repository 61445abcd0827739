import { adf, type AdfDocument, type AdfNode } from '../../contract/adf';

interface Person {
  readonly accountId: string;
  readonly displayName: string;
}

const { paragraph, text } = adf;
const mention = (person: Person) => adf.mention(person.accountId, person.displayName);

/**
 * The triager's note as plain text paragraphs: one per line, control characters dropped, blank lines
 * skipped (ADF refuses an empty text node). Nothing in it is read as markup: a `*` or `[link]` stays
 * the characters the triager typed.
 * @see https://developer.atlassian.com/cloud/jira/platform/apis/document/nodes/text/
 */
export const noteParagraphs = (note: string): AdfNode[] =>
  note
    // eslint-disable-next-line no-control-regex -- dropping control characters is the point
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => paragraph(text(line)));

/**
 * The one comment a send-back posts: who it is for, exactly what is missing (each item in the words
 * the report form uses for that field), the triager's own note when they wrote one, and what happens
 * next. It promises what the app does: the issue waits, is never closed for silence, and returns to
 * triage when the report is complete.
 */
export const composeSendBackComment = (reporter: Person | null, missing: readonly string[], note = ''): AdfDocument =>
  adf.doc(
    paragraph(...(reporter === null ? [] : [mention(reporter), text(' ')]), text('we need a little more before we can work on this issue. Missing from the production report:')),
    adf.bulletList(...missing.map((item) => [paragraph(text(item))])),
    ...noteParagraphs(note),
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
