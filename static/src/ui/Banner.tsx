import type { ReactNode } from 'react';

export type BannerTone = 'error' | 'warning' | 'info';

const ICONS: Record<BannerTone, ReactNode> = {
  error: <path d="M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Zm0-13v5.5m0 3v.25" />,
  warning: <path d="M12 3 2.5 20h19L12 3Zm0 5.5v6m0 2.75v.25" />,
  info: <path d="M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Zm0-10v6m0-9v.25" />,
};

/**
 * A section message in Atlassian's style. Errors and warnings use `role="alert"` so screen readers
 * announce them when they appear; information is a plain note.
 * @see https://atlassian.design/components/section-message
 */
export function Banner({
  tone,
  title,
  children,
  actions,
}: {
  readonly tone: BannerTone;
  readonly title?: string;
  readonly children: ReactNode;
  readonly actions?: ReactNode;
}) {
  return (
    <div className={`fb-banner fb-banner--${tone}`} role={tone === 'info' ? 'note' : 'alert'}>
      <svg className="fb-banner__icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        {ICONS[tone]}
      </svg>
      <div className="fb-banner__body">
        {title === undefined ? null : <p className="fb-banner__title">{title}</p>}
        <div className="fb-banner__text">{children}</div>
        {actions === undefined ? null : <div className="fb-banner__actions">{actions}</div>}
      </div>
    </div>
  );
}

/** A screen's notice (a refused save, a conflict) as a banner; nothing when there is none. */
export function NoticeBanner({ notice }: { readonly notice: { readonly tone: BannerTone; readonly message: string } | null }) {
  return notice === null ? null : <Banner tone={notice.tone}>{notice.message}</Banner>;
}
