import { useId } from 'react';

import { columnGeometry, shareCeiling } from './chart-scale';
import { formatShare, shortSprintLabel } from './capacity-format';

export interface ColumnDatum {
  readonly id: number;
  readonly name: string;
  readonly share: number | null;
  /** The sprint the headline shows, drawn in the brand colour. */
  readonly current: boolean;
}

/**
 * The trend: one column per sprint, oldest first, each labelled with its share. Each column is a
 * list item whose text ("Sprint 14: 27%", the name visually hidden) is the chart's text
 * alternative; the drawn column is decoration. The scale tops at a round share, said in the caption.
 */
export function ColumnChart({ title, items }: { readonly title: string; readonly items: readonly ColumnDatum[] }) {
  const titleId = useId();
  const ceiling = shareCeiling(items.map((item) => item.share));
  return (
    <figure className="fb-chart" aria-labelledby={titleId}>
      <figcaption className="fb-chart__title" id={titleId}>
        {title}
      </figcaption>
      <ol className="fb-columns">
        {items.map((item) => {
          const { y, height } = columnGeometry(item.share === null ? 0 : item.share / ceiling);
          return (
            <li className={`fb-column${item.current ? ' fb-column--current' : ''}`} key={item.id} title={item.name}>
              <span className="fb-column__value">
                <span className="fb-visually-hidden">{item.name}: </span>
                {item.share === null ? <span aria-label="no data">–</span> : formatShare(item.share)}
                {item.current ? <span className="fb-visually-hidden"> (shown above)</span> : null}
              </span>
              <svg className="fb-column__plot" width="100%" height="100%" aria-hidden="true" focusable="false">
                <rect className="fb-column__bar" x="15%" y={y} width="70%" height={height} rx="2" />
              </svg>
              <span className="fb-column__label" aria-hidden="true">
                {shortSprintLabel(item.name)}
              </span>
            </li>
          );
        })}
      </ol>
      <p className="fb-meta">Scale: 0–{formatShare(ceiling)}. The highlighted column is the sprint shown above.</p>
    </figure>
  );
}
