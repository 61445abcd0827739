import { REPORT_FIELDS, type ReportFieldId, type ReportFields } from '../../contract/report.contract';

export interface FieldProblem {
  readonly field: ReportFieldId;
  /** A sentence naming the field and why its text does not count, for the reporter. */
  readonly message: string;
}

/**
 * Text that fills a field without saying anything. Matched against the whole trimmed value,
 * case-insensitively, after dropping punctuation.
 */
const PLACEHOLDERS = new Set([
  'n/a', 'na', 'n.a', 'none', 'nothing', 'nil', 'null', '-', '--', '...', '?', '??', 'tbd', 'tbc', 'todo', 'to do',
  'see above', 'see below', 'as above', 'same as above', 'see description', 'see summary', 'see title', 'see attached', 'see screenshot',
  'asdf', 'asdfgh', 'qwerty', 'test', 'testing', 'xxx', 'x', 'abc', 'foo', 'bar', 'lorem ipsum', 'idk', 'unknown', 'dunno', 'it is broken', 'broken', 'doesnt work', 'does not work', 'not working',
]);

const normalise = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^\p{L}\p{N}/ .?-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!]+$/, '');

/** Keyboard mashing and one character repeated: "aaaaaa", "jjjjj", "asdfasdf". */
const isMashing = (text: string): boolean => {
  const compact = text.replace(/\s/g, '');
  if (compact.length >= 3 && new Set(compact).size <= 2) return true;
  return /^(asdf|qwer|zxcv|hjkl|sdfg)+/.test(compact);
};

const MIN_STEPS_CHARS = 25;

/**
 * Flags fields whose text is empty in substance: placeholders, mashing, the template's own prompt
 * left in, and steps too short to follow. Empty fields are not flagged here: readiness reports
 * those as missing when the field is required.
 */
export const findPlaceholderProblems = (fields: ReportFields): FieldProblem[] => {
  const problems: FieldProblem[] = [];
  for (const definition of REPORT_FIELDS) {
    const value = fields[definition.id];
    if (typeof value !== 'string' || value.trim() === '') continue;
    const text = normalise(value);
    const label = definition.label;
    if (text === '' || PLACEHOLDERS.has(text)) {
      problems.push({ field: definition.id, message: `${label} says only “${value.trim()}”, which tells a developer nothing. Describe what happened.` });
    } else if (isMashing(text)) {
      problems.push({ field: definition.id, message: `${label} looks like placeholder typing. Replace it with real information.` });
    } else if (normalise(definition.prompt) === text || (text.length > 20 && normalise(definition.prompt).includes(text))) {
      problems.push({ field: definition.id, message: `${label} still contains the template’s prompt. Replace it with what you observed.` });
    } else if (definition.id === 'stepsToReproduce' && value.trim().length < MIN_STEPS_CHARS) {
      problems.push({
        field: definition.id,
        message: `${label} is too short to follow (${value.trim().length} characters). Say who was logged in and each click or entry, one step per line.`,
      });
    }
  }
  return problems;
};

/** Whether a field's value counts as given: present, and not a placeholder. */
export const isFieldSubstantive = (fields: ReportFields, field: ReportFieldId, problems: readonly FieldProblem[]): boolean => {
  const value = fields[field];
  if (value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'number') return true;
  return value.trim() !== '' && !problems.some((problem) => problem.field === field);
};
