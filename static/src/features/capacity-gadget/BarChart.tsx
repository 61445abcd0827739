import { useId } from 'react';

import { severityToneOf } from '../../shared/severity-tone';
import { barFractions, toPercent } from './chart-scale';

export interface BarDatum {
  readonly id: string;
  readonly name: string;
  readonly value: number;
  /** A severity level's place in the scale (0 = most severe), which gives its bar the level's colour. */
  readonly rank?: number | null;
  /** A short second line under the name ("on call 9 %"), which a narrow name column would otherwise cut off. */
  readonly detail?: string;
}

const fillClass = (tone: 'severity' | 'kind', item: BarDatum): string =>
  tone === 'severity' ? `fb-bar__fill fb-bar__fill--severity fb-bar__fill--level-${severityToneOf(item.rank)}` : `fb-bar__fill fb-bar__fill--${tone}`;

/**
 * A horizontal bar chart small enough for a gadget: one row per item with its name, a bar on a
 * shared scale and its value as text. The rows are a list of plain text, which is the chart's text
 * alternative; the bars themselves are decoration (`aria-hidden`). SVG attributes, not inline
 * styles, size the bars, so Forge's default CSP needs no `unsafe-inline`.
 */
export function BarChart({
  title,
  items,
  format,
  tone,
  empty,
}: {
  /** Also the chart's accessible name: "Support by severity". */
  readonly title: string;
  readonly items: readonly BarDatum[];
  readonly format: (value: number) => string;
  readonly tone: 'severity' | 'kind';
  /** Said instead of an empty chart. */
  readonly empty: string;
}) {
  const titleId = useId();
  const fractions = barFractions(items.map((item) => item.value));
  return (
    <figure className="fb-chart" aria-labelledby={titleId}>
      <figcaption className="fb-chart__title" id={titleId}>
        {title}
      </figcaption>
      {items.length === 0 ? (
        <p className="fb-meta">{empty}</p>
      ) : (
        <ul className="fb-bars">
          {items.map((item, index) => (
            <li className="fb-bar" key={item.id}>
              <span className="fb-bar__name" title={item.detail === undefined ? item.name : `${item.name}, ${item.detail}`}>
                {item.name}
                {item.detail === undefined ? null : (
                  <span className="fb-bar__detail">
                    <span className="fb-visually-hidden">, </span>
                    {item.detail}
                  </span>
                )}
              </span>
              <svg className="fb-bar__track" width="100%" height="8" aria-hidden="true" focusable="false">
                <rect className={fillClass(tone, item)} x="0" y="0" width={toPercent(fractions[index] ?? 0)} height="8" rx="2" />
              </svg>
              <span className="fb-bar__value">{format(item.value)}</span>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
