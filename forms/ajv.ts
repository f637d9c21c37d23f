/**
 * The one place where ajv is configured (jsonforms' createAjv habit). Used by the generator to
 * compile standalone validators, and by tests to check the schemas themselves.
 */
import Ajv2019, { _, type KeywordCxt } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import addErrors from 'ajv-errors';
import defs from './schemas/defs.schema.json' with { type: 'json' };
import certificat from './schemas/certificat.schema.json' with { type: 'json' };

/** Every declaration schema, by kind (SPEC §8 `kind`). */
export const schemas = { certificat } as const;

/** Annotation keywords read by the UI and the machines, ignored by validation. */
const annotations = ['x-ui', 'x-widget', 'x-help', 'x-unit'];

/**
 * `plafond: { champ, max }` — R-CE-4: when both amounts are given, `champ` ≤ `max`
 * (aide au poste ≤ rémunération garantie, which includes it). JSON Schema cannot compare two
 * properties, so it is a named keyword with generated code (standalone-friendly).
 */
function addPlafond(ajv: Ajv2019) {
  ajv.addKeyword({
    keyword: 'plafond',
    type: 'object',
    schemaType: 'object',
    error: {
      message: 'must not exceed its ceiling',
      params: ({ schema }) => _`{champ: ${schema.champ}, max: ${schema.max}}`,
    },
    code(cxt: KeywordCxt) {
      const { data, schema } = cxt;
      const valeur = _`${data}[${schema.champ}]`;
      const max = _`${data}[${schema.max}]`;
      cxt.fail(_`typeof ${valeur} == "number" && typeof ${max} == "number" && ${valeur} > ${max}`);
    },
  });
}

/** A configured ajv with our keywords and formats, every schema added. */
export function createAjv(options: { standalone?: boolean } = {}) {
  const ajv = new Ajv2019({
    allErrors: true,
    strict: true,
    strictRequired: false,
    multipleOfPrecision: 6,
    code: options.standalone ? { source: true, esm: true } : undefined,
  });
  addFormats(ajv, ['date']);
  addErrors(ajv);
  ajv.addVocabulary(annotations);
  addPlafond(ajv);
  ajv.addSchema(defs);
  for (const schema of Object.values(schemas)) ajv.addSchema(schema);
  return ajv;
}
