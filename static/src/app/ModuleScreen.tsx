import { type ReactElement, Suspense } from 'react';

import { Banner } from '../ui/Banner';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { Shell } from '../ui/Shell';

/** A routed feature: the shell while its chunk downloads, a sentence if it cannot be shown. */
export function ModuleScreen({ loadingLabel, element }: { readonly loadingLabel: string; readonly element: ReactElement }) {
  return (
    <ErrorBoundary>
      <Suspense fallback={<Shell label={loadingLabel} />}>{element}</Suspense>
    </ErrorBoundary>
  );
}

/** Shown instead of a feature when the context does not allow one (no module match, no issue). */
export function ScreenMessage({ message }: { readonly message: string }) {
  return (
    <div className="fb-panel">
      <Banner tone="error">{message}</Banner>
    </div>
  );
}
