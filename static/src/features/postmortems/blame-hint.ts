import { findBlameMatches } from '../../../../src/domain/postmortem/blameless';

/** One line under a field: the words, why they read as blame, and another way to say it. */
export interface BlameHintLine {
  readonly phrase: string;
  readonly sentence: string;
}

/** How long typing must pause before new hints appear: long enough not to nag mid-word. */
export const BLAME_HINT_PAUSE_MS = 600;

/**
 * The hints to show while someone types. New hints come from the text as it was at the last pause
 * (`settled`), so a half-typed word does not flash a hint; a hint whose words are gone from what is
 * typed now goes at once, so rewording is answered without waiting.
 */
export function blameHintLines(typed: string, settled: string): BlameHintLine[] {
  return findBlameMatches(settled)
    .filter((match) => typed.includes(match.phrase))
    .map((match) => ({ phrase: match.phrase, sentence: `“${match.phrase}”: ${match.why} ${match.suggestion}` }));
}
