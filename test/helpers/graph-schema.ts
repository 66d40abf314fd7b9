import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../goals/default-contract';

/**
 * Checks JSON we send to Graph against Microsoft's type mappings in ../shared/schemas/graph/
 * (v1.0-entity-types.json, v1.0-complex-types.json: each type's own property names;
 * v1.0-enum-types.json: each enum's members). The files name no base types and no property
 * types, so both are declared here for the types we send — an unmapped nested object is itself
 * reported, so a new field cannot slip through unchecked.
 */

const SCHEMA_DIR = path.resolve(projectRoot(), '..', 'shared', 'schemas', 'graph');

interface TypeMapping {
  navigationProperties: string[];
  properties: string[];
}

function load(file: string): Record<string, unknown> {
  const json = JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), 'utf8')) as Record<string, Record<string, unknown>>;
  const namespace = json['microsoft.graph'];
  if (namespace === undefined) throw new Error(`${file}: no "microsoft.graph" namespace`);
  return namespace;
}

const entityTypes = load('v1.0-entity-types.json') as Record<string, TypeMapping>;
const complexTypes = load('v1.0-complex-types.json') as Record<string, TypeMapping>;
const enumTypes = load('v1.0-enum-types.json') as Record<string, string[]>;

/** Inheritance (from Graph's CSDL), which the mapping files leave out. */
const BASE_TYPE: Record<string, string> = {
  event: 'outlookItem',
  outlookItem: 'entity',
  singleValueLegacyExtendedProperty: 'entity',
  attendee: 'attendeeBase',
  attendeeBase: 'recipient',
};

/** `Type.property` → the property's type: `T`, `T[]`, `enum:E`, `enum:E[]` or `string[]`; other scalars are absent. */
const PROPERTY_TYPE: Record<string, string> = {
  'event.start': 'dateTimeTimeZone',
  'event.end': 'dateTimeTimeZone',
  'event.body': 'itemBody',
  'event.recurrence': 'patternedRecurrence',
  'event.location': 'location',
  'event.attendees': 'attendee[]',
  'event.singleValueExtendedProperties': 'singleValueLegacyExtendedProperty[]',
  'event.importance': 'enum:importance',
  'event.sensitivity': 'enum:sensitivity',
  'event.showAs': 'enum:freeBusyStatus',
  'recipient.emailAddress': 'emailAddress',
  'itemBody.contentType': 'enum:bodyType',
  'patternedRecurrence.pattern': 'recurrencePattern',
  'patternedRecurrence.range': 'recurrenceRange',
  'recurrencePattern.type': 'enum:recurrencePatternType',
  'recurrencePattern.daysOfWeek': 'enum:dayOfWeek[]',
  'recurrencePattern.firstDayOfWeek': 'enum:dayOfWeek',
  'recurrencePattern.index': 'enum:weekIndex',
  'recurrenceRange.type': 'enum:recurrenceRangeType',
  'teamworkActivityTopic.source': 'enum:teamworkActivityTopicSource',
  // The action below is not a type: its parameters come from the API reference
  // (userTeamwork: sendActivityNotification), their types from the mapping files.
  'sendActivityNotification.topic': 'teamworkActivityTopic',
  'sendActivityNotification.previewText': 'itemBody',
  'sendActivityNotification.templateParameters': 'keyValuePair[]',
  // directoryObject: checkMemberGroups — a collection of group ids (Edm.String).
  'checkMemberGroups.groupIds': 'string[]',
};

/** Action parameters (not in the type mappings), from the v1.0 API reference of each action. */
const ACTION_PARAMETERS: Record<string, string[]> = {
  sendActivityNotification: ['topic', 'activityType', 'chainId', 'previewText', 'templateParameters', 'teamsAppId', 'iconId'],
  /** event: cancel */
  cancel: ['comment'],
  /** directoryObject: checkMemberGroups */
  checkMemberGroups: ['groupIds'],
};

/** Properties a writer may send besides the type's own (OData annotations). */
const isAnnotation = (name: string) => name.startsWith('@odata.');

export function propertiesOf(typeName: string): string[] | undefined {
  const action = ACTION_PARAMETERS[typeName];
  if (action !== undefined) return action;
  const own = entityTypes[typeName] ?? complexTypes[typeName];
  if (own === undefined) return undefined;
  const base = BASE_TYPE[typeName];
  return [...own.properties, ...own.navigationProperties, ...(base === undefined ? [] : (propertiesOf(base) ?? []))];
}

export function enumMembers(enumName: string): string[] | undefined {
  return enumTypes[enumName];
}

/** Every problem found in `value` as a `typeName` (empty = all names and enum values are Graph's). */
export function graphBodyProblems(typeName: string, value: unknown, at = typeName): string[] {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${at}: expected an object of type ${typeName}`];
  const known = propertiesOf(typeName);
  if (known === undefined) return [`${at}: type ${typeName} is not in the Graph type mappings`];
  for (const [name, child] of Object.entries(value)) {
    if (isAnnotation(name)) continue;
    if (!known.includes(name)) {
      problems.push(`${at}.${name}: not a property of microsoft.graph.${typeName}`);
      continue;
    }
    const declared = propertyType(typeName, name);
    if (declared === undefined) {
      if (typeof child === 'object' && child !== null) problems.push(`${at}.${name}: an object, but no type is declared for ${typeName}.${name} in graph-schema.ts`);
      continue;
    }
    const isArray = declared.endsWith('[]');
    const element = isArray ? declared.slice(0, -2) : declared;
    const items = isArray ? (Array.isArray(child) ? child : null) : [child];
    if (items === null) {
      problems.push(`${at}.${name}: expected an array`);
      continue;
    }
    items.forEach((item, i) => {
      const where = isArray ? `${at}.${name}[${i}]` : `${at}.${name}`;
      if (element === 'string') {
        if (typeof item !== 'string') problems.push(`${where}: expected a string`);
      } else if (element.startsWith('enum:')) {
        const members = enumMembers(element.slice(5)) ?? [];
        if (typeof item !== 'string' || !members.includes(item)) problems.push(`${where}: ${JSON.stringify(item)} is not a member of ${element.slice(5)}`);
      } else {
        problems.push(...graphBodyProblems(element, item, where));
      }
    });
  }
  return problems;
}

function propertyType(typeName: string, property: string): string | undefined {
  for (let t: string | undefined = typeName; t !== undefined; t = BASE_TYPE[t]) {
    const declared = PROPERTY_TYPE[`${t}.${property}`];
    if (declared !== undefined) return declared;
  }
  return undefined;
}
