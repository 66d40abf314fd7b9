import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { projectRoot } from '../goals/default-contract';

/** Microsoft's v1.24 manifest schema, vendored so packaging works offline (see manifest/schema/README.md). */
export function manifestSchemaPath(root: string = projectRoot()): string {
  return path.join(root, 'manifest', 'schema', 'MicrosoftTeams.v1.24.schema.json');
}

const validators = new Map<string, ValidateFunction>();

function validatorFor(schemaPath: string): ValidateFunction {
  let validate = validators.get(schemaPath);
  if (validate === undefined) {
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
    // strict: false — the schema uses keywords and formats ajv's strict mode would refuse to compile.
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    validate = ajv.compile(schema);
    validators.set(schemaPath, validate);
  }
  return validate;
}

/** The schema's complaints about `manifest`, one readable line each; [] when it is valid. */
export function manifestSchemaErrors(manifest: unknown, schemaPath: string = manifestSchemaPath()): string[] {
  const validate = validatorFor(schemaPath);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'} ${JSON.stringify(e.params)}`);
}
