/**
 * The advisory blameless check: phrasing that blames people or names them as the cause, with a
 * systems-focused rewording. It never blocks; it points at a sentence and suggests another way to
 * say it, because a review that hunts for a culprit stops learning.
 * @see https://codeascraft.com/2012/05/22/blameless-postmortems/
 */
export interface BlameHint {
  /** The words that triggered the hint, as written. */
  readonly phrase: string;
  readonly why: string;
  readonly suggestion: string;
}

interface Pattern {
  readonly test: RegExp;
  readonly why: string;
  readonly suggestion: string;
}

const PATTERNS: readonly Pattern[] = [
  {
    test: /\b[\p{Lu}][\p{L}'-]+(?:'s|’s) (?:fault|mistake|error|bad)\b/u,
    why: 'It names a person as the cause.',
    suggestion: 'Describe what the system allowed: “The deploy tool accepted a config without validation.”',
  },
  {
    test: /\b(?:fault of|blame[ds]?|to blame|culprit)\b/i,
    why: 'It looks for someone to blame.',
    suggestion: 'Say which condition made the failure possible, and what would have caught it.',
  },
  {
    test: /\bhuman error\b/i,
    why: '“Human error” ends the inquiry where it should start.',
    suggestion: 'Ask what made the error easy to make and hard to notice: tooling, alerts, load, handover.',
  },
  {
    test: /\b(?:careless(?:ly|ness)?|negligen(?:t|ce)|sloppy|lazy|incompeten(?:t|ce)|stupid|dumb)\b/i,
    why: 'It judges a person instead of describing what happened.',
    suggestion: 'State the action and its context: what they knew, what the tool showed them.',
  },
  {
    test: /\bshould(?: not|n['’]t)? have\b/i,
    why: '“Should have” is hindsight: at the time, the right move was not obvious.',
    suggestion: 'Describe what they saw at the time and what would have made the safer choice the easy one.',
  },
  {
    test: /\b(?:failed to|forgot to|neglected to|didn['’]t bother)\b/i,
    why: 'It frames a gap in the system as a person’s failing.',
    suggestion: 'Name the missing safeguard: “No check required a second review before the migration.”',
  },
];

/** Every blame pattern found in a text, in reading order, at most one per pattern. */
export const findBlameHints = (text: string): BlameHint[] =>
  PATTERNS.flatMap((pattern) => {
    const match = pattern.test.exec(text);
    return match === null ? [] : [{ phrase: match[0], why: pattern.why, suggestion: pattern.suggestion, index: match.index }];
  })
    .sort((a, b) => a.index - b.index)
    .map(({ phrase, why, suggestion }) => ({ phrase, why, suggestion }));
