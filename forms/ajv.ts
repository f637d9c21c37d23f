/**
 * The one place where ajv is configured (jsonforms' createAjv habit). Used by the generator to
 * compile standalone validators, and by tests to check the schemas themselves.
 */
import Ajv2019, { _, type Code, type KeywordCxt } from 'ajv/dist/2019.js';
import namesModule from 'ajv/dist/compile/names.js';
import addFormats from 'ajv-formats';
import addErrors from 'ajv-errors';
import { defs, schemas } from './schemas/index.ts';

// CommonJS default export, seen differently by tsx and Vite.
const names = (namesModule as unknown as { default?: typeof namesModule }).default ?? namesModule;

export { schemas };

/** Annotation keywords read by the UI and the machines, ignored by validation. */
const annotations = ['x-ui', 'x-widget', 'x-help', 'x-unit', 'x-labels'];

const operateurs: Record<string, (a: Code, b: Code) => Code> = {
  '<': (a, b) => _`${a} < ${b}`,
  '<=': (a, b) => _`${a} <= ${b}`,
  '>': (a, b) => _`${a} > ${b}`,
  '>=': (a, b) => _`${a} >= ${b}`,
  '!=': (a, b) => _`${a} !== ${b}`,
};

/**
 * `comparer: { champ, op, reference }` — a rule between two fields of the same declaration,
 * checked when both are given: R-CE-4 aide au poste <= rémunération garantie, R-CS-1 new rate
 * vs old rate, R-CS-2 return date after departure. JSON Schema cannot compare two properties,
 * so it is a named keyword with generated code (standalone-friendly). The error names `champ`.
 */
function addComparer(ajv: Ajv2019) {
  ajv.addKeyword({
    keyword: 'comparer',
    type: 'object',
    schemaType: 'object',
    error: {
      message: 'comparison failed',
      params: ({ schema }) => _`{champ: ${schema.champ}, reference: ${schema.reference}}`,
    },
    code(cxt: KeywordCxt) {
      const { data, schema } = cxt;
      const op = operateurs[schema.op];
      if (!op) throw new Error(`comparer: unknown op ${schema.op}`);
      const a = _`${data}[${schema.champ}]`;
      const b = _`${data}[${schema.reference}]`;
      const comparable = _`(typeof ${a} == "number" || typeof ${a} == "string") && typeof ${a} == typeof ${b}`;
      cxt.fail(_`${comparable} && !(${op(a, b)})`);
    },
  });
}

/**
 * `dateBornee: { min?: "deuxAns", max?: "finDuMois" }` — R-CS-4 / R-CS-2 dates relative to
 * today. Today is never read here: the caller passes the bounds as the validation context
 * (`validate.call({ deuxAns, finDuMois }, data)`, ajv option passContext).
 */
function addDateBornee(ajv: Ajv2019) {
  ajv.addKeyword({
    keyword: 'dateBornee',
    type: 'string',
    schemaType: 'object',
    error: {
      message: 'date out of bounds',
      params: ({ schema }) => _`{bornes: ${JSON.stringify(schema)}}`,
    },
    code(cxt: KeywordCxt) {
      const { data, schema } = cxt;
      const ctx = names.this;
      const checks: Code[] = [];
      if (schema.min)
        checks.push(_`(${ctx} && ${ctx}[${schema.min}] && ${data} < ${ctx}[${schema.min}])`);
      if (schema.max)
        checks.push(_`(${ctx} && ${ctx}[${schema.max}] && ${data} > ${ctx}[${schema.max}])`);
      cxt.fail(checks.reduce((all, c) => _`${all} || ${c}`));
    },
  });
}

/** A configured ajv with our keywords and formats, every schema added. */
export function createAjv(options: { standalone?: boolean; unionTypes?: boolean } = {}) {
  const ajv = new Ajv2019({
    // The HTTP contract's schemas (server/contract/) say `type: ['string', 'null']`.
    allowUnionTypes: options.unionTypes ?? false,
    allErrors: true,
    strict: true,
    strictRequired: false,
    multipleOfPrecision: 6,
    passContext: true,
    code: options.standalone ? { source: true, esm: true } : undefined,
  });
  addFormats(ajv, ['date']);
  addErrors(ajv);
  ajv.addVocabulary(annotations);
  addComparer(ajv);
  addDateBornee(ajv);
  ajv.addSchema(defs);
  for (const schema of Object.values(schemas)) ajv.addSchema(schema);
  return ajv;
}
