/**
 * The workflow validator's configuration as the rule editor handles it: read from the string Jira
 * stored (tolerating a damaged one), checked before Jira saves it, and said back in one sentence for
 * the transition's list of rules. Pure; checked against `validatorConfigSchema` by the tests.
 */
import type { ValidatorConfig } from '@contract/policy.contract';

import { DEFAULT_VALIDATOR_CONFIG } from '@contract/policy.values';
import { nameFromLevelId } from '@contract/severity-names';
import { LEVEL_ID_PATTERN } from '@contract/severity.values';

export type ReadConfig = { readonly config: ValidatorConfig; readonly damaged: boolean };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The shape `validatorConfigSchema` accepts, checked by hand (no zod in the UI bundle). */
function asConfig(value: unknown): ValidatorConfig | undefined {
  if (!isRecord(value) || !isRecord(value['rules'])) return undefined;
  const { rules, failMode } = value;
  const { severityPicked, severityConfirmed, definitionOfReady, assigneeAtOrAbove, reporterVerification, postmortemPublished, supportWipLimits } = rules;
  if (failMode !== 'closed' && failMode !== 'open') return undefined;
  if (typeof severityPicked !== 'boolean' || typeof severityConfirmed !== 'boolean' || typeof definitionOfReady !== 'boolean' || typeof reporterVerification !== 'boolean') return undefined;
  if (assigneeAtOrAbove !== null && (typeof assigneeAtOrAbove !== 'string' || !LEVEL_ID_PATTERN.test(assigneeAtOrAbove))) return undefined;
  // Added after the first five rules: rules saved before it simply have it off.
  if (postmortemPublished !== undefined && typeof postmortemPublished !== 'boolean') return undefined;
  if (supportWipLimits !== undefined && typeof supportWipLimits !== 'boolean') return undefined;
  return {
    rules: { severityPicked, severityConfirmed, definitionOfReady, assigneeAtOrAbove, reporterVerification, postmortemPublished: postmortemPublished === true, supportWipLimits: supportWipLimits === true },
    failMode,
  };
}

/**
 * The configuration Jira hands the editor (`context.extension.validatorConfig`): absent on create,
 * a JSON string on edit. Anything unreadable starts from the defaults, flagged `damaged` so the
 * editor can say so rather than silently replace the admin's rules.
 */
export function readValidatorConfig(raw: string | undefined): ReadConfig {
  if (raw === undefined || raw.trim() === '') return { config: DEFAULT_VALIDATOR_CONFIG, damaged: false };
  try {
    const config = asConfig(JSON.parse(raw));
    return config === undefined ? { config: DEFAULT_VALIDATOR_CONFIG, damaged: true } : { config, damaged: false };
  } catch {
    return { config: DEFAULT_VALIDATOR_CONFIG, damaged: true };
  }
}

export const NO_RULE_MESSAGE = 'Tick at least one rule.';
export const NO_LEVEL_MESSAGE = 'Choose the level from which an assignee is required.';
export const BAD_LEVEL_MESSAGE = 'Enter a level id such as “critical”: lowercase letters, digits and hyphens.';

export type ConfigCheck = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly field: 'rules' | 'assigneeAtOrAbove'; readonly message: string };

/** The string Jira stores for the rule, or why it cannot be saved yet. */
export function serializeValidatorConfig(config: ValidatorConfig): ConfigCheck {
  const { rules } = config;
  const level = rules.assigneeAtOrAbove;
  if (level !== null && level.trim() === '') return { ok: false, field: 'assigneeAtOrAbove', message: NO_LEVEL_MESSAGE };
  if (level !== null && !LEVEL_ID_PATTERN.test(level)) return { ok: false, field: 'assigneeAtOrAbove', message: BAD_LEVEL_MESSAGE };
  const any =
    rules.severityPicked || rules.severityConfirmed || rules.definitionOfReady || level !== null || rules.reporterVerification || rules.postmortemPublished === true || rules.supportWipLimits === true;
  if (!any) return { ok: false, field: 'rules', message: NO_RULE_MESSAGE };
  // Keys in a fixed order, so an unchanged rule saves the same string.
  const stored: ValidatorConfig = {
    rules: {
      severityPicked: rules.severityPicked,
      severityConfirmed: rules.severityConfirmed,
      definitionOfReady: rules.definitionOfReady,
      assigneeAtOrAbove: level,
      reporterVerification: rules.reporterVerification,
      postmortemPublished: rules.postmortemPublished === true,
      supportWipLimits: rules.supportWipLimits === true,
    },
    failMode: config.failMode,
  };
  return { ok: true, value: JSON.stringify(stored) };
}

/**
 * "Blocks unless: severity picked; Definition of Ready met. If Firebreak cannot decide: block."
 * `levelName` names a level id by the policy's name when the view knows it (else by a name made from
 * the id: never the bare id).
 */
export function summarizeValidatorConfig(config: ValidatorConfig, levelName: (id: string) => string = nameFromLevelId): string {
  const { rules } = config;
  const parts = [
    rules.severityPicked ? 'severity picked' : null,
    rules.severityConfirmed ? 'severity confirmed by a triager' : null,
    rules.definitionOfReady ? 'Definition of Ready met' : null,
    rules.assigneeAtOrAbove === null ? null : `an assignee set from ${levelName(rules.assigneeAtOrAbove)} up`,
    rules.reporterVerification ? 'the reporter verified the fix' : null,
    rules.postmortemPublished === true ? 'a published postmortem, for levels that require one' : null,
    rules.supportWipLimits === true ? 'the project’s support WIP limits leave room to start it' : null,
  ].filter((part): part is string => part !== null);
  const blocks = parts.length === 0 ? 'No rule ticked: lets every transition through.' : `Blocks unless: ${parts.join('; ')}.`;
  return `${blocks} If Firebreak cannot decide: ${config.failMode === 'closed' ? 'block' : 'let through'}.`;
}
