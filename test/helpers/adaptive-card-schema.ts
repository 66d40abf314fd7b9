import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import draft06MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json';
import { projectRoot } from '../../goals/default-contract';
import { cardBytes, MAX_CARD_BYTES } from '../../core/card-budget';

/**
 * Checks for every card the bot sends: valid against Microsoft's Adaptive Card 1.5 schema
 * (the highest version Teams accepts from bots), small enough for a Teams message, and free of
 * unexpanded template expressions.
 */

export const ADAPTIVE_CARD_SCHEMA_PATH = path.resolve(projectRoot(), '..', 'shared', 'schemas', 'adaptive-cards', 'adaptive-card-1.5.schema.json');

/** Teams refuses messages over ~100 KB; the platform notes ask cards to stay under 80 KB (the bot's own budget, core/card-budget.ts). */
export { MAX_CARD_BYTES };

let validator: ValidateFunction | undefined;

function compile(): ValidateFunction {
  const schema = JSON.parse(readFileSync(ADAPTIVE_CARD_SCHEMA_PATH, 'utf8')) as { id?: string } & Record<string, unknown>;
  // The schema is draft-06 and names itself with `id`; ajv 8 reads `$id`.
  const { id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addMetaSchema(draft06MetaSchema);
  return ajv.compile({ $id: id, ...rest });
}

export function adaptiveCardValidator(): ValidateFunction {
  validator ??= compile();
  return validator;
}

/** Throws with ajv's errors when `card` is not a valid Adaptive Card 1.5. */
export function assertValidCard(card: unknown): void {
  const validate = adaptiveCardValidator();
  if (!validate(card)) {
    const errors = (validate.errors ?? []).slice(0, 20).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    throw new Error(`Kortet er ikke gyldigt mod Adaptive Card 1.5-skemaet:\n${errors.join('\n')}`);
  }
  const version = (card as { version?: unknown }).version;
  if (version !== '1.5') throw new Error(`Kortets version er ${String(version)}, forventet "1.5"`);
}

/** Throws when the serialised card is 80 KB or more. */
export function assertCardSize(card: unknown): void {
  const bytes = cardBytes(card);
  if (bytes >= MAX_CARD_BYTES) throw new Error(`Kortet fylder ${bytes} bytes; grænsen er ${MAX_CARD_BYTES}`);
}

/** Throws when "${" survives anywhere in the card (an unexpanded or injected template expression). */
export function assertNoTemplateLeftovers(card: unknown): void {
  const json = JSON.stringify(card);
  const at = json.indexOf('${');
  if (at !== -1) throw new Error(`Skabelonrest "\${" i kortet: …${json.slice(Math.max(0, at - 60), at + 60)}…`);
}

/** All three checks. */
export function assertSendableCard(card: unknown): void {
  assertValidCard(card);
  assertCardSize(card);
  assertNoTemplateLeftovers(card);
}
