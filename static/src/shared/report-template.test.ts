import { FIELD_RULES } from '@contract/project-config.contract';
import { CHOICE_LABELS as CONTRACT_CHOICES, EMPTY_REPORT_FIELDS, ENTITY_PROPERTY_MAX_CHARS, REPORT_FIELDS, TRIAGE_LABELS as CONTRACT_TRIAGE } from '@contract/report.contract';
import { describe, expect, it } from 'vitest';

import { DEFAULT_FIELD_RULES } from '../../../src/domain/config/project-config';
import { BUILT_IN_FIELD_RULES, CHOICE_LABELS, EMPTY_FIELDS, PROPERTY_MAX_CHARS, TEMPLATE_FIELDS, TRIAGE_LABELS, fieldLabel } from './report-template';

describe('copies of the contract (kept to keep zod out of the UI bundle)', () => {
  it('lists the template fields with the contract ids, labels and order', () => {
    expect(TEMPLATE_FIELDS).toEqual(REPORT_FIELDS.map(({ id, label }) => ({ id, label })));
  });

  it('matches the empty report, the choice labels, the triage labels and the size limit', () => {
    expect(EMPTY_FIELDS).toEqual(EMPTY_REPORT_FIELDS);
    expect(CHOICE_LABELS).toEqual(CONTRACT_CHOICES);
    expect(TRIAGE_LABELS).toEqual(CONTRACT_TRIAGE);
    expect(PROPERTY_MAX_CHARS).toBe(ENTITY_PROPERTY_MAX_CHARS);
  });

  it('matches the backend default field rules, which use only known rules', () => {
    expect(BUILT_IN_FIELD_RULES).toEqual(DEFAULT_FIELD_RULES);
    expect(Object.values(BUILT_IN_FIELD_RULES).every((rule) => FIELD_RULES.includes(rule))).toBe(true);
  });
});

describe('fieldLabel', () => {
  it('names a field by its label, and an unknown one by its id', () => {
    expect(fieldLabel('actualResult')).toBe('What actually happens');
    expect(fieldLabel('newField')).toBe('newField');
  });
});
