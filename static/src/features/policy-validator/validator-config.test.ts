import { type ValidatorConfig, validatorConfigSchema } from '@contract/policy.contract';
import { describe, expect, it } from 'vitest';

import { DEFAULT_VALIDATOR_CONFIG } from '@contract/policy.values';
import { BAD_LEVEL_MESSAGE, NO_LEVEL_MESSAGE, NO_RULE_MESSAGE, readValidatorConfig, serializeValidatorConfig, summarizeValidatorConfig } from './validator-config';

const generateConfig = (rules: Partial<ValidatorConfig['rules']> = {}, failMode: ValidatorConfig['failMode'] = 'closed'): ValidatorConfig => ({
  rules: { ...DEFAULT_VALIDATOR_CONFIG.rules, ...rules },
  failMode,
});
const noRules = generateConfig({ severityPicked: false });

describe('readValidatorConfig', () => {
  it('starts from the defaults on create', () => {
    expect(readValidatorConfig(undefined)).toEqual({ config: DEFAULT_VALIDATOR_CONFIG, damaged: false });
  });

  it('reads back what it saved', () => {
    const config = generateConfig({ definitionOfReady: true, assigneeAtOrAbove: 'major' }, 'open');
    const saved = serializeValidatorConfig(config);
    expect(readValidatorConfig(saved.ok ? saved.value : '')).toEqual({ config, damaged: false });
  });

  it.each([['{'], ['null'], ['[]'], ['{"rules":{},"failMode":"closed"}'], [JSON.stringify({ ...generateConfig(), failMode: 'maybe' })], [JSON.stringify(generateConfig({ assigneeAtOrAbove: 'Not An Id' }))]])(
    'flags %s as damaged and starts from the defaults, as the contract would refuse it',
    (raw) => {
      expect(readValidatorConfig(raw)).toEqual({ config: DEFAULT_VALIDATOR_CONFIG, damaged: true });
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        parsed = undefined;
      }
      expect(validatorConfigSchema.safeParse(parsed).success).toBe(false);
    },
  );
});

describe('serializeValidatorConfig', () => {
  it('.payload: stores JSON the backend schema accepts', () => {
    for (const config of [DEFAULT_VALIDATOR_CONFIG, generateConfig({ severityPicked: false, reporterVerification: true }, 'open'), generateConfig({ assigneeAtOrAbove: 'sev-1' })]) {
      const saved = serializeValidatorConfig(config);
      expect(saved.ok).toBe(true);
      expect(validatorConfigSchema.parse(JSON.parse(saved.ok ? saved.value : 'null'))).toEqual(config);
    }
  });

  it('refuses a rule without any box ticked, and an assignee rule without a usable level', () => {
    expect(serializeValidatorConfig(noRules)).toEqual({ ok: false, field: 'rules', message: NO_RULE_MESSAGE });
    expect(serializeValidatorConfig(generateConfig({ assigneeAtOrAbove: '' }))).toEqual({ ok: false, field: 'assigneeAtOrAbove', message: NO_LEVEL_MESSAGE });
    expect(serializeValidatorConfig(generateConfig({ assigneeAtOrAbove: 'Sev 1' }))).toEqual({ ok: false, field: 'assigneeAtOrAbove', message: BAD_LEVEL_MESSAGE });
  });

  it('keeps the support WIP limits rule, alone or with others, and reads rules saved before it as off', () => {
    const wip = generateConfig({ severityPicked: false, supportWipLimits: true });
    const saved = serializeValidatorConfig(wip);
    expect(saved.ok && readValidatorConfig(saved.value)).toEqual({ config: wip, damaged: false });
    const { supportWipLimits: _absent, ...olderRules } = DEFAULT_VALIDATOR_CONFIG.rules;
    expect(readValidatorConfig(JSON.stringify({ rules: olderRules, failMode: 'closed' }))).toEqual({ config: DEFAULT_VALIDATOR_CONFIG, damaged: false });
    expect(summarizeValidatorConfig(wip)).toBe('Blocks unless: the project’s support WIP limits leave room to start it. If Firebreak cannot decide: block.');
  });

  it('counts the assignee rule alone as a rule', () => {
    expect(serializeValidatorConfig(generateConfig({ severityPicked: false, assigneeAtOrAbove: 'critical' })).ok).toBe(true);
  });
});

describe('summarizeValidatorConfig', () => {
  it('lists the ticked rules and the fail mode', () => {
    expect(summarizeValidatorConfig(generateConfig({ definitionOfReady: true }))).toBe('Blocks unless: severity picked; Definition of Ready met. If Firebreak cannot decide: block.');
    const all = generateConfig({ severityConfirmed: true, definitionOfReady: true, assigneeAtOrAbove: 'major', reporterVerification: true }, 'open');
    expect(summarizeValidatorConfig(all, (id) => (id === 'major' ? 'Major' : id))).toBe(
      'Blocks unless: severity picked; severity confirmed by a triager; Definition of Ready met; an assignee set from Major up; the reporter verified the fix. If Firebreak cannot decide: let through.',
    );
  });

  it('says when nothing is ticked', () => {
    expect(summarizeValidatorConfig(noRules)).toBe('No rule ticked: lets every transition through. If Firebreak cannot decide: block.');
  });
});
