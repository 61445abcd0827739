/**
 * The one judge of a production report's answers: whether what a field holds is an answer, and if
 * not, what to write instead. The report form runs it on every keystroke, the Definition of Ready
 * and the workflow validator on the stored report, and the send-back comment quotes its sentences,
 * so all of them say the same thing about the same text. Pure and zod-free, so the UI imports it at
 * run time (it lives beside the contract for that reason, like `duration-words.ts`).
 *
 * What counts as an answer: anything a person wrote on purpose, short or not ("Production",
 * "Checkout", "500 error"), and an explicit "don't know" where not knowing is possible ("Not known
 * yet" for the customers, the workaround's choice). What does not: empty text, placeholders ("n/a",
 * "tbd", "see above"), keyboard mashing, the template's prompt left in, and one-phrase complaints that
 * would fit any bug ("it doesnt work", "Error").
 */
import type { ReportFieldId, ReportFields } from './report.contract';

import { REPORT_FIELDS, type ReportFieldDefinition } from './report.values';

export interface FieldProblem {
  readonly field: ReportFieldId;
  /** A sentence naming the field, why its text does not count, and what to write instead. */
  readonly message: string;
}

/**
 * What to write in each field, in the reporter's words. Ends every message about the field: the
 * form's advice while typing, the checklist's detail and the send-back comment's list.
 */
export const FIELD_ADVICE: Readonly<Record<ReportFieldId, string>> = {
  stepsToReproduce: 'Say who was logged in and each click or entry, one step per line. If you cannot make it happen again, say what you were doing when it happened.',
  actualResult: 'Say what you saw: the exact error text, the wrong value, or how long it hung.',
  expectedResult: 'Say what the system should have done: the page, value or message you expected.',
  environment: 'Say which environment (production, staging…), which app version and which browser or device.',
  customers: 'Say who is affected (customer names or account ids) and how many. If nobody knows yet, write “Not known yet”.',
  affectedUsers: 'Enter your best estimate of how many users are affected, as a whole number such as 250.',
  product: 'Say which part of the product, for example Checkout or Invoicing.',
  raisedVia: 'Pick who noticed it first.',
  workaround: 'Pick whether users can get their work done another way; “Not known yet” is a fine answer.',
  workaroundDescription: 'Say how users can get their work done meanwhile, step by step.',
  links: 'Add links to a screen recording, screenshots or log searches, one per line.',
};

/** Lowercase, apostrophes dropped, punctuation to spaces, trailing full stops gone: "Doesn’t work." → "doesnt work". */
export const normaliseAnswer = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/[^\p{L}\p{N}/ .?-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!]+$/, '')
    .trim();

/** Text that fills any field without saying anything. Matched against the whole normalised value. */
const PLACEHOLDERS: ReadonlySet<string> = new Set([
  '', 'n/a', 'na', 'n.a', 'n a', 'none', 'nothing', 'nil', 'null', 'undefined', '-', '--', '...', '.', '?', '??', '???', 'tbd', 'tbc', 'todo', 'to do', 'fill in', 'fill in later', 'later',
  'see above', 'see below', 'as above', 'same as above', 'same', 'see description', 'see summary', 'see title', 'see attached', 'see screenshot', 'see ticket', 'see email', 'see slack', 'as discussed',
  'asdf', 'asdfgh', 'qwerty', 'test', 'testing', 'xxx', 'x', 'abc', 'foo', 'bar', 'lorem ipsum', 'blah', 'blah blah', 'whatever', 'etc',
]);

/** One-phrase complaints that fit any bug: never an answer to what was seen, expected or where. */
const VAGUE = new Set([
  'it is broken', 'its broken', 'broken', 'doesnt work', 'does not work', 'it doesnt work', 'it does not work', 'not working', 'its not working', 'it is not working', 'didnt work', 'did not work',
  'error', 'an error', 'errors', 'error message', 'got an error', 'there is an error', 'it errors', 'bug', 'a bug', 'its a bug', 'problem', 'a problem', 'issue', 'an issue', 'fails', 'it fails', 'failed',
  'failure', 'crash', 'it crashes', 'crashed', 'wrong', 'its wrong', 'weird', 'strange', 'something is wrong', 'something went wrong', 'bad', 'not ok', 'not good', 'help', 'urgent', 'asap',
]);

/** What "it should work" looks like in the expected result: restating that the bug should not be there. */
const VAGUE_EXPECTED = new Set([
  'it should work', 'should work', 'to work', 'work', 'it works', 'working', 'it to work', 'works', 'no error', 'no errors', 'no bug', 'not broken', 'normal', 'normally', 'as expected', 'as usual',
  'correct', 'correctly', 'the correct behaviour', 'the correct behavior', 'correct behaviour', 'correct behavior', 'fixed', 'fix it', 'it should not fail', 'no problem', 'ok', 'okay', 'fine',
]);

/** Who, without anyone named or counted. "All customers" and "everyone" are answers; "some" is not. */
const VAGUE_CUSTOMERS = new Set(['customers', 'customer', 'users', 'user', 'some', 'some customers', 'some users', 'a few', 'few', 'several', 'various', 'multiple', 'many', 'lots', 'a lot', 'people', 'clients', 'client']);

/** An explicit "don't know". An answer where not knowing is possible; see `DONT_KNOW_ACCEPTED`. */
const DONT_KNOW = new Set([
  'not known yet', 'not known', 'unknown', 'unknown yet', 'still unknown', 'dont know', 'do not know', 'i dont know', 'i do not know', 'dont know yet', 'we dont know yet', 'idk', 'dunno', 'no idea',
  'not sure', 'unsure', 'not yet known', 'nobody knows yet', 'unclear', 'unclear yet',
]);

/**
 * Fields where "don't know" is an honest answer. Not what happened (the reporter saw something) and
 * not the steps: there a bare "unknown" gives a developer nowhere to start, and the advice asks what
 * they were doing instead.
 */
const DONT_KNOW_ACCEPTED: ReadonlySet<ReportFieldId> = new Set(['expectedResult', 'environment', 'customers', 'product', 'workaroundDescription']);

/** Keyboard mashing and one character repeated: "aaaaaa", "jjjjj", "asdfasdf". */
const isMashing = (text: string): boolean => {
  const compact = text.replace(/\s/g, '');
  if (compact.length >= 3 && new Set(compact).size <= 2) return true;
  return /^(asdf|qwer|zxcv|hjkl|sdfg|jkl)+/.test(compact);
};

export const MIN_STEPS_CHARS = 25;

/** Long answers are quoted shortened, so a message stays one line in a comment. */
const quote = (value: string): string => {
  const trimmed = value.trim().replace(/\s+/g, ' ');
  return `“${trimmed.length > 40 ? `${trimmed.slice(0, 39)}…` : trimmed}”`;
};

const isDontKnow = (text: string): boolean => DONT_KNOW.has(text);

/** Whether the text says nothing about this field, by the lists above. */
const isEmptyInSubstance = (field: ReportFieldId, text: string): 'placeholder' | 'vague' | null => {
  if (PLACEHOLDERS.has(text)) return 'placeholder';
  if (isDontKnow(text)) return DONT_KNOW_ACCEPTED.has(field) ? null : 'vague';
  if (VAGUE.has(text)) return 'vague';
  if (field === 'expectedResult' && VAGUE_EXPECTED.has(text)) return 'vague';
  if (field === 'customers' && VAGUE_CUSTOMERS.has(text)) return 'vague';
  return null;
};

/**
 * What is wrong with one free-text answer, as a sentence ending in the field's advice; `null` when it
 * is an answer or empty (an empty field is the readiness check's business: it is only missing when
 * the field is required). Choices, numbers and links are checked by their own shape, not here.
 */
export const judgeTextAnswer = (definition: Pick<ReportFieldDefinition, 'id' | 'label' | 'prompt'>, value: string): string | null => {
  if (value.trim() === '') return null;
  const text = normaliseAnswer(value);
  const { id, label } = definition;
  const advice = FIELD_ADVICE[id];
  const emptiness = isEmptyInSubstance(id, text);
  if (emptiness === 'placeholder') return `${label} says only ${quote(value)}, which tells a developer nothing. ${advice}`;
  if (emptiness === 'vague') return `${label} says only ${quote(value)}, which is too vague to act on. ${advice}`;
  if (isMashing(text)) return `${label} looks like placeholder typing. ${advice}`;
  const prompt = normaliseAnswer(definition.prompt);
  if (prompt === text || (text.length > 20 && prompt.includes(text))) return `${label} still holds the template’s example text. ${advice}`;
  if (id === 'stepsToReproduce' && value.trim().length < MIN_STEPS_CHARS) {
    return `${label} is too short to follow (${String(value.trim().length)} characters). ${advice}`;
  }
  return null;
};

const TEXT_KINDS: ReadonlySet<ReportFieldDefinition['kind']> = new Set(['text', 'long-text']);

/** Every free-text field whose answer does not count, with why and what to write. */
export const findAnswerProblems = (fields: ReportFields): FieldProblem[] =>
  REPORT_FIELDS.flatMap((definition) => {
    const value = fields[definition.id];
    if (!TEXT_KINDS.has(definition.kind) || typeof value !== 'string') return [];
    const message = judgeTextAnswer(definition, value);
    return message === null ? [] : [{ field: definition.id, message }];
  });

/**
 * Whether a field counts as answered: a choice picked (any choice, "Not known yet" included), a
 * number given, a link added, or text the judge accepts.
 */
export const isAnswered = (fields: ReportFields, field: ReportFieldId, problems: readonly FieldProblem[]): boolean => {
  const value = fields[field];
  if (value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'number') return true;
  return value.trim() !== '' && !problems.some((problem) => problem.field === field);
};

/** The sentence for a field the reporter left empty. */
export const describeEmptyAnswer = (definition: Pick<ReportFieldDefinition, 'id' | 'label'>): string => `${definition.label} is empty. ${FIELD_ADVICE[definition.id]}`;

// ── Roughly how many users ──────────────────────────────────────────────────────────────────────

export type UserCountParse = { readonly ok: true; readonly value: number | null } | { readonly ok: false; readonly message: string };

export const AFFECTED_USERS_MAX = 1_000_000_000;

/** "about 200", "~200", "200+", "1,200 users", "1 200": the number a person means. */
const USER_COUNT = /^(?:about|around|approx\.?|approximately|roughly|circa|ca\.?|~|≈)?\s*(\d[\d\s,.'’]*)\s*\+?\s*(?:users?|people|persons?|customers?)?$/i;

/**
 * Reads what a person typed for "Roughly how many users". Says what is wrong and what to enter: a
 * negative count, a range, a word. A required field never suggests leaving it empty.
 */
export const parseUserCount = (input: string, required: boolean): UserCountParse => {
  const text = input.trim().replace(/[\u2212\u2012\u2013\u2014\uFE63\uFF0D]/g, '-');
  const instead = required ? 'Enter your best estimate as a whole number, such as 250.' : 'Enter your best estimate as a whole number, such as 250, or leave it empty if nobody knows.';
  // Empty is not wrong while typing: a required field is reported missing by the readiness check.
  if (text === '') return { ok: true, value: null };
  // No count takes more than a few characters; longer text is not read further (the patterns below
  // would otherwise backtrack over a pasted page on every keystroke).
  if (text.length > 40) return { ok: false, message: `That is not a number. ${instead}` };
  if (/^-\s*\d/.test(text)) return { ok: false, message: `The number of users cannot be negative (you entered ${input.trim()}). ${instead}` };
  const range = /^(\d[\d\s,.'’]*?)\s*(?:-|to)\s*(\d[\d\s,.'’]*)$/.exec(text);
  if (range !== null) return { ok: false, message: `Enter one number, not a range: for ${text}, enter ${(range[2] ?? '').trim()}.` };
  const match = USER_COUNT.exec(text);
  const digits = match?.[1]?.trim();
  if (digits === undefined) return { ok: false, message: `“${input.trim()}” is not a number. ${instead}` };
  // Group separators are spaces, commas, apostrophes, or dots between groups of three; a dot or comma
  // before one or two digits is a decimal part.
  if (/[.,]\d{1,2}$/.test(digits)) return { ok: false, message: `Users come in whole numbers. ${instead}` };
  const value = Number(digits.replace(/[\s,.'’]/g, ''));
  if (!Number.isSafeInteger(value)) return { ok: false, message: `“${input.trim()}” is not a number. ${instead}` };
  if (value > AFFECTED_USERS_MAX) return { ok: false, message: `That is more users than exist (${String(AFFECTED_USERS_MAX).replace(/\B(?=(\d{3})+$)/g, ',')} at most). ${instead}` };
  return { ok: true, value };
};
