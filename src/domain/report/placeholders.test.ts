import { describe, expect, it } from 'vitest';

import { findPlaceholderProblems, isFieldSubstantive } from './placeholders';
import { generateReportFields } from './testing/report.factory';

const problemFields = (overrides: Parameters<typeof generateReportFields>[0]) => findPlaceholderProblems(generateReportFields(overrides)).map((problem) => problem.field);

describe('findPlaceholderProblems', () => {
  it('accepts a report written by someone who looked', () => {
    expect(findPlaceholderProblems(generateReportFields())).toEqual([]);
  });

  it.each(['n/a', 'N/A', 'see above', 'See above.', 'asdf', 'TBD', '-', '...', '?', 'test', 'idk', 'Doesn’t work'])('flags “%s” as saying nothing', (text) => {
    expect(problemFields({ actualResult: text })).toEqual(['actualResult']);
  });

  it('flags keyboard mashing and repeated characters', () => {
    expect(problemFields({ environment: 'asdfasdf' })).toEqual(['environment']);
    expect(problemFields({ customers: 'xxxxxxx' })).toEqual(['customers']);
  });

  it('flags the template’s own prompt left in the field', () => {
    expect(problemFields({ expectedResult: 'What should have happened instead.' })).toEqual(['expectedResult']);
  });

  it('flags steps too short to follow and says how long they are', () => {
    const [problem] = findPlaceholderProblems(generateReportFields({ stepsToReproduce: 'click pay' }));

    expect(problem).toEqual({ field: 'stepsToReproduce', message: expect.stringContaining('too short to follow (9 characters)') as string });
  });

  it('names the field in its message', () => {
    const [problem] = findPlaceholderProblems(generateReportFields({ product: 'n/a' }));

    expect(problem?.message).toMatch(/^Product \/ module says only “n\/a”/);
  });

  it('leaves empty fields to the readiness check', () => {
    expect(problemFields({ environment: '' })).toEqual([]);
  });

  it('does not flag real text that merely contains a placeholder word', () => {
    expect(problemFields({ actualResult: 'The test order shows n/a as its total instead of 12.50 EUR' })).toEqual([]);
  });
});

describe('isFieldSubstantive', () => {
  it('counts numbers, choices and links as given when set', () => {
    const fields = generateReportFields({ affectedUsers: 0, links: ['https://loom.example/v/1'] });

    expect(isFieldSubstantive(fields, 'affectedUsers', [])).toBe(true);
    expect(isFieldSubstantive(fields, 'links', [])).toBe(true);
    expect(isFieldSubstantive(generateReportFields({ raisedVia: null }), 'raisedVia', [])).toBe(false);
  });
});
