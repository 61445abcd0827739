import { manualItemSchema, projectConfigSchema, type ProjectConfig } from '@contract/project-config.contract';
import { describe, expect, it } from 'vitest';

import { DEFAULT_PROJECT_CONFIG } from '../../../../src/domain/config/project-config';
import {
  ITEMS_MAX,
  ITEM_ID_MAX,
  TRIAGERS_COPY,
  TRIAGER_NAMES_MAX,
  TRIAGER_NAME_MAX,
  addTriagerGroup,
  checkNewGroup,
  removeTriagerGroup,
  roleChoices,
  toggleTriagerRole,
  ITEM_LABEL_MAX,
  PRODUCTION_TYPES_MAX,
  addItem,
  checkNewItemLabel,
  defaultRuleOf,
  issueTypeChoices,
  moveItem,
  removeItem,
  setDefaultRule,
  setTypeRule,
  settingsFieldOf,
  slugify,
  toggleProductionType,
  typeRuleOf,
  updateItem,
  validateConfig,
} from './settings-form';

const generateConfig = (overrides: Partial<ProjectConfig> = {}): ProjectConfig => ({ ...DEFAULT_PROJECT_CONFIG, ...overrides });

describe('slugify', () => {
  it.each([
    ['Reproduced internally (link to the reproduction)', 'reproduced-internally-link-to-the-reprod'],
    ['  Logs attached!  ', 'logs-attached'],
    ['Crème brûlée checked', 'creme-brulee-checked'],
    ['!!!', 'item'],
  ])('%s → %s', (label, id) => {
    expect(slugify(label)).toBe(id);
    expect(slugify(label).length).toBeLessThanOrEqual(ITEM_ID_MAX);
    expect(manualItemSchema.shape.id.safeParse(slugify(label)).success).toBe(true);
  });

  it('makes the id unique without exceeding 40 characters', () => {
    expect(slugify('Logs attached', ['logs-attached'])).toBe('logs-attached-2');
    expect(slugify('Logs attached', ['logs-attached', 'logs-attached-2'])).toBe('logs-attached-3');
    const long = 'a'.repeat(50);
    expect(slugify(long, ['a'.repeat(40)])).toBe(`${'a'.repeat(38)}-2`);
  });

  it('never ends on a hyphen after cutting', () => {
    expect(slugify(`${'a'.repeat(39)} b`)).toBe('a'.repeat(39));
  });
});

describe('field rules', () => {
  it('falls back to the built-in rule for a field the project defaults leave out', () => {
    expect(defaultRuleOf(generateConfig({ defaultFieldRules: {} }), 'links')).toBe('optional');
    expect(defaultRuleOf(setDefaultRule(generateConfig(), 'links', 'required'), 'links')).toBe('required');
  });

  it('.payload: sets and removes a per-type override, dropping a type with none left', () => {
    const base = generateConfig({ fieldRulesByIssueType: {} });
    const set = setTypeRule(base, 'Bug', 'links', 'hidden');
    expect(set.fieldRulesByIssueType).toEqual({ Bug: { links: 'hidden' } });
    expect(typeRuleOf(set, 'Bug', 'links')).toBe('hidden');
    expect(setTypeRule(set, 'Bug', 'links', undefined).fieldRulesByIssueType).toEqual({});
  });
});

describe('production issue types', () => {
  it('keeps the project’s order and configured types Jira no longer lists', () => {
    const config = generateConfig({ productionIssueTypes: ['Incident', 'Legacy'] });
    expect(issueTypeChoices(config, ['Bug', 'Incident'])).toEqual(['Bug', 'Incident', 'Legacy']);
    expect(toggleProductionType(config, 'Bug', true, ['Bug', 'Incident']).productionIssueTypes).toEqual(['Bug', 'Incident', 'Legacy']);
    expect(toggleProductionType(config, 'Incident', false, ['Bug', 'Incident']).productionIssueTypes).toEqual(['Legacy']);
  });
});

describe('checklist items', () => {
  const config = generateConfig({ manualItems: [{ id: 'logs', label: 'Logs attached', needsNote: false }] });

  it('.payload: adds an item with an id made from its label, unique in the list', () => {
    const added = addItem(config, '  Customer informed ', true);
    expect(added.manualItems.at(-1)).toEqual({ id: 'customer-informed', label: 'Customer informed', needsNote: true });
    expect(addItem(config, 'Logs', false).manualItems.at(-1)?.id).toBe('logs-2');
  });

  it('keeps the id when the label changes, and reorders and removes', () => {
    const two = addItem(config, 'Customer informed', false);
    expect(updateItem(two, 0, { label: 'Logs linked' }).manualItems[0]).toEqual({ id: 'logs', label: 'Logs linked', needsNote: false });
    expect(moveItem(two, 1, -1).manualItems.map((item) => item.id)).toEqual(['customer-informed', 'logs']);
    expect(moveItem(two, 0, -1)).toBe(two);
    expect(moveItem(two, 1, 1)).toBe(two);
    expect(removeItem(two, 0).manualItems.map((item) => item.id)).toEqual(['customer-informed']);
  });

  it('refuses a short label and a full list', () => {
    expect(checkNewItemLabel(config, 'ab')).toMatch(/at least 3/);
    const full = generateConfig({ manualItems: Array.from({ length: ITEMS_MAX }, (_, n) => ({ id: `i${String(n)}`, label: `Item ${String(n)}`, needsNote: false })) });
    expect(checkNewItemLabel(full, 'One more')).toMatch(/at most 15/);
  });
});

describe('validateConfig', () => {
  it('accepts what the contract accepts', () => {
    expect(validateConfig(DEFAULT_PROJECT_CONFIG)).toEqual({});
    expect(projectConfigSchema.safeParse(addItem(DEFAULT_PROJECT_CONFIG, 'Customer informed', false)).success).toBe(true);
  });

  it('names the paths the backend would name', () => {
    const config = generateConfig({ productionIssueTypes: [], manualItems: [{ id: 'x', label: ' a ', needsNote: false }] });
    expect(Object.keys(validateConfig(config))).toEqual(['productionIssueTypes', 'manualItems.0.label']);
    expect(projectConfigSchema.safeParse(config).success).toBe(false);
  });
});

describe('settingsFieldOf', () => {
  it.each([
    ['config.productionIssueTypes', 'productionIssueTypes'],
    ['config.manualItems.2.label', 'manualItems.2.label'],
    ['config.manualItems.1.id', 'manualItems.1.label'],
    ['config.fieldRulesByIssueType.Bug.links', 'fieldRules'],
    ['config.sendBackStatus', 'sendBackStatus'],
    ['projectKey', undefined],
    [undefined, undefined],
  ])('%s → %s', (path, key) => {
    expect(settingsFieldOf(path)).toBe(key);
  });
});

describe('limits copied from projectConfigSchema', () => {
  const accepts = (overrides: Partial<ProjectConfig>) => projectConfigSchema.safeParse(generateConfig(overrides)).success;
  const items = (count: number) => Array.from({ length: count }, (_, n) => ({ id: `item-${String(n)}`, label: `Item ${String(n)}`, needsNote: false }));
  it('match the contract at and just past each limit', () => {
    expect(accepts({ manualItems: items(ITEMS_MAX) })).toBe(true);
    expect(accepts({ manualItems: items(ITEMS_MAX + 1) })).toBe(false);
    expect(accepts({ manualItems: [{ id: 'a', label: 'x'.repeat(ITEM_LABEL_MAX), needsNote: false }] })).toBe(true);
    expect(accepts({ manualItems: [{ id: 'a', label: 'x'.repeat(ITEM_LABEL_MAX + 1), needsNote: false }] })).toBe(false);
    expect(accepts({ productionIssueTypes: Array.from({ length: PRODUCTION_TYPES_MAX + 1 }, (_, n) => `Type ${String(n)}`) })).toBe(false);
  });
});

describe('who triages', () => {
  const ROLES = ['Administrators', 'Developers', 'Users'];

  it('ticks and unticks roles in the order Jira lists them, keeping chosen names the project no longer has', () => {
    const config = generateConfig({ triagers: { roles: ['Developers', 'Devs'], groups: [] } });
    expect(roleChoices(config, ROLES)).toEqual(['Administrators', 'Developers', 'Users', 'Devs']);
    expect(toggleTriagerRole(config, 'Administrators', true, ROLES).triagers.roles).toEqual(['Administrators', 'Developers', 'Devs']);
    expect(toggleTriagerRole(config, 'Devs', false, ROLES).triagers.roles).toEqual(['Developers']);
  });

  it('adds groups by name once, and removes them', () => {
    const config = addTriagerGroup(generateConfig(), '  on-call ');
    expect(config.triagers.groups).toEqual(['on-call']);
    expect(checkNewGroup(config, 'ON-CALL')).toBe(TRIAGERS_COPY.groupExists);
    expect(checkNewGroup(config, '   ')).toBe(TRIAGERS_COPY.groupEmpty);
    expect(checkNewGroup(config, 'x'.repeat(TRIAGER_NAME_MAX + 1))).toMatch(/at most/);
    expect(removeTriagerGroup(config, 'on-call').triagers.groups).toEqual([]);
  });

  it('.payload: refuses, like the backend, settings where nobody could triage', () => {
    const nobody = generateConfig({ triagers: { roles: [], groups: [] } });
    expect(validateConfig(nobody)).toEqual({ triagers: TRIAGERS_COPY.nobody });
    expect(projectConfigSchema.safeParse(nobody).success).toBe(false);
    expect(settingsFieldOf('config.triagers.roles')).toBe('triagers');
    const most = generateConfig({ triagers: { roles: [], groups: Array.from({ length: TRIAGER_NAMES_MAX }, (_, index) => `group-${String(index)}`) } });
    expect(projectConfigSchema.safeParse(most).success).toBe(true);
    expect(checkNewGroup(most, 'one-more')).toMatch(/at most 20/);
  });
});
