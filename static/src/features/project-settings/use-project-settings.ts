import type { ProjectConfig, ProjectConfigView } from '@contract/project-config.contract';
import type { ResolverResult } from '@contract/result';
import { type Dispatch, useCallback, useReducer, useRef } from 'react';

import type { CallResolver } from '../../api/client';
import { type ReadAction, useScreenRead } from '../../app/use-screen-read';
import { flagSuccess } from '../../platform/flags';
import { type CriteriaDraft, checkCriteria } from '../../shared/criteria-form';
import { type ConfigCardAction, type ConfigCardState, SETTINGS_COPY, initialCardState } from './config-card.state';
import { type CapacityTeamCardState, type CapacityTeamDraft, checkCapacityTeam, reduceCapacityTeamCard, withCapacityTeam } from './capacity-team-card.state';
import { type ImprovementsCardState, reduceImprovementsCard } from './improvements-card.state';
// disputes (issue 16 part 4)
import { AUTHORITY_COPY, type DisputeAuthorityCardState, type DisputeAuthorityDraft, checkDisputeAuthority, reduceDisputeAuthorityCard, withDisputeAuthority } from './dispute-authority-card.state';
import { type OnCallCardState, reduceOnCallCard } from './on-call-card.state';
import { type OnCallDraft, checkOnCall, withOnCall } from './on-call-form';
import { type SettingsCardState, reduceSettingsCard } from './settings-card.state';
import { type Improvements, checkImprovements, supportErrorsOf, validateConfig, withImprovements } from './settings-form';
import { type SupportCardState, reduceSupportCard, withSupportCriteria } from './support-card.state';
import { type WipLimitsCardState, reduceWipLimitsCard } from './wip-limits-card.state';
import { type WipLimitsDraft, checkWipLimits, withWipLimits } from './wip-limits-form';

/** One card's wiring: its own reducer's dispatch and its own save button. */
export interface CardActions<Draft> {
  readonly dispatch: Dispatch<ConfigCardAction<Draft>>;
  readonly save: () => void;
}

export interface ProjectSettingsPage {
  readonly settings: SettingsCardState;
  readonly support: SupportCardState;
  readonly improvements: ImprovementsCardState;
  readonly wipLimits: WipLimitsCardState;
  readonly onCall: OnCallCardState;
  readonly capacityTeam: CapacityTeamCardState;
  /** disputes (issue 16 part 4) */
  readonly disputeAuthority: DisputeAuthorityCardState;
  /** A save of any card is in flight: every card waits, so no two saves race on one version. */
  readonly saving: boolean;
}

export interface ProjectSettingsActions {
  readonly settings: CardActions<ProjectConfig>;
  readonly support: CardActions<CriteriaDraft>;
  readonly improvements: CardActions<Improvements>;
  readonly wipLimits: CardActions<WipLimitsDraft>;
  readonly onCall: CardActions<OnCallDraft>;
  readonly capacityTeam: CardActions<CapacityTeamDraft>;
  /** disputes (issue 16 part 4) */
  readonly disputeAuthority: CardActions<DisputeAuthorityDraft>;
  readonly retry: () => void;
}

type CardName = 'settings' | 'support' | 'improvements' | 'wipLimits' | 'onCall' | 'capacityTeam' | 'disputeAuthority';

/** What a card sends: the whole config with its part changed, or the errors that stop it. */
type Checked = { readonly ok: true; readonly config: ProjectConfig } | { readonly ok: false; readonly errors: Readonly<Record<string, string>> };

/** Loads the project's settings once for every card, saves each card on its own, and reloads after a conflict. */
export function useProjectSettings(projectKey: string, callResolver: CallResolver, firstLoad: Promise<ResolverResult<ProjectConfigView>>): readonly [ProjectSettingsPage, ProjectSettingsActions] {
  const [settings, dispatchSettings] = useReducer(reduceSettingsCard, initialCardState);
  const [support, dispatchSupport] = useReducer(reduceSupportCard, initialCardState);
  const [improvements, dispatchImprovements] = useReducer(reduceImprovementsCard, initialCardState);
  const [wipLimits, dispatchWipLimits] = useReducer(reduceWipLimitsCard, initialCardState);
  const [onCall, dispatchOnCall] = useReducer(reduceOnCallCard, initialCardState);
  const [capacityTeam, dispatchCapacityTeam] = useReducer(reduceCapacityTeamCard, initialCardState);
  const [disputeAuthority, dispatchDisputeAuthority] = useReducer(reduceDisputeAuthorityCard, initialCardState);
  const page: ProjectSettingsPage = { settings, support, improvements, wipLimits, onCall, capacityTeam, disputeAuthority, saving: [settings, support, improvements, wipLimits, onCall, capacityTeam, disputeAuthority].some((card) => card.status === 'ready' && card.saving) };
  const pageRef = useRef(page);
  pageRef.current = page;

  // Every card shows the same read of the settings.
  const everyCard = useCallback(
    (action: ReadAction<ProjectConfigView> | { readonly type: 'stored'; readonly view: ProjectConfigView }) => {
      dispatchSettings(action);
      dispatchSupport(action);
      dispatchImprovements(action);
      dispatchWipLimits(action);
      dispatchOnCall(action);
      dispatchCapacityTeam(action);
      dispatchDisputeAuthority(action);
    },
    [],
  );
  const load = useCallback(() => callResolver('config/getProject', { projectKey }), [callResolver, projectKey]);
  const { retry, reloadOnConflict } = useScreenRead(everyCard, firstLoad, load);

  // The other cards take a new version with their unsaved edits kept; the card that saved has it already.
  const tellOthers = useCallback((saver: CardName, view: ProjectConfigView) => {
    const stored = { type: 'stored', view } as const;
    if (saver !== 'settings') dispatchSettings(stored);
    if (saver !== 'support') dispatchSupport(stored);
    if (saver !== 'improvements') dispatchImprovements(stored);
    if (saver !== 'wipLimits') dispatchWipLimits(stored);
    if (saver !== 'onCall') dispatchOnCall(stored);
    if (saver !== 'capacityTeam') dispatchCapacityTeam(stored);
    if (saver !== 'disputeAuthority') dispatchDisputeAuthority(stored);
  }, []);

  const saveCard = useCallback(
    <Draft>(saver: CardName, card: ConfigCardState<Draft>, dispatch: Dispatch<ConfigCardAction<Draft>>, check: (card: Extract<ConfigCardState<Draft>, { status: 'ready' }>) => Checked, saved: string) => {
      if (card.status !== 'ready' || pageRef.current.saving) return;
      const checked = check(card);
      if (!checked.ok) {
        dispatch({ type: 'invalid', errors: checked.errors });
        return;
      }
      dispatch({ type: 'saveStarted' });
      void callResolver('config/saveProject', { projectKey, config: checked.config, baseVersion: card.view.version }).then((result) => {
        dispatch({ type: 'saved', result });
        if (result.ok) {
          tellOthers(saver, result.data);
          flagSuccess(saved);
        }
        reloadOnConflict(result);
      });
    },
    [callResolver, projectKey, reloadOnConflict, tellOthers],
  );

  const saveSettings = useCallback(
    () =>
      saveCard('settings', pageRef.current.settings, dispatchSettings, (card) => {
        const errors = validateConfig(card.draft);
        return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, config: card.draft };
      }, SETTINGS_COPY.saved),
    [saveCard],
  );

  const saveSupport = useCallback(
    () =>
      saveCard('support', pageRef.current.support, dispatchSupport, (card) => {
        const checked = checkCriteria(card.draft);
        return checked.ok ? { ok: true, config: withSupportCriteria(card.view.config, checked.criteria) } : { ok: false, errors: supportErrorsOf(checked.errors) };
      }, SETTINGS_COPY.supportSaved),
    [saveCard],
  );

  const saveImprovements = useCallback(
    () =>
      saveCard('improvements', pageRef.current.improvements, dispatchImprovements, (card) => {
        const checked = checkImprovements(card.draft);
        return checked.ok ? { ok: true, config: withImprovements(card.view.config, checked.improvements) } : { ok: false, errors: checked.errors };
      }, SETTINGS_COPY.improvementsSaved),
    [saveCard],
  );

  const saveWipLimits = useCallback(
    () =>
      saveCard('wipLimits', pageRef.current.wipLimits, dispatchWipLimits, (card) => {
        const checked = checkWipLimits(card.draft);
        return checked.ok ? { ok: true, config: withWipLimits(card.view.config, checked.wipLimits) } : { ok: false, errors: checked.errors };
      }, SETTINGS_COPY.wipLimitsSaved),
    [saveCard],
  );

  const saveOnCall = useCallback(
    () =>
      saveCard('onCall', pageRef.current.onCall, dispatchOnCall, (card) => {
        // Nobody in the list is no rotation: the key is left out, as before one existed, swaps and all.
        if (card.draft.people.length === 0) return { ok: true, config: withOnCall(card.view.config, undefined) };
        const checked = checkOnCall(card.draft);
        return checked.ok ? { ok: true, config: withOnCall(card.view.config, checked.onCall) } : { ok: false, errors: checked.errors };
      }, SETTINGS_COPY.onCallSaved),
    [saveCard],
  );

  const saveCapacityTeam = useCallback(
    () =>
      saveCard('capacityTeam', pageRef.current.capacityTeam, dispatchCapacityTeam, (card) => {
        const checked = checkCapacityTeam(card.draft);
        return checked.ok ? { ok: true, config: withCapacityTeam(card.view.config, checked.team) } : { ok: false, errors: checked.errors };
      }, SETTINGS_COPY.capacityTeamSaved),
    [saveCard],
  );

  // disputes (issue 16 part 4)
  const saveDisputeAuthority = useCallback(
    () =>
      saveCard('disputeAuthority', pageRef.current.disputeAuthority, dispatchDisputeAuthority, (card) => {
        const checked = checkDisputeAuthority(card.draft);
        return checked.ok ? { ok: true, config: withDisputeAuthority(card.view.config, checked.authority) } : { ok: false, errors: checked.errors };
      }, AUTHORITY_COPY.saved),
    [saveCard],
  );

  const actions: ProjectSettingsActions = {
    settings: { dispatch: dispatchSettings, save: saveSettings },
    support: { dispatch: dispatchSupport, save: saveSupport },
    improvements: { dispatch: dispatchImprovements, save: saveImprovements },
    wipLimits: { dispatch: dispatchWipLimits, save: saveWipLimits },
    onCall: { dispatch: dispatchOnCall, save: saveOnCall },
    capacityTeam: { dispatch: dispatchCapacityTeam, save: saveCapacityTeam },
    disputeAuthority: { dispatch: dispatchDisputeAuthority, save: saveDisputeAuthority },
    retry,
  };
  return [page, actions] as const;
}
