import { describe, expect, it } from 'vitest';

import { createActionIssuePayloadSchema } from '../../../src/contract/postmortem.contract';
import { newIdempotencyKey } from './idempotency-key';

describe('newIdempotencyKey', () => {
  it('makes a fresh key per click that the createActionIssue payload accepts', () => {
    const keys = Array.from({ length: 50 }, () => newIdempotencyKey());

    expect(new Set(keys).size).toBe(keys.length);
    for (const idempotencyKey of keys) expect(createActionIssuePayloadSchema.shape.idempotencyKey.safeParse(idempotencyKey).success).toBe(true);
  });
});
