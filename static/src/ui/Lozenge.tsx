import type { ReactNode } from 'react';

export type LozengeTone = 'default' | 'success' | 'removed' | 'moved' | 'inprogress' | 'new';

/**
 * A status label in Atlassian's lozenge style: short, uppercase-free here because severity names and
 * "Reporter: Critical" read better in sentence case.
 * @see https://atlassian.design/components/lozenge
 */
export function Lozenge({ tone = 'default', bold = false, children }: { readonly tone?: LozengeTone; readonly bold?: boolean; readonly children: ReactNode }) {
  return <span className={`fb-lozenge fb-lozenge--${tone}${bold ? ' fb-lozenge--bold' : ''}`}>{children}</span>;
}
