import { Component, type ReactNode } from 'react';

import { Banner } from './Banner';

export const SCREEN_FAILED_MESSAGE = 'Firebreak could not show this view. Reload the page and try again.';

/**
 * Catches what would otherwise blank the iframe: a feature chunk that fails to download (a deploy
 * replaced it) or a render error. The person sees a sentence, never a stack trace.
 */
export class ErrorBoundary extends Component<{ readonly children: ReactNode }, { readonly failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <Banner tone="error">{SCREEN_FAILED_MESSAGE}</Banner> : this.props.children;
  }
}
