import { reportFieldsSchema } from '@contract/report.contract';
import { describe, expect, it } from 'vitest';

import { EMPTY_REPORT_FIELDS as EMPTY_FIELDS, ENTITY_PROPERTY_MAX_CHARS as PROPERTY_MAX_CHARS } from '@contract/report.values';
import { generateReport, generateView } from '../../shared/testing/report-view.factory';
import { AFFECTED_USERS_MAX, LINKS_MAX, SHORT_TEXT_MAX, displayValue, draftAsText, draftToPayload, formFieldOf, overLimitMessage, parseFieldValue, parseLinks, toDraft, type FormDraft } from './report-form';

const edit = (draft: FormDraft, values: Partial<FormDraft['values']>, reporterSeverity = draft.reporterSeverity): FormDraft => ({
  values: { ...draft.values, ...values },
  reporterSeverity,
});

describe('toDraft', () => {
  it('shows every stored value as text, the links one per line, and the current severity pick', () => {
    const report = generateReport({ fields: { ...EMPTY_FIELDS, affectedUsers: 250, workaround: 'yes', links: ['https://a.test/1', 'https://a.test/2'] } });
    const draft = toDraft(report);
    expect(draft.values).toMatchObject({ affectedUsers: '250', workaround: 'yes', links: 'https://a.test/1\nhttps://a.test/2', raisedVia: '' });
    expect(draft.reporterSeverity).toBe('critical');
  });

  it('starts an issue without a report from the empty template', () => {
    expect(toDraft(null)).toEqual({ values: expect.objectContaining({ stepsToReproduce: '', affectedUsers: '', links: '' }) as unknown, reporterSeverity: null });
  });
});

describe('parseLinks', () => {
  it('.payload: reads one URL per line and drops blank lines and spaces', () => {
    expect(parseLinks('  https://a.test/1 \n\n\r\nhttps://a.test/2\n   ')).toEqual(['https://a.test/1', 'https://a.test/2']);
    expect(parseLinks('')).toEqual([]);
  });
});

describe('parseFieldValue', () => {
  const number = { id: 'affectedUsers', kind: 'number' } as const;
  it('reads an empty number as null and accepts thousands separators', () => {
    expect(parseFieldValue(number, '  ')).toEqual({ ok: true, value: null });
    expect(parseFieldValue(number, '1,200')).toEqual({ ok: true, value: 1200 });
  });

  it.each(['-3', '2.5', 'many', '2000000000'])('refuses %s as a user count', (text) => {
    expect(parseFieldValue(number, text).ok).toBe(false);
  });

  it('reads an unset choice as null and refuses values the template does not offer', () => {
    expect(parseFieldValue({ id: 'workaround', kind: 'choice' }, '')).toEqual({ ok: true, value: null });
    expect(parseFieldValue({ id: 'workaround', kind: 'choice' }, 'unknown')).toEqual({ ok: true, value: 'unknown' });
    expect(parseFieldValue({ id: 'workaround', kind: 'choice' }, 'maybe').ok).toBe(false);
  });

  it('names the line of a link that is not a web address', () => {
    expect(parseFieldValue({ id: 'links', kind: 'links' }, 'https://a.test\nftp://files.test/x')).toEqual({
      ok: false,
      message: 'Line 2 is not a web address. Start each link with https://.',
    });
  });

  it('keeps short texts to 500 characters and long texts to the property limit', () => {
    expect(parseFieldValue({ id: 'environment', kind: 'text' }, 'x'.repeat(501)).ok).toBe(false);
    expect(parseFieldValue({ id: 'stepsToReproduce', kind: 'long-text' }, 'x'.repeat(PROPERTY_MAX_CHARS)).ok).toBe(true);
    expect(parseFieldValue({ id: 'stepsToReproduce', kind: 'long-text' }, 'x'.repeat(PROPERTY_MAX_CHARS + 1)).ok).toBe(false);
  });
});

describe('overLimitMessage', () => {
  it('counts exactly the limit as within it and explains what to do beyond it', () => {
    expect(overLimitMessage(PROPERTY_MAX_CHARS)).toBeNull();
    expect(overLimitMessage(PROPERTY_MAX_CHARS + 1)).toMatch(/^This text is 1 character longer .*Shorten it/);
  });
});

describe('draftToPayload', () => {
  it('.payload: sends the full fields object, keeping the values of fields hidden for this issue type', () => {
    const report = generateReport({ fields: { ...EMPTY_FIELDS, stepsToReproduce: 'old', product: 'Checkout (hidden here)' } });
    const view = generateView({ report });
    const draft = edit(toDraft(report), { stepsToReproduce: 'new steps', affectedUsers: '40', links: 'https://a.test\n\n', workaround: 'no', product: 'typed into a hidden field' });
    const parsed = draftToPayload(draft, view);
    expect(parsed).toEqual({
      ok: true,
      payload: { fields: { ...EMPTY_FIELDS, stepsToReproduce: 'new steps', affectedUsers: 40, links: ['https://a.test'], workaround: 'no', product: 'Checkout (hidden here)' } },
    });
  });

  it('.payload: starts a first report from the empty template', () => {
    const view = generateView({ report: null });
    const parsed = draftToPayload(edit(toDraft(null), { environment: 'Production' }), view);
    expect(parsed.ok && parsed.payload.fields).toEqual({ ...EMPTY_FIELDS, environment: 'Production' });
  });

  it('.payload: sends the severity only when the person changed it', () => {
    const view = generateView();
    const same = draftToPayload(toDraft(view.report), view);
    expect(same.ok && 'reporterSeverity' in same.payload).toBe(false);
    const changed = draftToPayload(edit(toDraft(view.report), {}, 'medium'), view);
    expect(changed.ok && changed.payload.reporterSeverity).toBe('medium');
  });

  it('collects an error for every field that cannot be read', () => {
    const view = generateView();
    expect(draftToPayload(edit(toDraft(view.report), { affectedUsers: 'lots', links: 'not a link' }), view)).toEqual({
      ok: false,
      errors: { affectedUsers: expect.stringMatching(/whole number/) as unknown, links: expect.stringMatching(/Line 1/) as unknown },
    });
  });

  it('marks the longest field when the answers together exceed the property limit', () => {
    const view = generateView();
    const parsed = draftToPayload(edit(toDraft(view.report), { stepsToReproduce: 'a'.repeat(20_000), actualResult: 'b'.repeat(15_000) }), view);
    expect(parsed.ok ? [] : Object.keys(parsed.errors)).toEqual(['stepsToReproduce']);
  });
});

describe('formFieldOf', () => {
  const visible = generateView().fields;
  it('maps backend paths to the control they name', () => {
    expect(formFieldOf('fields.actualResult', visible)).toBe('actualResult');
    expect(formFieldOf('fields.links.3', visible)).toBe('links');
    expect(formFieldOf('reporterSeverity', visible)).toBe('reporterSeverity');
  });

  it('leaves paths without a visible control to a banner', () => {
    expect(formFieldOf('issueKey', visible)).toBeUndefined();
    expect(formFieldOf('fields.product', visible)).toBeUndefined();
    expect(formFieldOf(undefined, visible)).toBeUndefined();
  });
});

describe('summary text', () => {
  it('shows choices by their label and numbers with separators', () => {
    expect(displayValue('raisedVia', 'monitoring')).toBe('Monitoring / a system alert');
    expect(displayValue('affectedUsers', 12000, 'en-US')).toBe('12,000');
  });

  it('turns an unsaved draft into text to copy, with labels', () => {
    const view = generateView();
    expect(draftAsText(edit(toDraft(null), { stepsToReproduce: '1. Log in', environment: 'Prod' }), view.fields)).toBe('Steps to reproduce:\n1. Log in\n\nEnvironment:\nProd');
  });
});

describe('limits copied from reportFieldsSchema', () => {
  const accepts = (overrides: Partial<typeof EMPTY_FIELDS>) => reportFieldsSchema.safeParse({ ...EMPTY_FIELDS, ...overrides }).success;
  it('match the contract at and just past each limit', () => {
    expect(accepts({ environment: 'x'.repeat(SHORT_TEXT_MAX) })).toBe(true);
    expect(accepts({ environment: 'x'.repeat(SHORT_TEXT_MAX + 1) })).toBe(false);
    expect(accepts({ affectedUsers: AFFECTED_USERS_MAX })).toBe(true);
    expect(accepts({ affectedUsers: AFFECTED_USERS_MAX + 1 })).toBe(false);
    expect(accepts({ links: Array.from({ length: LINKS_MAX }, (_, n) => `https://a.test/${String(n)}`) })).toBe(true);
    expect(accepts({ links: Array.from({ length: LINKS_MAX + 1 }, (_, n) => `https://a.test/${String(n)}`) })).toBe(false);
  });
});
