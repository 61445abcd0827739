import { describe, expect, it } from 'vitest';

import { Refusal, refuse } from './refusal';

describe('Refusal', () => {
  it('becomes the failure envelope with its code, sentence and field', () => {
    expect(new Refusal('FORBIDDEN', 'Only triagers decide the severity.').toResult()).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Only triagers decide the severity.' } });
    expect(() => refuse('INVALID_INPUT', 'Give a reason.', 'reason')).toThrow(Refusal);
  });
});
