/**
 * A random key for one user action (128 bits, hex), sent with a multi-step request so the backend
 * performs it once however often the request arrives (a double click, a retry after a timeout).
 * `getRandomValues`, unlike `randomUUID`, also works outside secure contexts.
 */
export const newIdempotencyKey = (): string => Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
