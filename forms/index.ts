/**
 * forms/ says what is asked and what is valid. The machines, the UI and the server read every
 * declaration from here: field order, French labels and help, and the one validator (ajv
 * standalone code generated from forms/schemas, identical in the browser and on the server).
 */
import type { ErrorObject } from 'ajv';
import * as validators from './generated/validators.js';
import { defs, schemas as schemasJson } from './schemas/index.ts';
import { bornesDates } from './calendrier.ts';
import { jour, lireJour } from './dates.ts';

export type * from './generated/types.ts';

/** SPEC §8 `kind`: the declarations of this product. */
export const declarationKinds = [
  'certificat',
  'augmentation',
  'reduction',
  'depart',
  'double-debut',
  'double-modification',
  'double-fin',
] as const;
export type DeclarationKind = (typeof declarationKinds)[number];

/** French names of the declarations, for titles, history and PDF. */
export const kindLabels: Record<DeclarationKind, string> = {
  certificat: "Certificat d'emploi",
  augmentation: "Changement de situation : augmentation d'activité",
  reduction: "Changement de situation : réduction d'activité",
  depart: "Changement de situation : départ de l'établissement",
  'double-debut': 'Changement de situation : début de double activité',
  'double-modification': 'Changement de situation : modification de la double activité',
  'double-fin': 'Changement de situation : fin de double activité',
};

/** A message for one field, by JSON pointer (`/aideAuPoste`), as in the HTTP contract. */
export interface FieldError {
  path: string;
  message: string;
}

export type Widget = 'montant' | 'pourcentage' | 'entier' | 'date' | 'texte' | 'choix';

/**
 * "Appears when" (jsonforms' rule idea, kept tiny): a field shows when another one is filled,
 * equals a value, differs from a third one, or belongs to a `$defs` enum.
 */
export interface Condition {
  champ: string;
  rempli?: boolean;
  egal?: number | string;
  different?: string;
  $ref?: string;
}

/** A titled block of fields with its own notices (the month's pay of a change of activity). */
export interface Groupe {
  titre?: string;
  notices: string[];
  champs: string[];
}

/** What the generic renderer needs to draw one field. */
export interface FieldDef {
  name: string;
  label: string;
  help?: string;
  widget: Widget;
  required: boolean;
  /** For `choix`: the allowed values and their French labels, in order. */
  options?: { value: string; label: string }[];
  /** Shown only when this holds (absent: always). */
  visibleSi?: Condition;
  /** The block the field opens, when it is the first of one. */
  groupe?: Groupe;
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
  enum?: string[];
  'x-widget'?: Widget;
  'x-help'?: string;
  'x-labels'?: Record<string, string>;
}

interface DeclarationSchema {
  properties: Record<string, PropertySchema>;
  required?: string[];
  allOf?: { $ref?: string }[];
  'x-ui': {
    titre: string;
    order: string[];
    notices: string[];
    groupes?: { titre?: string; notices?: string[]; champs: string[]; visibleSi: Condition }[];
  };
}

const schemas = schemasJson as unknown as Record<DeclarationKind, DeclarationSchema>;

type Def = PropertySchema & { properties?: Record<string, PropertySchema>; required?: string[] };

function def(ref: string): Def {
  const name = ref.split('/').pop() as keyof typeof defs.$defs;
  return defs.$defs[name] as Def;
}

function resolve(prop: PropertySchema): PropertySchema {
  if (!prop.$ref) return prop;
  return { ...resolve(def(prop.$ref)), ...prop };
}

/** A kind's properties and required names, with those of the definitions it includes (allOf). */
function flatten(schema: DeclarationSchema) {
  const properties: Record<string, PropertySchema> = {};
  const required = new Set(schema.required ?? []);
  for (const part of schema.allOf ?? []) {
    if (!part.$ref) continue;
    const included = def(part.$ref);
    Object.assign(properties, included.properties);
    for (const name of included.required ?? []) required.add(name);
  }
  for (const [name, prop] of Object.entries(schema.properties)) {
    properties[name] = { ...properties[name], ...prop };
  }
  return { properties, required };
}

/** The form of a declaration kind, built from its schema's annotations. */
export function formDefinition(kind: DeclarationKind): FormDefinition {
  const schema = schemas[kind];
  const { properties, required } = flatten(schema);
  const groupes = schema['x-ui'].groupes ?? [];
  return {
    kind,
    titre: schema['x-ui'].titre,
    notices: schema['x-ui'].notices,
    fields: schema['x-ui'].order.map((name) => {
      const prop = resolve(properties[name]);
      const groupe = groupes.find((g) => g.champs.includes(name));
      return {
        name,
        label: prop.description ?? name,
        help: prop['x-help'],
        widget: prop['x-widget'] ?? 'texte',
        required: required.has(name),
        options: prop.enum?.map((value) => ({ value, label: prop['x-labels']?.[value] ?? value })),
        visibleSi: groupe?.visibleSi,
        groupe:
          groupe && groupe.champs[0] === name && (groupe.titre || groupe.notices)
            ? { titre: groupe.titre, notices: groupe.notices ?? [], champs: groupe.champs }
            : undefined,
      };
    }),
  };
}

/** Whether a field's condition holds for the data typed so far. */
export function estVisible(field: FieldDef, data: Record<string, unknown>): boolean {
  const c = field.visibleSi;
  if (!c) return true;
  const value = data[c.champ];
  if (c.rempli) return value !== undefined && value !== '';
  if (c.egal !== undefined) return value === c.egal;
  if (c.different) {
    const other = data[c.different];
    return typeof value === 'number' && typeof other === 'number' && value !== other;
  }
  if (c.$ref) return (def(c.$ref).enum ?? []).includes(value as string);
  return true;
}

/** Where an ajv error belongs: the field it names, not the object that holds it. */
function errorPath(error: ErrorObject): string {
  const cause = (error.params as { errors?: ErrorObject[] }).errors?.[0] ?? error;
  const params = cause.params as {
    missingProperty?: string;
    champ?: string;
    additionalProperty?: string;
    unevaluatedProperty?: string;
  };
  const field =
    params.missingProperty ??
    params.champ ??
    params.additionalProperty ??
    params.unevaluatedProperty;
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

const exportName = (kind: string) => kind.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());

/**
 * Validates a declaration's data against its schema: [] when valid. `today` bounds the dates
 * (R-CS-4 not before 2 years ago, R-CS-2 departure not after this month); the server always
 * gives it.
 */
export function validateDeclaration(kind: string, data: unknown, today?: string): FieldError[] {
  if (!(declarationKinds as readonly string[]).includes(kind)) {
    return [{ path: '/kind', message: 'Type de déclaration inconnu.' }];
  }
  const validate = validators[exportName(kind) as keyof typeof validators];
  if (validate.call(today ? bornesDates(today) : {}, data)) return [];
  // In the order a reader meets the fields, as the error summary lists them.
  const order = schemas[kind as DeclarationKind]['x-ui'].order;
  const rank = (e: FieldError) => {
    const i = order.indexOf(e.path.slice(1));
    return i < 0 ? order.length : i;
  };
  return toFieldErrors(validate.errors).sort((a, b) => rank(a) - rank(b));
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
export function checkSaisie(kind: DeclarationKind, saisie: Saisie, today?: string) {
  const definition = formDefinition(kind);
  const data = lireSaisie(definition, saisie);
  // A field the user cannot see is not declared.
  for (const field of definition.fields) {
    if (!estVisible(field, data)) delete data[field.name];
  }
  return { data, errors: validateDeclaration(kind, data, today) };
}

/** Typed text → values: numbers read the French way, dates as ISO, empty fields left out. */
function lireSaisie(definition: FormDefinition, saisie: Saisie): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of definition.fields) {
    const text = (saisie[field.name] ?? '').trim();
    if (text === '') continue;
    if (field.widget === 'montant' || field.widget === 'pourcentage' || field.widget === 'entier') {
      const value = parseNombre(text);
      data[field.name] = Number.isNaN(value) ? text : value;
    } else if (field.widget === 'date') data[field.name] = lireJour(text);
    else data[field.name] = text;
  }
  return data;
}

/** The fields to show for what is typed so far ("appears when"), in display order. */
export function champsVisibles(definition: FormDefinition, saisie: Saisie): FieldDef[] {
  const data = lireSaisie(definition, saisie);
  return definition.fields.filter((field) => estVisible(field, data));
}

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** A value as the récapitulatif and the PDF show it (fr-FR). */
export function formatValeur(field: FieldDef, value: unknown): string {
  if (value === undefined || value === null || value === '') return 'Non renseigné';
  if (typeof value !== 'number') {
    if (field.widget === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(String(value))) {
      return jour(String(value));
    }
    return field.options?.find((o) => o.value === value)?.label ?? String(value);
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
