import { describe, expect, it } from 'vitest';

import { BACKEND_UNREACHABLE_MESSAGE, CONSENT_NEEDED_MESSAGE, createResolverClient, type InvokeFn } from './resolver-client';

const view = { issueKey: 'SHOP-1', report: null, canEdit: true };
const unreachable = { ok: false, error: { code: 'INTERNAL', message: BACKEND_UNREACHABLE_MESSAGE } };

describe('createResolverClient', () => {
  it('.payload: sends the resolver key and payload unchanged to invoke', async () => {
    const calls: unknown[][] = [];
    const invoke: InvokeFn = (key, payload) => {
      calls.push([key, payload]);
      return Promise.resolve({ ok: true, data: view });
    };
    await createResolverClient(invoke)('report/get', { issueKey: 'SHOP-1' });
    expect(calls).toEqual([['report/get', { issueKey: 'SHOP-1' }]]);
  });

  it('passes a success envelope through', async () => {
    const result = await createResolverClient(() => Promise.resolve({ ok: true, data: view }))('report/get', { issueKey: 'SHOP-1' });
    expect(result).toEqual({ ok: true, data: view });
  });

  it('passes an error envelope through with its code, message and field', async () => {
    const reply = { ok: false, error: { code: 'TOO_LARGE', message: 'Too long.', field: 'fields.stepsToReproduce' } };
    const result = await createResolverClient(() => Promise.resolve(reply))('report/get', { issueKey: 'SHOP-1' });
    expect(result).toEqual(reply);
  });

  it('turns a rejected invoke (platform failure) into the INTERNAL envelope', async () => {
    const result = await createResolverClient(() => Promise.reject(new Error('bridge timeout')))('report/get', { issueKey: 'SHOP-1' });
    expect(result).toEqual(unreachable);
  });

  it.each([
    ['the invoke error Forge reports', new Error('There was an error invoking the function - Authentication Required')],
    ['the error by its name', Object.assign(new Error('x'), { name: 'NEEDS_AUTHENTICATION_ERR' })],
  ])('says the user must allow access when invoke rejects with %s, not that the backend is unreachable', async (_name, rejection) => {
    const result = await createResolverClient(() => Promise.reject(rejection))('report/get', { issueKey: 'SHOP-1' });
    expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: CONSENT_NEEDED_MESSAGE } });
  });

  it.each([
    ['undefined', undefined],
    ['a string', '<html>502 Bad Gateway</html>'],
    ['an array', [1, 2]],
    ['ok without data', { ok: true }],
    ['ok false without error', { ok: false }],
    ['an error without a message', { ok: false, error: { code: 'FORBIDDEN' } }],
    ['an error with a blank message', { ok: false, error: { code: 'FORBIDDEN', message: '  ' } }],
    ['a bare result without the envelope', view],
  ])('turns %s into the INTERNAL envelope', async (_name, reply) => {
    const result = await createResolverClient(() => Promise.resolve(reply))('report/get', { issueKey: 'SHOP-1' });
    expect(result).toEqual(unreachable);
  });

  it('keeps the message of an error code this UI does not know, as INTERNAL', async () => {
    const reply = { ok: false, error: { code: 'QUOTA_EXCEEDED', message: 'Try again in an hour.' } };
    const result = await createResolverClient(() => Promise.resolve(reply))('report/get', { issueKey: 'SHOP-1' });
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Try again in an hour.' } });
  });
});
