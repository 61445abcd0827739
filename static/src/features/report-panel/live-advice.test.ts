import { describe, expect, it } from 'vitest';

import { adviceFor, parseFieldValue } from './report-form';

const field = (id: string, kind: 'long-text' | 'text' | 'number' | 'choice' | 'links', rule: 'required' | 'optional' = 'required') => ({ id, kind, rule });

describe('adviceFor (what the form says while the person types)', () => {
  it('judges the text in the box now, in the field’s own words, and goes quiet when it is fixed', () => {
    expect(adviceFor(field('environment', 'text'), 'n/a')).toMatch(/^Environment says only “n\/a”.*which environment \(production, staging…\), which app version and which browser/);
    expect(adviceFor(field('environment', 'text'), 'Production, Chrome 131')).toBeNull();
    expect(adviceFor(field('actualResult', 'long-text'), 'it doesnt work')).toContain('Say what you saw');
    expect(adviceFor(field('workaroundDescription', 'long-text'), '')).toBeNull();
  });

  it('accepts every choice and the honest “Not known yet”', () => {
    expect(adviceFor(field('workaround', 'choice'), 'unknown')).toBeNull();
    expect(adviceFor(field('customers', 'text'), 'Not known yet')).toBeNull();
  });

  it('says what is wrong with a user count as it is typed, without offering to leave a required one empty', () => {
    expect(adviceFor(field('affectedUsers', 'number'), '−5')).toContain('cannot be negative');
    expect(adviceFor(field('affectedUsers', 'number', 'required'), 'lots')).not.toContain('leave it empty');
    expect(parseFieldValue(field('affectedUsers', 'number', 'optional'), 'lots')).toEqual({ ok: false, message: expect.stringContaining('leave it empty') as string });
  });
});
