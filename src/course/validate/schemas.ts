/**
 * The published JSON Schemas (schemas/*.json at the package root) double as the validators, so
 * what editors flag and what `tandem check` reports cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';

export type SchemaName = 'unit' | 'tandem.config' | 'path';

const schemaDir = fileURLToPath(new URL('../../../schemas/', import.meta.url));
const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
const compiled = new Map<SchemaName, ValidateFunction>();

export function schemaValidator(name: SchemaName): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    const schema = JSON.parse(readFileSync(`${schemaDir}${name}.schema.json`, 'utf8'));
    validate = ajv.compile(schema);
    compiled.set(name, validate);
  }
  return validate;
}
