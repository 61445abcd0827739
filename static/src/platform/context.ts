import { view } from '@forge/bridge';

import { type AppContext, parseAppContext } from './context-shape';

export type { AppContext, ProductEntity } from './context-shape';

export type ContextResult = { readonly ok: true; readonly context: AppContext } | { readonly ok: false; readonly message: string };

const CONTEXT_UNAVAILABLE =
  'Firebreak could not read where it is shown. Reload the page and try again.';

/**
 * Reads the module context from the host (a bridge call, no backend round trip).
 * Never rejects: a failure becomes a sentence for the person in front of the screen.
 */
export async function loadAppContext(): Promise<ContextResult> {
  try {
    const context = parseAppContext(await view.getContext());
    return context === undefined ? { ok: false, message: CONTEXT_UNAVAILABLE } : { ok: true, context };
  } catch {
    return { ok: false, message: CONTEXT_UNAVAILABLE };
  }
}
