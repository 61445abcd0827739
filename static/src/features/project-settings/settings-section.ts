/**
 * What every section of the main settings card gets: the card's state, its reducer's dispatch, and
 * whether its controls are off (no permission, or a save in flight).
 */
import type { Dispatch } from 'react';

import type { SettingsCard, SettingsCardAction } from './settings-card.state';

export interface SettingsSectionProps {
  readonly state: SettingsCard;
  readonly dispatch: Dispatch<SettingsCardAction>;
  readonly disabled: boolean;
}
