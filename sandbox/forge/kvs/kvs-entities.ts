/**
 * Custom entity schemas as declared in manifest.yml `app.storage.entities`, and the value checks
 * the Custom Entity Store applies on write.
 *
 * @see https://developer.atlassian.com/platform/forge/runtime-reference/custom-entities/
 * @see https://developer.atlassian.com/platform/forge/storage-reference/storage-api-custom-entities/
 */
import { badRequest } from './kvs-errors';
import { isRecord } from './kvs-validation';

export type EntityAttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'any';

export interface EntityDefinition {
  name: string;
  attributes: Record<string, { type: EntityAttributeType }>;
  indexes?: Array<string | { name: string; range: string[]; partition?: string[] }>;
}

export interface EntityIndex {
  name: string;
  /** the single range attribute results are sorted by and `where` applies to */
  range: string;
  /** attributes whose values a query must name exactly (may be empty) */
  partition: string[];
}

export interface EntitySchema {
  name: string;
  attributes: ReadonlyMap<string, EntityAttributeType>;
  attributeNames: ReadonlySet<string>;
  indexes: ReadonlyMap<string, EntityIndex>;
}

/** Per-app limits (limits-kvs-ce): 20 entities, 7 indexes and 50 attributes per entity. */
const MAX_ENTITIES = 20;
const MAX_INDEXES = 7;
const MAX_ATTRIBUTES = 50;
const ATTRIBUTE_TYPES: ReadonlySet<string> = new Set(['string', 'integer', 'float', 'boolean', 'any']);
const ENTITY_NAME_PATTERN = /^(?![_.-])(?!.*\.{2})[a-z0-9:\-_.]*(?<![.])$/;
const ATTRIBUTE_NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]{0,29}$/;
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

/**
 * Turns manifest declarations into schemas. A bad declaration throws a plain Error at construction:
 * it is a bug in the manifest (which `forge deploy` would reject), not a runtime storage error.
 */
export function buildSchemas(definitions: readonly EntityDefinition[]): Map<string, EntitySchema> {
  if (definitions.length > MAX_ENTITIES) throw new Error(`At most ${MAX_ENTITIES} custom entities are allowed.`);
  const schemas = new Map<string, EntitySchema>();
  for (const def of definitions) {
    // same rules as @forge/manifest's schema (app.storage.entities[].name)
    if (!ENTITY_NAME_PATTERN.test(def.name) || def.name.length < 3 || def.name.length > 60) {
      throw new Error(`Entity name "${def.name}" must be 3-60 characters of a-z 0-9 : - _ . (manifest schema).`);
    }
    if (schemas.has(def.name)) throw new Error(`Entity "${def.name}" is declared twice.`);
    const attributes = new Map<string, EntityAttributeType>();
    for (const [attr, spec] of Object.entries(def.attributes)) {
      if (!ATTRIBUTE_NAME_PATTERN.test(attr)) throw new Error(`Entity "${def.name}" attribute name "${attr}" is invalid (manifest schema).`);
      if (!ATTRIBUTE_TYPES.has(spec.type)) throw new Error(`Entity "${def.name}" attribute "${attr}" has unknown type "${spec.type}".`);
      attributes.set(attr, spec.type);
    }
    if (attributes.size > MAX_ATTRIBUTES) throw new Error(`Entity "${def.name}" has more than ${MAX_ATTRIBUTES} attributes.`);
    const indexes = new Map<string, EntityIndex>();
    for (const raw of def.indexes ?? []) {
      // a bare attribute name is shorthand for an index of that name ranged on that attribute
      const index: EntityIndex =
        typeof raw === 'string' ? { name: raw, range: raw, partition: [] } : { name: raw.name, range: raw.range[0] ?? '', partition: raw.partition ?? [] };
      if (typeof raw !== 'string' && raw.range.length !== 1) {
        throw new Error(`Entity "${def.name}" index "${raw.name}" must have exactly one range attribute.`);
      }
      for (const attr of [index.range, ...index.partition]) {
        const type = attributes.get(attr);
        if (type === undefined) throw new Error(`Entity "${def.name}" index "${index.name}" uses undeclared attribute "${attr}".`);
        if (type === 'any') throw new Error(`Entity "${def.name}" index "${index.name}" cannot index "${attr}" of type any.`);
      }
      if (indexes.has(index.name)) throw new Error(`Entity "${def.name}" declares index "${index.name}" twice.`);
      indexes.set(index.name, index);
    }
    if (indexes.size > MAX_INDEXES) throw new Error(`Entity "${def.name}" has more than ${MAX_INDEXES} indexes.`);
    schemas.set(def.name, { name: def.name, attributes, attributeNames: new Set(attributes.keys()), indexes });
  }
  return schemas;
}

function matchesType(type: EntityAttributeType, value: unknown): boolean {
  switch (type) {
    case 'any':
      return true;
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      // "Must be a 32-bit signed integer" (storage-api-custom-entities, type requirements)
      return typeof value === 'number' && Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
    case 'float':
      return typeof value === 'number' && Number.isFinite(value);
  }
}

/**
 * An entity value is an object of declared attributes, each of its declared type. Undeclared
 * attributes are rejected: the store could not index or filter on them, and accepting them
 * silently would let the manifest and the code drift apart unnoticed.
 */
export function validateEntityValue(schema: EntitySchema, value: unknown): Record<string, unknown> {
  if (!isRecord(value)) {
    throw badRequest('INVALID_ENTITY_VALUE', `A "${schema.name}" entity value must be an object of attributes.`);
  }
  for (const [attr, attrValue] of Object.entries(value)) {
    const type = schema.attributes.get(attr);
    if (type === undefined) {
      throw badRequest('INVALID_ENTITY_VALUE', `Attribute "${attr}" is not declared for entity "${schema.name}" in manifest.yml.`);
    }
    if (!matchesType(type, attrValue)) {
      throw badRequest('INVALID_ENTITY_VALUE', `Attribute "${schema.name}.${attr}" must be of type ${type}, got ${JSON.stringify(attrValue)}.`);
    }
  }
  return value;
}
