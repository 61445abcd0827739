/**
 * Error and response helpers for the KVS emulator.
 *
 * Every non-2xx answer carries the body `{ code, message }`, because that is the only shape
 * `@forge/kvs` (`out/utils/error-handling.js` → `isForgeError`) turns into a `ForgeKvsAPIError`
 * with our `code`; anything else would surface as `UNKNOWN_ERROR` and hide the real cause.
 *
 * @see https://developer.atlassian.com/platform/forge/storage-reference/handling-errors-kvs/
 * @see https://developer.atlassian.com/platform/forge/storage-reference/handling-errors-customentities/
 */

/** Error codes the emulator answers with. Documented ones first; the rest are the emulator's own
 *  names for cases the docs leave unnamed (kept distinct so a test can tell them apart). */
export type KvsErrorCode =
  // documented by Atlassian (handling-errors-kvs / handling-errors-customentities)
  | 'EMPTY_KEY'
  | 'KEY_TOO_LONG'
  | 'INVALID_KEY'
  | 'MAX_SIZE'
  | 'MAX_DEPTH'
  | 'RATE_LIMIT_EXCEEDED'
  // what @forge/kvs itself checks for (storage-api.js handleKeyNotFound) or the research notes name
  | 'KEY_NOT_FOUND'
  | 'KEY_CONFLICT'
  | 'CONDITIONAL_CHECK_FAILED'
  // emulator-chosen names for undocumented validation failures
  | 'BAD_REQUEST'
  | 'INVALID_TTL'
  | 'INVALID_CURSOR'
  | 'INVALID_ENTITY_NAME'
  | 'INVALID_ENTITY_VALUE'
  | 'INVALID_INDEX_NAME'
  | 'INVALID_CONDITION'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'INTERNAL_SERVER_ERROR';

/** Thrown inside the emulator; `handle()` turns it into the HTTP answer. */
export class KvsRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: KvsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KvsRequestError';
  }
}

export function badRequest(code: KvsErrorCode, message: string): KvsRequestError {
  return new KvsRequestError(400, code, message);
}

let traceCounter = 0;

function baseHeaders(): Headers {
  traceCounter += 1;
  // @forge/kvs copies x-trace-id into ForgeKvsAPIError.responseDetails.traceId, which makes
  // sandbox failures traceable the same way production ones are.
  return new Headers({ 'content-type': 'application/json', 'x-trace-id': `sandbox-kvs-${traceCounter}` });
}

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: baseHeaders() });
}

/** 204: what @forge/kvs expects for set/delete/transaction without a return value. */
export function emptyResponse(): Response {
  return new Response(null, { status: 204, headers: baseHeaders() });
}

export function errorResponse(error: KvsRequestError, extraHeaders?: Record<string, string>): Response {
  const headers = baseHeaders();
  for (const [name, value] of Object.entries(extraHeaders ?? {})) headers.set(name, value);
  return new Response(JSON.stringify({ code: error.code, message: error.message }), {
    status: error.status,
    headers,
  });
}
