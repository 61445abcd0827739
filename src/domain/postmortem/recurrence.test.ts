import { describe, expect, it } from 'vitest';

import { recurrenceOf } from './recurrence';

const AT = '2026-12-01T10:00:00.000Z';
const earlier = (product: string, customers: string, since: string | null = '2026-11-20T10:00:00.000Z') => ({ product, customers, since });

describe('recurrenceOf', () => {
  it.each([
    ['the same product, whatever its case and spacing', earlier('Checkout', ''), { product: '  checkout ', customers: '' }, { matchedOn: 'product', value: 'Checkout' }],
    ['a shared customer from a list', earlier('Search', 'Acme GmbH; Globex'), { product: 'Cart', customers: 'Initech, globex' }, { matchedOn: 'customer', value: 'Globex' }],
    ['customers joined by "and"', earlier('Search', 'Acme and Globex'), { product: 'Cart', customers: 'Globex' }, { matchedOn: 'customer', value: 'Globex' }],
    ['an honest "Not known yet" on both sides', earlier('Not known yet', 'not known yet'), { product: 'not known yet', customers: 'Not known yet' }, null],
    ['"n/a" products', earlier('n/a', ''), { product: 'N/A', customers: '' }, null],
    ['empty fields', earlier('', ''), { product: '', customers: '' }, null],
    ['different products and customers', earlier('Checkout', 'Acme'), { product: 'Search', customers: 'Globex' }, null],
    ['a product that only contains the other', earlier('Checkout', ''), { product: 'Checkout v2', customers: '' }, null],
  ] as const)('%s', (_case, before, next, expected) => {
    expect(recurrenceOf(before, next, AT, 30)).toEqual(expected);
  });

  it('counts only within the window after the earlier incident, never before it, and not without a date', () => {
    const next = { product: 'Checkout', customers: '' };
    expect(recurrenceOf(earlier('Checkout', '', '2026-11-01T10:00:00.000Z'), next, AT, 30)).not.toBeNull();
    expect(recurrenceOf(earlier('Checkout', '', '2026-10-31T09:59:00.000Z'), next, AT, 30)).toBeNull();
    expect(recurrenceOf(earlier('Checkout', '', '2026-12-02T10:00:00.000Z'), next, AT, 30)).toBeNull();
    expect(recurrenceOf(earlier('Checkout', '', null), next, AT, 30)).toBeNull();
    expect(recurrenceOf(earlier('Checkout', '', 'not a date'), next, AT, 30)).toBeNull();
  });
});
