import { describe, expect, it } from 'vitest';

import { generatePolicyView } from '../../shared/testing/policy-view.factory';
import { answer, createFakeResolvers, refusal } from './fake-resolvers';

describe('createFakeResolvers', () => {
  it('answers from the handler of the key called, with the payload it was sent', async () => {
    const fake = createFakeResolvers({ 'policy/getProject': ({ projectKey }) => answer(generatePolicyView({ source: projectKey === 'SHOP' ? 'project' : 'site' })) });

    expect(await fake.callResolver('policy/getProject', { projectKey: 'SHOP' })).toMatchObject({ ok: true, data: { source: 'project' } });
    expect(fake.payloadsOf('policy/getProject')).toEqual([{ projectKey: 'SHOP' }]);
  });

  it('refuses a key without a handler, naming it, and still records the call', async () => {
    const fake = createFakeResolvers();

    expect(await fake.callResolver('report/get', { issueKey: 'SHOP-1' })).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'The fake backend has no handler for report/get.' } });
    expect(fake.calls).toEqual([{ key: 'report/get', payload: { issueKey: 'SHOP-1' } }]);
  });

  it('answers what the test chose for every key without a handler, and takes new handlers half-way', async () => {
    const fake = createFakeResolvers({}, { otherwise: refusal('FORBIDDEN', 'Only project admins can change these settings.') });
    expect(await fake.callResolver('policy/getSite', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    fake.use({ 'policy/getSite': () => answer(generatePolicyView()) });
    expect(await fake.callResolver('policy/getSite', {})).toMatchObject({ ok: true });
    expect(fake.payloadsOf('policy/getSite')).toHaveLength(2);
  });
});
