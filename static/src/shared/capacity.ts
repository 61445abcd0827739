/**
 * Everything the capacity gadget's screens share: the configuration (`gadget-configuration.ts`) and
 * the support criteria's choices with the production report's labels (`TRIAGE_LABELS`).
 */
import { CLASS_OF_SERVICE_IDS, ISSUE_KIND_IDS } from './gadget-configuration';
import { TRIAGE_LABELS } from './report-template';

export * from './gadget-configuration';

export const ISSUE_KIND_OPTIONS = ISSUE_KIND_IDS.map((id) => ({ id, label: TRIAGE_LABELS.kind[id] }));
export const CLASS_OF_SERVICE_OPTIONS = CLASS_OF_SERVICE_IDS.map((id) => ({ id, label: TRIAGE_LABELS.classOfService[id] }));
