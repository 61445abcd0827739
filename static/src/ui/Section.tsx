import { type ReactNode, useId } from 'react';

/**
 * One titled card of a long form: the heading names the region (`aria-labelledby`), so a screen
 * reader's landmarks list and a test's `getByRole('region', { name })` find it by its title.
 */
export function Section({
  title,
  actions,
  className,
  children,
}: {
  readonly title: string;
  /** Controls beside the title that act on the whole section ("Rebuild from Jira"). */
  readonly actions?: ReactNode;
  /** Another class beside `fb-card`. */
  readonly className?: string;
  readonly children: ReactNode;
}) {
  const id = useId();
  return (
    <section className={className === undefined ? 'fb-card' : `fb-card ${className}`} aria-labelledby={id}>
      <div className="fb-section__header">
        <h2 className="fb-card__title" id={id}>
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
