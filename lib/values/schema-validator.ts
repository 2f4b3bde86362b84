// Compiles the chart's values.schema.json once per schema object. Isomorphic.
//
// Helm checks the schema with drafts 04/06/07 (and 2019-09/2020-12 since 3.18); Ajv 8 speaks 07 by
// default, so 2019-09 and 2020-12 get their own Ajv classes and older drafts are read as 07.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

export type SchemaValidator = { ok: true; validate: ValidateFunction } | { ok: false; message: string };

// Keyed by the schema object: the editor and the server keep one schema object per revision.
const compiled = new WeakMap<object, SchemaValidator>();

function createAjv(schema: object) {
  const draft = typeof (schema as { $schema?: unknown }).$schema === 'string' ? (schema as { $schema: string }).$schema : '';
  const options = {
    allErrors: true,
    strict: false,
    // `verbose` hands us the offending value and the schema around it: that is what plain-words
    // messages and "did you mean" suggestions are made from.
    verbose: true,
    // Draft-04/06 meta-schemas are not bundled with Ajv 8; their keywords read the same as 07's.
    validateSchema: !/draft-0[46]/.test(draft),
  };
  if (draft.includes('2020-12')) return new Ajv2020(options);
  if (draft.includes('2019-09')) return new Ajv2019(options);
  return new Ajv(options);
}

/** The compiled validator for `schema`, compiled on first use. A broken schema is a result, not a throw. */
export function getSchemaValidator(schema: object): SchemaValidator {
  const cached = compiled.get(schema);
  if (cached) return cached;
  let result: SchemaValidator;
  try {
    // One Ajv per schema: two revisions of the same schema share an $id, which one Ajv refuses.
    const ajv = createAjv(schema);
    addFormats(ajv);
    result = { ok: true, validate: ajv.compile(schema) };
  } catch (error) {
    result = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  compiled.set(schema, result);
  return result;
}

export type { ErrorObject };
