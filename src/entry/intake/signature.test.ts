import { createHmac } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { bearerToken, checkTimestamp, headerValue, signGeneric, verifyGeneric, verifyGithub, verifyGrafana, verifySentry, verifySharedToken } from './signature';

const SECRET = 'whsec_4f9a1c7e2b8d4e6fa0c3b5d7e9f1a2b4';
const BODY = '{"version":"1","alerts":[{"id":"x","status":"firing","title":"Disk full"}]}';
const NOW = Date.parse('2026-12-01T07:00:00Z');
const NOW_S = NOW / 1000;

/** An independent HMAC, so the tests do not trust the module to sign what it verifies. */
const hmac = (secret: string, message: string): string => createHmac('sha256', secret).update(message).digest('hex');

describe('the generic scheme: HMAC-SHA256 of "<timestamp>.<body>"', () => {
  const signed = (overrides: Partial<Parameters<typeof verifyGeneric>[0]> = {}) =>
    verifyGeneric({ secret: SECRET, body: BODY, signature: `sha256=${hmac(SECRET, `${String(NOW_S)}.${BODY}`)}`, timestamp: String(NOW_S), nowMs: NOW, ...overrides });

  it('accepts a valid signature, and signGeneric makes the same one', () => {
    expect(signed()).toEqual({ ok: true });
    expect(signGeneric(SECRET, NOW_S, BODY)).toBe(`sha256=${hmac(SECRET, `${String(NOW_S)}.${BODY}`)}`);
  });

  it('refuses the wrong secret', () => {
    expect(signed({ secret: 'another-secret' })).toMatchObject({ ok: false, reason: expect.stringContaining('does not match') as unknown });
  });

  it('refuses a tampered body, even one changed only in whitespace', () => {
    expect(signed({ body: BODY.replace('Disk full', 'Disk fine') }).ok).toBe(false);
    expect(signed({ body: `${BODY} ` }).ok).toBe(false);
  });

  it('refuses a timestamp moved after signing (the timestamp is part of what is signed)', () => {
    expect(signed({ timestamp: String(NOW_S + 1) }).ok).toBe(false);
  });

  it('refuses an old timestamp, correctly signed, and says how old', () => {
    const old = NOW_S - 301;
    const result = signed({ signature: signGeneric(SECRET, old, BODY), timestamp: String(old) });
    expect(result).toEqual({ ok: false, reason: "The request was signed 301 seconds ago, more than the 300 allowed; send a freshly signed request (check the sender's clock)." });
    expect(signed({ signature: signGeneric(SECRET, NOW_S - 300, BODY), timestamp: String(NOW_S - 300) }).ok).toBe(true);
  });

  it('refuses a future timestamp beyond the clock-drift allowance', () => {
    const future = NOW_S + 61;
    expect(signed({ signature: signGeneric(SECRET, future, BODY), timestamp: String(future) })).toEqual({
      ok: false,
      reason: "The request's timestamp is 61 seconds in the future, more than the 60 allowed; check the sender's clock.",
    });
    expect(signed({ signature: signGeneric(SECRET, NOW_S + 60, BODY), timestamp: String(NOW_S + 60) }).ok).toBe(true);
  });

  it('refuses a missing signature, a missing timestamp and a malformed digest, each in its own words', () => {
    expect(signed({ signature: undefined })).toMatchObject({ ok: false, reason: expect.stringMatching(/^The request is not signed/) as unknown });
    expect(signed({ timestamp: undefined })).toMatchObject({ ok: false, reason: expect.stringMatching(/^The request has no timestamp/) as unknown });
    expect(signed({ signature: 'sha256=zz' }).ok).toBe(false);
    expect(signed({ signature: `sha256=${hmac(SECRET, BODY).slice(0, 63)}` }).ok).toBe(false);
  });

  it('accepts the same valid request twice: refusing a replay is the caller\'s job', () => {
    expect(signed()).toEqual({ ok: true });
    expect(signed()).toEqual({ ok: true });
  });
});

describe('checkTimestamp', () => {
  it.each(['1.5', '-1', 'yesterday', '1e9', ''])('refuses %j as not a Unix time in seconds', (value) => {
    expect(checkTimestamp(value, NOW).ok).toBe(false);
  });

  it('refuses a millisecond timestamp as not in seconds, and a far-future one as future', () => {
    expect(checkTimestamp(String(NOW), NOW)).toEqual({ ok: false, reason: "The request's timestamp is not a Unix time in seconds." });
    expect(checkTimestamp(String(NOW_S * 10), NOW)).toMatchObject({ ok: false, reason: expect.stringContaining('in the future') as unknown });
  });

  it('takes a window of its own', () => {
    expect(checkTimestamp(String(NOW_S - 20), NOW, { pastSeconds: 10, futureSeconds: 0 }).ok).toBe(false);
    expect(checkTimestamp(String(NOW_S - 5), NOW, { pastSeconds: 10, futureSeconds: 0 }).ok).toBe(true);
  });
});

describe('providers\' own schemes', () => {
  it('GitHub: X-Hub-Signature-256 over the body', () => {
    const signature = `sha256=${hmac(SECRET, BODY)}`;
    expect(verifyGithub({ secret: SECRET, body: BODY, signature })).toEqual({ ok: true });
    expect(verifyGithub({ secret: 'other', body: BODY, signature }).ok).toBe(false);
    expect(verifyGithub({ secret: SECRET, body: `${BODY}\n`, signature }).ok).toBe(false);
    expect(verifyGithub({ secret: SECRET, body: BODY, signature: hmac(SECRET, BODY) })).toMatchObject({ ok: false, reason: expect.stringContaining('set a secret') as unknown });
  });

  it('Sentry: Sentry-Hook-Signature over the body; the unsigned timestamp is still held to the window', () => {
    const signature = hmac(SECRET, BODY);
    const request = { secret: SECRET, body: BODY, signature, timestamp: String(NOW_S), nowMs: NOW };
    expect(verifySentry(request)).toEqual({ ok: true });
    expect(verifySentry({ ...request, timestamp: undefined })).toEqual({ ok: true });
    expect(verifySentry({ ...request, secret: 'other' }).ok).toBe(false);
    expect(verifySentry({ ...request, body: BODY.replace('x', 'y') }).ok).toBe(false);
    expect(verifySentry({ ...request, timestamp: String(NOW_S - 3600) }).ok).toBe(false);
    expect(verifySentry({ ...request, timestamp: String(NOW_S + 3600) }).ok).toBe(false);
  });

  it('Grafana: "timestamp:body" when a timestamp header is configured, the body alone otherwise', () => {
    const withTime = { secret: SECRET, body: BODY, signature: hmac(SECRET, `${String(NOW_S)}:${BODY}`), timestamp: String(NOW_S), nowMs: NOW };
    expect(verifyGrafana(withTime)).toEqual({ ok: true });
    expect(verifyGrafana({ ...withTime, timestamp: String(NOW_S - 1) }).ok).toBe(false);
    const old = NOW_S - 900;
    expect(verifyGrafana({ ...withTime, signature: hmac(SECRET, `${String(old)}:${BODY}`), timestamp: String(old) }).ok).toBe(false);
    expect(verifyGrafana({ secret: SECRET, body: BODY, signature: hmac(SECRET, BODY), timestamp: undefined, nowMs: NOW })).toEqual({ ok: true });
    expect(verifyGrafana({ secret: 'other', body: BODY, signature: hmac(SECRET, BODY), timestamp: undefined, nowMs: NOW }).ok).toBe(false);
  });

  it('Alertmanager and Honeybadger: a shared token, compared whatever its length', () => {
    expect(verifySharedToken({ secret: SECRET, presented: bearerToken(`Bearer ${SECRET}`) })).toEqual({ ok: true });
    expect(verifySharedToken({ secret: SECRET, presented: SECRET.slice(1) }).ok).toBe(false);
    expect(verifySharedToken({ secret: SECRET, presented: `${SECRET}x` }).ok).toBe(false);
    expect(verifySharedToken({ secret: SECRET, presented: undefined })).toMatchObject({ ok: false, reason: expect.stringContaining('no token') as unknown });
    expect(bearerToken(`Basic ${SECRET}`)).toBeUndefined();
  });
});

describe('headerValue reads Forge\'s header lists', () => {
  it('matches the name in any case', () => {
    expect(headerValue({ 'X-Firebreak-Signature': ['sha256=ab'] }, 'x-firebreak-signature')).toBe('sha256=ab');
  });

  it('is undefined when absent, or when two different values compete', () => {
    expect(headerValue({}, 'x-firebreak-signature')).toBeUndefined();
    expect(headerValue({ 'x-firebreak-signature': ['a', 'b'] }, 'x-firebreak-signature')).toBeUndefined();
    expect(headerValue({ 'x-firebreak-signature': ['a'], 'X-Firebreak-Signature': ['b'] }, 'x-firebreak-signature')).toBeUndefined();
    expect(headerValue({ 'x-firebreak-signature': ['a', 'a'] }, 'x-firebreak-signature')).toBe('a');
  });
});
