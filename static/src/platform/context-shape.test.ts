import { describe, expect, it } from 'vitest';

import { parseAppContext } from './context-shape';

describe('parseAppContext', () => {
  it('keeps the fields Firebreak reads from a Jira issue panel context', () => {
    const raw = {
      accountId: 'acc-1',
      cloudId: 'cloud',
      localId: 'local',
      environmentId: 'env-1',
      locale: 'en-US',
      timezone: 'Europe/Berlin',
      moduleKey: 'production-report-panel',
      extension: { type: 'jira:issuePanel', issue: { key: 'SHOP-1', id: '10001', type: 'Bug' }, project: { key: 'SHOP', id: 10000, type: 'software' } },
      theme: { colorMode: 'dark' },
    };
    expect(parseAppContext(raw)).toEqual({
      moduleKey: 'production-report-panel',
      accountId: 'acc-1',
      environmentId: 'env-1',
      locale: 'en-US',
      timezone: 'Europe/Berlin',
      extension: { type: 'jira:issuePanel', issue: { key: 'SHOP-1', id: '10001' }, project: { key: 'SHOP', id: '10000', type: 'software' } },
      theme: { colorMode: 'dark' },
    });
  });

  it('keeps the entry point of modules with several views', () => {
    expect(parseAppContext({ moduleKey: 'gadget', extension: { entryPoint: 'edit' } })?.extension.entryPoint).toBe('edit');
  });

  it('keeps a validator configuration string and a gadget configuration object, and nothing else under those names', () => {
    const validator = parseAppContext({ moduleKey: 'v', extension: { entryPoint: 'edit', validatorConfig: '{"failMode":"open"}' } });
    expect(validator?.extension).toEqual({ entryPoint: 'edit', validatorConfig: '{"failMode":"open"}' });
    expect(parseAppContext({ moduleKey: 'g', extension: { gadgetConfiguration: { days: 7 } } })?.extension.gadgetConfiguration).toEqual({ days: 7 });
    expect(parseAppContext({ moduleKey: 'v', extension: { validatorConfig: { failMode: 'open' }, gadgetConfiguration: 'x' } })?.extension).toEqual({});
  });

  it('keeps whether a workflow rule’s page is open in Jira’s new workflow editor, only when Jira says so with a boolean', () => {
    expect(parseAppContext({ moduleKey: 'v', extension: { isNewEditor: true } })?.extension.isNewEditor).toBe(true);
    expect(parseAppContext({ moduleKey: 'v', extension: { isNewEditor: false } })?.extension.isNewEditor).toBe(false);
    expect(parseAppContext({ moduleKey: 'v', extension: { isNewEditor: 'yes' } })?.extension).toEqual({});
  });

  it('leaves out an issue without a key rather than inventing one', () => {
    expect(parseAppContext({ moduleKey: 'm', extension: { issue: { id: '1' } } })?.extension.issue).toBeUndefined();
  });

  it.each([[undefined], [null], ['ctx'], [{}], [{ moduleKey: '' }], [{ moduleKey: 42 }]])('rejects %j', (raw) => {
    expect(parseAppContext(raw)).toBeUndefined();
  });
});
