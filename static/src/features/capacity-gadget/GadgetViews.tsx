import { lazy, Suspense, useState } from 'react';

import { Shell } from '../../ui/Shell';
import CapacityGadget, { type CapacityGadgetProps } from './CapacityGadget';
import { HEALTH_COPY } from './support-health.format';

/** The Health view downloads only when someone opens it, so the share view's first paint stays small. */
const SupportHealth = lazy(() => import('./SupportHealth'));

type GadgetViewId = 'share' | 'health';

const VIEWS: ReadonlyArray<{ readonly id: GadgetViewId; readonly label: string; readonly title: string }> = [
  { id: 'share', label: 'Share', title: 'Share of each sprint on production support' },
  { id: 'health', label: 'Health', title: 'Support health: arrivals, resolutions and guideline dates met' },
];

/**
 * The capacity gadget's two views behind one switch: "Share" (the share of each sprint on support)
 * and "Health" (support health over time). Both stay mounted once opened, so switching back keeps
 * what each was showing; the choice is for this viewing only.
 */
export default function GadgetViews(props: CapacityGadgetProps) {
  const [view, setView] = useState<GadgetViewId>('share');
  const [healthOpened, setHealthOpened] = useState(false);
  if (props.config === null) return <CapacityGadget {...props} />;
  const { config, callResolver, locale, timezone } = props;
  const show = (id: GadgetViewId) => {
    if (id === 'health') setHealthOpened(true);
    setView(id);
  };
  return (
    <div className="fb-gadget-views">
      <div className="fb-segmented" role="group" aria-label="View">
        {VIEWS.map((option) => (
          <button key={option.id} type="button" className="fb-segmented__button" aria-pressed={option.id === view} title={option.title} onClick={() => show(option.id)}>
            {option.label}
          </button>
        ))}
      </div>
      <div hidden={view !== 'share'}>
        <CapacityGadget {...props} />
      </div>
      {healthOpened ? (
        <div hidden={view !== 'health'} className="fb-panel fb-gadget">
          <Suspense fallback={<Shell label={HEALTH_COPY.loading} />}>
            <SupportHealth callResolver={callResolver} config={config} locale={locale} timezone={timezone} />
          </Suspense>
        </div>
      ) : null}
    </div>
  );
}
