import { describe, expect, it } from 'vitest';

import { chunkText } from './sprint-facts.store';

/** Forge KVS holds at most 240 KiB per value, measured as the stored JSON's UTF-8 bytes. */
describe('chunkText', () => {
  it.each([
    ['', 10, ['']],
    ['abc', 10, ['abc']],
    ['abcdefghij', 10, ['abcdefghij']],
    ['abcdefghijk', 10, ['abcdefghij', 'k']],
    ['abcdefghijklmnopqrstu', 10, ['abcdefghij', 'klmnopqrst', 'u']],
  ])('%j in chunks of %i', (text, size, chunks) => {
    expect(chunkText(text, size)).toEqual(chunks);
    expect(chunkText(text, size).join('')).toBe(text);
  });

  it('splits a large sprint into chunks Forge accepts and joins it back unchanged', () => {
    const big = JSON.stringify(Array.from({ length: 5_000 }, (_, index) => ({ key: `SHOP-${String(index)}`, summary: `${'ü'.repeat(40)}"\\€${'"'.repeat(40)}` })));
    const chunks = chunkText(big);
    expect(chunks.length).toBeGreaterThan(1);
    expect(Math.max(...chunks.map((chunk) => Buffer.byteLength(JSON.stringify(chunk))))).toBeLessThanOrEqual(240 * 1024);
    expect(chunks.join('')).toBe(big);
  });
});
