import { describe, expect, it } from 'vitest';

import { oldestFirst } from './changelog-order';

const history = (id: string, created: string) => ({ id, created });

describe('oldestFirst', () => {
  it('puts Jira’s newest-first embedded changelog in time order, reading offsets without a colon', () => {
    // 12:30+01:00 is 11:30 UTC: earlier than 12:00 UTC although it reads later.
    const newestFirst = [history('30', '2026-11-20T12:00:00.000+0000'), history('20', '2026-11-20T12:30:00.000+0100'), history('10', '2026-11-20T08:00:00.000-0300')];
    expect(oldestFirst(newestFirst).map((h) => h.id)).toEqual(['10', '20', '30']);
  });

  it('breaks a tie within one millisecond by id, as numbers', () => {
    const at = '2026-11-20T12:00:00.000+0000';
    expect(oldestFirst([history('10010', at), history('9999', at), history('10002', at)]).map((h) => h.id)).toEqual(['9999', '10002', '10010']);
  });

  it('leaves the input alone', () => {
    const input = [history('2', '2026-11-20T12:00:01.000+0000'), history('1', '2026-11-20T12:00:00.000+0000')];
    oldestFirst(input);
    expect(input.map((h) => h.id)).toEqual(['2', '1']);
  });
});
