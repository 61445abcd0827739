/**
 * Everything the capacity gadget's screens share: the configuration (`gadget-configuration.ts`) and
 * the support criteria's choices with the production report's labels (`TRIAGE_LABELS`).
 */
import { CLASSES_OF_SERVICE, ISSUE_KINDS, TRIAGE_LABELS } from '@contract/report.values';

export * from './gadget-configuration';

export const ISSUE_KIND_OPTIONS = ISSUE_KINDS.map((id) => ({ id, label: TRIAGE_LABELS.kind[id] }));
export const CLASS_OF_SERVICE_OPTIONS = CLASSES_OF_SERVICE.map((id) => ({ id, label: TRIAGE_LABELS.classOfService[id] }));
