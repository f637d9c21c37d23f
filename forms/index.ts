/**
 * forms/ says what is asked and what is valid. The machines, the UI and the server read every
 * declaration from here: field order, French labels and help, and the one validator (ajv
 * standalone code generated from forms/schemas, identical in the browser and on the server).
 */
import type { ErrorObject } from 'ajv';
import * as validators from './generated/validators.js';
import defs from './schemas/defs.schema.json' with { type: 'json' };
import certificat from './schemas/certificat.schema.json' with { type: 'json' };

export type * from './generated/types.ts';

/** SPEC §8 `kind`: the declarations of this product. */
export const declarationKinds = ['certificat'] as const;
export type DeclarationKind = (typeof declarationKinds)[number];

/** French names of the declarations, for titles, history and PDF. */
export const kindLabels: Record<DeclarationKind, string> = {
  certificat: "Certificat d'emploi",
};

/** A message for one field, by JSON pointer (`/aideAuPoste`), as in the HTTP contract. */
export interface FieldError {
  path: string;
  message: string;
}

export type Widget = 'montant' | 'pourcentage' | 'entier' | 'date' | 'texte';

/** What the generic renderer needs to draw one field. */
export interface FieldDef {
  name: string;
  label: string;
  help?: string;
  widget: Widget;
  required: boolean;
}

/** A declaration's form: title, notices, fields in display order. */
export interface FormDefinition {
  kind: DeclarationKind;
  titre: string;
  notices: string[];
  fields: FieldDef[];
}

interface PropertySchema {
  description?: string;
  $ref?: string;
  'x-widget'?: Widget;
  'x-help'?: string;
}

const schemas: Record<DeclarationKind, typeof certificat> = { certificat };

function resolve(prop: PropertySchema): PropertySchema {
  if (!prop.$ref) return prop;
  const name = prop.$ref.split('/').pop() as keyof typeof defs.$defs;
  return { ...(defs.$defs[name] as PropertySchema), ...prop };
}

/** The form of a declaration kind, built from its schema's annotations. */
export function formDefinition(kind: DeclarationKind): FormDefinition {
  const schema = schemas[kind];
  const properties = schema.properties as Record<string, PropertySchema>;
  return {
    kind,
    titre: schema['x-ui'].titre,
    notices: schema['x-ui'].notices,
    fields: schema['x-ui'].order.map((name) => {
      const prop = resolve(properties[name]);
      return {
        name,
        label: prop.description ?? name,
        help: prop['x-help'],
        widget: prop['x-widget'] ?? 'texte',
        required: (schema.required as string[]).includes(name),
      };
    }),
  };
}

/** Where an ajv error belongs: the field it names, not the object that holds it. */
function errorPath(error: ErrorObject): string {
  const cause = (error.params as { errors?: ErrorObject[] }).errors?.[0] ?? error;
  const params = cause.params as {
    missingProperty?: string;
    champ?: string;
    additionalProperty?: string;
  };
  const field = params.missingProperty ?? params.champ ?? params.additionalProperty;
  return field ? `${cause.instancePath}/${field}` : cause.instancePath;
}

/** Turns ajv errors into one French message per field (the first wins, as a user reads it). */
function toFieldErrors(errors: ErrorObject[] | null | undefined): FieldError[] {
  const byPath = new Map<string, string>();
  for (const error of errors ?? []) {
    if (error.keyword === 'if') continue;
    const path = errorPath(error);
    if (!byPath.has(path)) byPath.set(path, error.message ?? 'Valeur invalide.');
  }
  return [...byPath].map(([path, message]) => ({ path, message }));
}

/** Validates a declaration's data against its schema: [] when valid. */
export function validateDeclaration(kind: string, data: unknown): FieldError[] {
  if (!(declarationKinds as readonly string[]).includes(kind)) {
    return [{ path: '/kind', message: 'Type de déclaration inconnu.' }];
  }
  const validate = validators[kind as DeclarationKind];
  return validate(data) ? [] : toFieldErrors(validate.errors);
}

/** What the user typed, field by field, exactly as typed. */
export type Saisie = Record<string, string>;

const nombre = /^[+-]?\d+(?:[.,]\d+)?$/;

/** Reads a French-typed number: « 1 234,56 », « 1234.56 ». NaN when it is not one. */
export function parseNombre(text: string): number {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(/€|%$/, '');
  return nombre.test(compact) ? Number(compact.replace(',', '.')) : Number.NaN;
}

/**
 * From what was typed to the declaration's data, then validated. A field left empty is absent;
 * a number that cannot be read is kept as text, so the schema's type message names it.
 */
export function checkSaisie(kind: DeclarationKind, saisie: Saisie) {
  const data: Record<string, unknown> = {};
  for (const field of formDefinition(kind).fields) {
    const text = (saisie[field.name] ?? '').trim();
    if (text === '') continue;
    if (field.widget === 'montant' || field.widget === 'pourcentage' || field.widget === 'entier') {
      const value = parseNombre(text);
      data[field.name] = Number.isNaN(value) ? text : value;
    } else data[field.name] = text;
  }
  return { data, errors: validateDeclaration(kind, data) };
}

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** A value as the récapitulatif and the PDF show it (fr-FR). */
export function formatValeur(field: FieldDef, value: unknown): string {
  if (value === undefined || value === null || value === '') return 'Non renseigné';
  if (typeof value !== 'number') {
    if (field.widget === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(String(value))) {
      const [y, m, d] = String(value).split('-');
      return `${d}/${m}/${y}`;
    }
    return String(value);
  }
  if (field.widget === 'montant') return euros.format(value);
  if (field.widget === 'pourcentage') return `${decimal.format(value)} %`;
  return decimal.format(value);
}

/** Data back to the text a user would type (the pencil on the récapitulatif keeps the values). */
export function toSaisie(kind: DeclarationKind, data: Record<string, unknown>): Saisie {
  const saisie: Saisie = {};
  for (const field of formDefinition(kind).fields) {
    const value = data[field.name];
    if (value === undefined || value === null) continue;
    saisie[field.name] =
      typeof value === 'number' ? decimal.format(value).replace(/\u202f/g, ' ') : String(value);
  }
  return saisie;
}
