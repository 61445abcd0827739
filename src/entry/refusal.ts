import { fail, type ErrorCode, type ResolverResult } from '../contract/result';

/**
 * The one way a use case refuses: throw a `Refusal` with the code the UI branches on, a sentence for
 * the person (what happened, what to do) and, when one field is at fault, its payload path.
 * `runResolver` turns it into the `{ ok: false, error }` envelope; nothing else needs to. Throw it
 * only before anything was changed, or say in the message what was and was not done.
 */
export class Refusal extends Error {
  override readonly name = 'Refusal';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  toResult(): ResolverResult<never> {
    return fail(this.code, this.message, this.field);
  }
}

export const refuse = (code: ErrorCode, message: string, field?: string): never => {
  throw new Refusal(code, message, field);
};
