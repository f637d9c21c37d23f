/**
 * The JSON Schemas the route definitions share: the error of the contract (SPEC §8), the views
 * of users, workers, declarations, and the query parameters' formats. French messages.
 */
import { declarationKinds } from '../../forms/index.ts';
import { dossiers } from '../../forms/dossiers.ts';

/** `{"error":{"code","message","fields":[{path,message}]}}` (SPEC §8). */
export const erreur = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'Stable code, e.g. `requete-invalide`.' },
        message: { type: 'string', description: 'French text for the user.' },
        fields: {
          type: 'array',
          items: {
            type: 'object',
            required: ['path', 'message'],
            properties: {
              path: { type: 'string', description: 'JSON pointer, e.g. `/aideAuPoste`.' },
              message: { type: 'string' },
            },
          },
        },
      },
    },
  },
} as const;

export const texte = { type: 'string' } as const;
export const jour = { type: 'string', format: 'date' } as const;
export const instant = { type: 'string', description: 'ISO 8601 instant.' } as const;
export const kind = { type: 'string', enum: declarationKinds } as const;
export const etat = { type: 'string', enum: ['a-traiter', 'traitee'] } as const;
export const role = { type: 'string', enum: ['declarant', 'referent', 'agent'] } as const;

/** A query parameter holding a whole number ≥ 1 (an empty one is absent). */
export const entierQ = {
  type: 'string',
  pattern: '^0*[1-9][0-9]{0,8}$',
  errorMessage: 'Un nombre entier positif est attendu.',
} as const;
/** A query parameter holding a year of 4 digits, 2000 to 2100. */
export const anneeQ = {
  type: 'string',
  pattern: '^(20[0-9]{2}|2100)$',
  errorMessage: 'Une année sur 4 chiffres est attendue, par exemple 2026.',
} as const;
/** A query parameter holding a real day `AAAA-MM-JJ`. */
export const jourQ = {
  type: 'string',
  format: 'date',
  errorMessage: 'Une date réelle au format AAAA-MM-JJ est attendue.',
} as const;
export const texteQ = (max = 200) =>
  ({
    type: 'string',
    maxLength: max,
    errorMessage: `Au plus ${max} caractères sont attendus.`,
  }) as const;

export const user = {
  type: 'object',
  required: ['email', 'role', 'mustChangePassword'],
  properties: { email: texte, role, mustChangePassword: { type: 'boolean' } },
} as const;

export const utilisateur = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'role', 'active', 'provisional', 'lastLoginAt'],
  properties: {
    email: texte,
    role: { type: 'string', enum: ['declarant', 'referent'] },
    active: { type: 'boolean' },
    provisional: { type: 'boolean' },
    lastLoginAt: { type: ['string', 'null'] },
  },
} as const;

export const certificatCampagne = {
  type: ['object', 'null'],
  required: ['id', 'submittedAt', 'etat'],
  properties: { id: texte, reference: texte, submittedAt: instant, etat },
} as const;

export const travailleur = {
  type: 'object',
  required: ['id', 'nom', 'prenom', 'numeroAllocataire', 'dateNaissance', 'caf'],
  properties: {
    id: texte,
    nom: texte,
    prenom: texte,
    numeroAllocataire: texte,
    dateNaissance: jour,
    dossier: { type: 'string', enum: dossiers },
    caf: { type: 'string', description: 'The code of the Caf of the worker’s file.' },
    certificat: certificatCampagne,
  },
} as const;

export const brouillon = {
  type: 'object',
  required: ['teleprocedure', 'reponses', 'saisie', 'updatedAt'],
  properties: {
    teleprocedure: { type: 'string', enum: ['certificat', 'changement'] },
    kind,
    reponses: { type: 'object', additionalProperties: { type: 'string', enum: ['oui', 'non'] } },
    saisie: { type: 'object', additionalProperties: texte },
    updatedAt: instant,
  },
} as const;

export const accuse = {
  type: 'object',
  required: ['id', 'kind', 'workerId', 'submittedAt'],
  properties: {
    id: texte,
    reference: { type: 'string', description: 'The short reference, e.g. `CE-2026-000123`.' },
    kind,
    workerId: texte,
    submittedAt: instant,
  },
} as const;

export const suivi = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['year', 'deadline', 'attendus', 'declares', 'restants', 'relance'],
  properties: {
    year: { type: 'integer' },
    deadline: jour,
    attendus: { type: 'integer' },
    declares: { type: 'integer' },
    restants: { type: 'integer' },
    relance: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['at', 'manquants'],
      properties: { at: instant, manquants: { type: 'integer' } },
    },
  },
} as const;

/** An API token as the référent's routes answer it (R-API-2), never its secret. */
export const jeton = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'name',
    'createdBy',
    'createdAt',
    'expiresAt',
    'lastUsedAt',
    'revoked',
    'revokedAt',
    'expired',
  ],
  properties: {
    id: texte,
    name: texte,
    createdBy: texte,
    createdAt: instant,
    expiresAt: jour,
    lastUsedAt: { type: ['string', 'null'], description: 'ISO 8601 instant, to the minute.' },
    revoked: { type: 'boolean' },
    revokedAt: { type: ['string', 'null'] },
    expired: { type: 'boolean' },
  },
} as const;

/** An object whose properties are described by the route's answers in the code (open). */
export const objet = { type: 'object' } as const;
export const liste = { type: 'array', items: { type: 'object' } } as const;
