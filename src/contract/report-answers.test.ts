/**
 * The judge of report answers, on a table of honest and lazy answers for every field, including
 * every option the form itself offers: whatever the form lets a person pick must count as an answer.
 */
import { describe, expect, it } from 'vitest';

import { generateReportFields } from '../domain/report/testing/report.factory';
import { FIELD_ADVICE, describeEmptyAnswer, findAnswerProblems, isAnswered, judgeTextAnswer, parseUserCount } from './report-answers';
import { CHOICE_LABELS, RAISED_VIA, REPORT_FIELDS, WORKAROUND, type ReportFieldDefinition } from './report.values';
import type { ReportFieldId } from './report.contract';

const definitionOf = (id: ReportFieldId): ReportFieldDefinition => {
  const found = REPORT_FIELDS.find((field) => field.id === id);
  if (found === undefined) throw new Error(id);
  return found;
};

/** field → answers a person who looked would write, short ones included. */
const HONEST: ReadonlyArray<readonly [ReportFieldId, string]> = [
  ['stepsToReproduce', '1. Log in as buyer\n2. Open the cart\n3. Click Pay'],
  ['stepsToReproduce', 'Happened once while paying; I could not make it happen again.'],
  ['actualResult', 'Blank page'],
  ['actualResult', '500 error'],
  ['actualResult', 'Nothing happens'],
  ['actualResult', 'Timeout after 30 s'],
  ['actualResult', 'Error: card_declined shown under the Pay button'],
  ['actualResult', 'The test order shows n/a as its total instead of 12.50 EUR'],
  ['expectedResult', 'The order confirmation page opens.'],
  ['expectedResult', 'It should save'],
  ['expectedResult', 'Not sure: the old version showed a warning'],
  ['expectedResult', 'Not known yet'],
  ['environment', 'Production'],
  ['environment', 'prod'],
  ['environment', 'Staging, Firefox 133'],
  ['environment', 'Not known yet'],
  ['environment', 'unknown'],
  ['customers', 'Acme'],
  ['customers', 'All customers'],
  ['customers', 'everyone'],
  ['customers', 'Not known yet'],
  ['customers', "Don't know yet"],
  ['customers', 'No idea'],
  ['product', 'Checkout'],
  ['product', 'Not known yet'],
  ['workaroundDescription', 'Pay by invoice from the account page.'],
  ['workaroundDescription', 'Not known yet'],
];

/** field → answers that fill the box without saying anything there. */
const LAZY: ReadonlyArray<readonly [ReportFieldId, string]> = [
  ['stepsToReproduce', 'n/a'],
  ['stepsToReproduce', 'click pay'],
  ['stepsToReproduce', 'Not known yet'],
  ['stepsToReproduce', 'see above'],
  ['actualResult', 'it doesnt work'],
  ['actualResult', 'It doesn’t work.'],
  ['actualResult', 'Error'],
  ['actualResult', 'error!'],
  ['actualResult', 'an error'],
  ['actualResult', 'Broken'],
  ['actualResult', 'Something went wrong'],
  ['actualResult', 'crash'],
  ['actualResult', 'unknown'],
  ['actualResult', 'idk'],
  ['actualResult', 'Doesn’t work'],
  ['actualResult', 'What you saw: error text, wrong value, how long it hung.'],
  ['expectedResult', 'it should work'],
  ['expectedResult', 'As expected'],
  ['expectedResult', 'no error'],
  ['expectedResult', 'TBD'],
  ['environment', 'N/A'],
  ['environment', 'asdfasdf'],
  ['environment', '?'],
  ['environment', 'Error'],
  ['customers', 'xxxxxxx'],
  ['customers', 'some'],
  ['customers', 'customers'],
  ['customers', 'several'],
  ['customers', 'tbd'],
  ['product', 'n/a'],
  ['product', 'test'],
  ['product', 'bug'],
  ['workaroundDescription', 'tbd'],
  ['workaroundDescription', '-'],
  ['workaroundDescription', 'see above'],
];

describe('judgeTextAnswer', () => {
  it.each(HONEST)('accepts %s: “%s”', (field, text) => {
    expect(judgeTextAnswer(definitionOf(field), text)).toBeNull();
  });

  it.each(LAZY)('flags %s: “%s”, naming the field and saying what to write there', (field, text) => {
    const message = judgeTextAnswer(definitionOf(field), text);

    expect(message).toMatch(new RegExp(`^${definitionOf(field).label.replace(/[/()?]/g, '\\$&')} `));
    expect(message?.endsWith(FIELD_ADVICE[field])).toBe(true);
    expect(message).not.toContain('Describe what happened');
  });

  it('says nothing about an empty box: whether it is missing is the readiness check’s business', () => {
    expect(judgeTextAnswer(definitionOf('environment'), '   ')).toBeNull();
  });

  it('gives each field its own advice', () => {
    expect(judgeTextAnswer(definitionOf('environment'), 'n/a')).toContain('which environment (production, staging…), which app version and which browser');
    expect(judgeTextAnswer(definitionOf('customers'), 'n/a')).toContain('who is affected (customer names or account ids) and how many');
    expect(judgeTextAnswer(definitionOf('expectedResult'), 'n/a')).toContain('what the system should have done');
    expect(judgeTextAnswer(definitionOf('actualResult'), 'Error')).toBe(
      'What actually happens says only “Error”, which is too vague to act on. Say what you saw: the exact error text, the wrong value, or how long it hung.',
    );
    expect(new Set(Object.values(FIELD_ADVICE)).size).toBe(Object.keys(FIELD_ADVICE).length);
  });

  it('quotes a long answer shortened, so every sentence fits a send-back record (300 characters)', () => {
    const longest = Math.max(
      ...REPORT_FIELDS.flatMap((field) => [
        describeEmptyAnswer(field).length,
        (judgeTextAnswer(field, 'tbd') ?? '').length,
        (judgeTextAnswer(field, `it doesnt work${' '.repeat(60)}`) ?? '').length,
        (judgeTextAnswer(field, 'x'.repeat(300)) ?? '').length,
      ]),
    );
    expect(longest).toBeLessThanOrEqual(300);
  });
});

describe('what the form offers is an answer', () => {
  it.each(WORKAROUND)('workaround “%s” counts as answered', (option) => {
    const fields = generateReportFields({ workaround: option });

    expect(findAnswerProblems(fields)).toEqual([]);
    expect(isAnswered(fields, 'workaround', findAnswerProblems(fields))).toBe(true);
  });

  it.each(RAISED_VIA)('how it was raised “%s” counts as answered and has a label', (option) => {
    const fields = generateReportFields({ raisedVia: option });

    expect(findAnswerProblems(fields)).toEqual([]);
    expect(isAnswered(fields, 'raisedVia', [])).toBe(true);
    expect(CHOICE_LABELS.raisedVia[option]).toMatch(/^[A-Z]/);
  });

  it('offers a support agent and an internal user as who raised it', () => {
    expect(CHOICE_LABELS.raisedVia['support-agent']).toBe('A support agent');
    expect(CHOICE_LABELS.raisedVia['internal-user']).toContain('internal user');
  });

  it('counts “Not known yet” as the workaround, with nothing to describe', () => {
    expect(CHOICE_LABELS.workaround.unknown).toBe('Not known yet');
    expect(findAnswerProblems(generateReportFields({ workaround: 'unknown', workaroundDescription: '' }))).toEqual([]);
  });

  it('counts numbers, links and unset choices as the shape says', () => {
    const fields = generateReportFields({ affectedUsers: 0, links: ['https://loom.example/v/1'] });

    expect(isAnswered(fields, 'affectedUsers', [])).toBe(true);
    expect(isAnswered(fields, 'links', [])).toBe(true);
    expect(isAnswered(generateReportFields({ raisedVia: null }), 'raisedVia', [])).toBe(false);
  });
});

describe('parseUserCount', () => {
  it.each([
    ['250', 250],
    ['1,200', 1200],
    ['1 200', 1200],
    ['1.200', 1200],
    ['about 200', 200],
    ['~200', 200],
    ['200+', 200],
    ['200 users', 200],
    ['0', 0],
  ])('reads “%s” as %d', (text, value) => {
    expect(parseUserCount(text, false)).toEqual({ ok: true, value });
  });

  it('reads an empty box as no estimate yet', () => {
    expect(parseUserCount('  ', true)).toEqual({ ok: true, value: null });
  });

  it.each(['-5', '−5', '− 5', '-5 minutes'])('says “%s” is negative and what to enter', (text) => {
    const parsed = parseUserCount(text, false);

    expect(parsed).toEqual({ ok: false, message: expect.stringContaining('cannot be negative') as string });
    expect(parsed.ok ? '' : parsed.message).toContain('such as 250');
  });

  it('never tells a required field to stay empty', () => {
    for (const text of ['many', '-5', '2.5', '2000000000']) {
      const required = parseUserCount(text, true);
      const optional = parseUserCount(text, false);
      expect(required.ok ? '' : required.message).not.toContain('leave it empty');
      expect(optional.ok ? '' : optional.message).toContain('leave it empty');
    }
  });

  // A pattern that backtracks over a pasted page would make this test time out.
  it('answers hostile input: a pasted page of digits and spaces, or of text', () => {
    for (const text of [`${'1 '.repeat(20_000)}x`, `${'1,'.repeat(20_000)}-`, 'x'.repeat(32_000)]) {
      expect(parseUserCount(text, true).ok).toBe(false);
      expect(judgeTextAnswer(definitionOf('stepsToReproduce'), text)).not.toBeUndefined();
    }
  });

  it.each([
    ['50-100', 'enter 100'],
    ['2.5', 'whole numbers'],
    ['many', '“many” is not a number'],
    ['2000000000', 'more users than exist'],
  ])('says what is wrong with “%s”', (text, said) => {
    const parsed = parseUserCount(text, false);

    expect(parsed.ok ? '' : parsed.message).toContain(said);
  });
});
