/**
 * Every route of the HTTP API, defined once (issue 15): the route modules validate with these
 * definitions (`contrat(def)`), `GET /api/openapi.json` is generated from them, the contract
 * tests walk them. Grouped as the route modules are.
 */
import { declarationKinds } from '../../forms/index.ts';
import { champsImport } from '../../forms/import.ts';
import { trisCampagne } from '../caf-store.ts';
import { champsDeSaisie, clesDeReponses, EMAIL } from '../context.ts';
import * as vues from './caf.ts';
import { route } from './definir.ts';
import {
  accuse,
  anneeQ,
  brouillon,
  entierQ,
  etat,
  instant,
  jeton,
  jour,
  jourQ,
  liste,
  objet,
  suivi,
  texte,
  texteQ,
  travailleur,
  user,
  utilisateur,
} from './schemas.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const pdf = { description: 'The PDF récapitulatif.', media: ['application/pdf'] };
const vide = { description: 'Done, no content.' };
/** An e-mail as a référent types it (server/context.ts EMAIL), spaces around allowed. */
const email = {
  type: 'string',
  maxLength: 254,
  pattern: `^\\s*${EMAIL.source.slice(1, -1)}\\s*$`,
  errorMessage: 'Saisissez une adresse e-mail valide, par exemple prenom.nom@esat.fr.',
} as const;

// —— Session, password, profile, CGU, calendar (routes/session.ts, routes/presence.ts)
const session = {
  presence: route({
    method: 'get',
    path: '/api/session',
    tag: 'Session',
    summary: 'Whether this browser has a live session (always 200, never prolongs it)',
    acces: 'public',
    reponses: {
      200: {
        description: 'Presence',
        schema: {
          type: 'object',
          required: ['authenticated'],
          properties: { authenticated: { type: 'boolean' } },
        },
      },
    },
  }),
  connexion: route({
    method: 'post',
    path: '/api/session',
    tag: 'Session',
    summary: 'Log in (R-AC-4 throttle): sets the session cookie, gives the CSRF token',
    acces: 'public',
    body: {
      type: 'object',
      required: ['email', 'password'],
      properties: { email: texte, password: texte },
    },
    reponses: {
      200: {
        description: 'Logged in',
        schema: {
          type: 'object',
          required: ['user', 'csrfToken'],
          properties: { user, csrfToken: texte },
        },
      },
    },
    erreurs: { 401: ['identifiants-invalides'], 429: ['trop-de-tentatives'] },
  }),
  deconnexion: route({
    method: 'delete',
    path: '/api/session',
    tag: 'Session',
    summary: 'Log out',
    acces: 'public',
    reponses: { 204: vide },
    erreurs: { 403: ['csrf'] },
  }),
  motDePasse: route({
    method: 'post',
    path: '/api/password',
    tag: 'Session',
    summary: 'Change the password (R-AC-2, R-AC-4); every other session ends',
    acces: 'session',
    body: {
      type: 'object',
      required: ['currentPassword', 'newPassword'],
      properties: { currentPassword: texte, newPassword: texte },
    },
    regles: [
      {
        code: 'mot-de-passe-incorrect',
        schema: {
          type: 'object',
          properties: {
            currentPassword: {
              type: 'string',
              minLength: 1,
              errorMessage: 'Saisissez votre mot de passe actuel.',
            },
          },
        },
      },
    ],
    reponses: {
      200: {
        description: 'Changed; a new session',
        schema: {
          type: 'object',
          required: ['user', 'csrfToken'],
          properties: { user, csrfToken: texte },
        },
      },
    },
    erreurs: {
      422: ['mot-de-passe-incorrect', 'mot-de-passe-refuse'],
      429: ['trop-de-tentatives'],
    },
  }),
  oubli: route({
    method: 'post',
    path: '/api/password/forgot',
    tag: 'Session',
    summary: '« Mot de passe oublié ? » (R-AC-3): 202, always',
    acces: 'public',
    body: { type: 'object', required: ['email'], properties: { email: texte } },
    reponses: { 202: { description: 'Accepted', schema: { type: 'object' } } },
    erreurs: { 429: ['trop-de-demandes'] },
  }),
  profil: route({
    method: 'get',
    path: '/api/me',
    tag: 'Session',
    summary: 'The user, its Esat, the CGU, the idle limit, the CSRF token',
    acces: 'session',
    reponses: {
      200: {
        description: 'Profile',
        schema: {
          type: 'object',
          required: ['user', 'esat', 'cguAccepted', 'session', 'csrfToken'],
          properties: {
            user,
            esat: {
              type: ['object', 'null'],
              required: ['siret', 'name', 'address'],
              properties: { siret: texte, name: texte, address: texte },
            },
            cguAccepted: { type: 'boolean' },
            session: {
              type: 'object',
              required: ['idleMinutes'],
              properties: { idleMinutes: { type: 'number' } },
            },
            csrfToken: texte,
          },
        },
      },
    },
  }),
  cgu: route({
    method: 'post',
    path: '/api/cgu',
    tag: 'Session',
    summary: 'Accept both CGU (R-AC-5)',
    acces: 'session',
    body: {
      type: 'object',
      required: ['accept'],
      properties: { accept: { const: true } },
    },
    reponses: {
      200: {
        description: 'Accepted',
        schema: {
          type: 'object',
          required: ['cguAccepted'],
          properties: { cguAccepted: { const: true } },
        },
      },
    },
  }),
  calendrier: route({
    method: 'get',
    path: '/api/calendar',
    tag: 'Session',
    summary: 'Today and the certificat’s campaign (R-CE-1)',
    acces: 'public',
    reponses: {
      200: {
        description: 'Calendar',
        schema: {
          type: 'object',
          required: ['today', 'certificatOpen', 'campaign'],
          properties: {
            today: jour,
            certificatOpen: { type: 'boolean' },
            campaign: {
              type: 'object',
              required: ['year', 'opens', 'closes'],
              properties: { year: { type: 'integer' }, opens: jour, closes: jour },
            },
          },
        },
      },
    },
  }),
};

// —— The Espace Esat (routes/esat.ts)
const saisieTextes = (names: Set<string>) =>
  ({
    type: 'object',
    propertyNames: { enum: [...names] as readonly string[] },
    additionalProperties: { type: 'string', maxLength: 500 },
  }) as const;
const reponsesTextes = (names: Set<string>) =>
  ({
    type: 'object',
    propertyNames: { enum: [...names] as readonly string[] },
    additionalProperties: { type: 'string', enum: ['oui', 'non'] },
  }) as const;
const esat = {
  cafs: route({
    method: 'get',
    path: '/api/cafs',
    tag: 'Espace Esat',
    summary: 'The Caf of the user’s Esat, default first (R-FL-1, R-AC-7, R-CA-8)',
    acces: 'esat',
    reponses: {
      200: {
        description: 'The Caf',
        schema: {
          type: 'array',
          items: {
            type: 'object',
            required: ['code', 'name', 'workerCount', 'identifiantRequis', 'suivi'],
            properties: {
              code: texte,
              name: texte,
              workerCount: { type: 'integer' },
              identifiantRequis: { type: 'boolean' },
              suivi,
            },
          },
        },
      },
    },
  }),
  identifiant: route({
    method: 'post',
    path: '/api/cafs/:code/identifiant',
    tag: 'Espace Esat',
    summary: 'The identifiant de communication of a Caf that does not know the SIRET (R-AC-7)',
    acces: 'esat',
    body: { type: 'object', required: ['identifiant'], properties: { identifiant: texte } },
    reponses: {
      200: {
        description: 'Given',
        schema: {
          type: 'object',
          required: ['code', 'identifiantRequis'],
          properties: { code: texte, identifiantRequis: { const: false } },
        },
      },
    },
    erreurs: {
      404: ['caf-inconnue', 'identifiant-inconnu'],
      422: ['identifiant-invalide'],
      429: ['trop-de-tentatives'],
    },
  }),
  travailleurs: route({
    method: 'get',
    path: '/api/workers',
    tag: 'Espace Esat',
    summary: 'Mes travailleurs (R-FL-2): search, one Caf, pages of at most 100',
    acces: 'esat',
    query: {
      type: 'object',
      properties: {
        caf: texte,
        q: texte,
        page: entierQ,
        pageSize: entierQ,
        sansCertificat: {
          type: 'string',
          enum: ['0', '1'],
          errorMessage: 'La valeur 1 (ou 0) est attendue.',
        },
      },
    },
    reponses: {
      200: {
        description: 'One page',
        schema: {
          type: 'object',
          required: ['items', 'total', 'page', 'pageSize'],
          properties: {
            items: { type: 'array', items: travailleur },
            total: { type: 'integer' },
            page: { type: 'integer' },
            pageSize: { type: 'integer' },
          },
        },
      },
    },
    erreurs: { 403: ['identifiant-requis'], 404: ['caf-inconnue'] },
  }),
  fiche: route({
    method: 'get',
    path: '/api/workers/:id',
    tag: 'Espace Esat',
    summary: 'The fiche travailleur (R-FL-4): two rolling years of history, the draft, the partner',
    acces: 'esat',
    reponses: {
      200: {
        description: 'The worker',
        schema: {
          type: 'object',
          required: [...travailleur.required, 'history'],
          properties: {
            ...travailleur.properties,
            conjoint: travailleur,
            history: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'kind', 'submittedAt'],
                properties: {
                  id: texte,
                  kind: texte,
                  submittedAt: instant,
                  reference: texte,
                  etat,
                  traiteeLe: { type: ['string', 'null'] },
                },
              },
            },
            brouillon,
          },
        },
      },
    },
    erreurs: { 403: ['identifiant-requis'], 404: ['travailleur-inconnu'] },
  }),
  brouillons: route({
    method: 'get',
    path: '/api/drafts',
    tag: 'Espace Esat',
    summary: 'The user’s drafts (R-SE-2)',
    acces: 'esat',
    reponses: {
      200: {
        description: 'Drafts, oldest first',
        schema: {
          type: 'array',
          items: {
            type: 'object',
            required: [...brouillon.required, 'travailleur'],
            properties: { ...brouillon.properties, travailleur },
          },
        },
      },
    },
  }),
  garderBrouillon: route({
    method: 'put',
    path: '/api/drafts/:workerId',
    tag: 'Espace Esat',
    summary: 'Keeps the declaration being typed (R-SE-2): only the forms’ field names',
    acces: 'esat',
    body: {
      type: 'object',
      required: ['teleprocedure', 'saisie'],
      properties: {
        teleprocedure: { type: 'string', enum: ['certificat', 'changement'] },
        kind: { type: 'string', enum: declarationKinds },
        saisie: saisieTextes(champsDeSaisie),
        reponses: reponsesTextes(clesDeReponses),
      },
    },
    reponses: { 204: vide },
    erreurs: { 403: ['identifiant-requis'], 404: ['travailleur-inconnu'] },
  }),
  supprimerBrouillon: route({
    method: 'delete',
    path: '/api/drafts/:workerId',
    tag: 'Espace Esat',
    summary: 'Deletes the user’s draft for this worker',
    acces: 'esat',
    reponses: { 204: vide },
    erreurs: { 404: ['travailleur-inconnu'] },
  }),
};

// —— The référent's users (routes/users.ts)
const users = {
  liste: route({
    method: 'get',
    path: '/api/users',
    tag: 'Utilisateurs',
    summary: 'The users of the Esat',
    acces: 'referent',
    reponses: { 200: { description: 'Users', schema: { type: 'array', items: utilisateur } } },
  }),
  creer: route({
    method: 'post',
    path: '/api/users',
    tag: 'Utilisateurs',
    summary: 'Creates a user; the provisional password goes by mail',
    acces: 'referent',
    body: {
      type: 'object',
      required: ['email', 'role'],
      properties: { email: texte, role: texte },
    },
    regles: [
      {
        code: 'utilisateur-invalide',
        schema: {
          type: 'object',
          properties: {
            email,
            role: {
              enum: ['declarant', 'referent'],
              errorMessage: 'Choisissez le rôle : déclarant ou référent.',
            },
          },
        },
      },
    ],
    reponses: { 201: { description: 'Created', schema: utilisateur } },
    erreurs: { 409: ['utilisateur-existant'] },
  }),
  activer: route({
    method: 'patch',
    path: '/api/users/:email',
    tag: 'Utilisateurs',
    summary: 'Deactivates (its sessions end) or reactivates a user',
    acces: 'referent',
    body: {
      type: 'object',
      required: ['active'],
      properties: { active: { type: 'boolean' } },
    },
    reponses: { 200: { description: 'Changed', schema: utilisateur } },
    erreurs: { 404: ['utilisateur-inconnu'], 409: ['desactivation-impossible'] },
  }),
};

// —— Declarations (routes/declarations.ts)
const declarations = {
  declarer: route({
    method: 'post',
    path: '/api/declarations',
    tag: 'Déclarations',
    summary: 'Records one declaration (R-CE, R-CS, R-WK, R-FL-6); its accusé de réception',
    description:
      '`data` holds the fields of the kind’s form (the schemas of forms/, components `formulaire-*`): a broken rule answers 422 `validation` with one message per field.',
    acces: 'esat',
    entetes: { 'Idempotency-Key': 'The same key sent again answers the first record (R-FL-6).' },
    body: {
      type: 'object',
      required: ['workerId', 'kind', 'data'],
      properties: {
        workerId: { type: 'string', errorMessage: 'Identifiant du travailleur attendu.' },
        kind: {
          type: 'string',
          enum: declarationKinds,
          errorMessage: 'Type de déclaration inconnu.',
        },
        data: { type: 'object', errorMessage: 'Les données de la déclaration sont attendues.' },
      },
      errorMessage: {
        required: {
          workerId: 'Identifiant du travailleur attendu.',
          kind: 'Type de déclaration inconnu.',
          data: 'Les données de la déclaration sont attendues.',
        },
      },
    },
    reponses: { 201: { description: 'Recorded (or replayed)', schema: accuse } },
    erreurs: {
      403: ['identifiant-requis'],
      404: ['travailleur-inconnu'],
      409: ['certificat-deja-declare', 'idempotence-conflit'],
      422: ['validation', 'campagne-fermee', 'dossier-bloque'],
    },
  }),
  pdf: route({
    method: 'get',
    path: '/api/declarations/:id/pdf',
    tag: 'Déclarations',
    summary: 'The PDF récapitulatif',
    acces: 'esat',
    reponses: { 200: pdf },
    erreurs: { 404: ['declaration-inconnue'] },
  }),
  avis: route({
    method: 'post',
    path: '/api/declarations/:id/avis',
    tag: 'Déclarations',
    summary: 'The avis of the Fin page (R-FL-5): a note 1–5 and/or a comment',
    acces: 'esat',
    body: {
      type: 'object',
      properties: { note: { type: 'number' }, commentaire: texte },
    },
    regles: [
      {
        code: 'validation',
        message: "L'avis comporte des erreurs.",
        schema: {
          type: 'object',
          properties: {
            note: {
              type: 'integer',
              minimum: 1,
              maximum: 5,
              errorMessage: 'La note est un nombre entier de 1 à 5.',
            },
            commentaire: {
              type: 'string',
              maxLength: 2000,
              errorMessage: 'Le commentaire comporte au plus 2 000 caractères.',
            },
          },
          anyOf: [
            { required: ['note'] },
            {
              required: ['commentaire'],
              properties: { commentaire: { type: 'string', pattern: '\\S' } },
            },
          ],
          errorMessage: { anyOf: 'Donnez une note ou un commentaire.' },
        },
      },
    ],
    reponses: {
      201: {
        description: 'Recorded',
        schema: {
          type: 'object',
          required: ['declarationId'],
          properties: { declarationId: texte },
        },
      },
    },
    erreurs: { 404: ['declaration-inconnue'], 409: ['avis-deja-donne'] },
  }),
};

// —— The agent Caf (routes/caf.ts)
const filtre = {
  kind: { type: 'string', enum: declarationKinds, errorMessage: 'Type de déclaration inconnu.' },
  esat: texteQ(14),
  from: jourQ,
  to: jourQ,
  etat: {
    type: 'string',
    enum: ['a-traiter', 'traitee'],
    errorMessage: 'État attendu : « a-traiter » ou « traitee ».',
  },
} as const;
/** R-CA-3: `to` is not before `from` (the `comparer` keyword of forms/ajv.ts). */
const periode = {
  comparer: { champ: 'to', op: '>=', reference: 'from' },
  errorMessage: { comparer: 'La date de fin est avant la date de début.' },
} as const;
const format = {
  type: 'string',
  enum: ['csv', 'xlsx', 'json'],
  errorMessage: 'Format attendu : « csv », « xlsx » ou « json ».',
} as const;
const caf = {
  avis: route({
    method: 'get',
    path: '/api/avis',
    tag: 'Caf',
    summary: 'The avis given on declarations to this Caf (R-FL-5)',
    acces: 'agent',
    reponses: { 200: { description: 'Avis', schema: liste } },
  }),
  campagne: route({
    method: 'get',
    path: '/api/caf/campagne',
    tag: 'Caf',
    summary: 'The campaign (R-CA-1): totals, one row per Esat, the daily curves',
    acces: 'agent',
    query: {
      type: 'object',
      properties: {
        year: anneeQ,
        sort: {
          type: 'string',
          enum: trisCampagne,
          errorMessage: `Tri attendu : ${trisCampagne.map((t) => `« ${t} »`).join(', ')}.`,
        },
        q: texteQ(200),
        page: entierQ,
        pageSize: entierQ,
      },
    },
    reponses: { 200: { description: 'The campaign', schema: vues.campagne } },
  }),
  ficheEsat: route({
    method: 'get',
    path: '/api/caf/esats/:siret',
    tag: 'Caf',
    summary: 'The fiche Esat (R-CA-2)',
    acces: 'agent',
    query: { type: 'object', properties: { year: anneeQ } },
    reponses: {
      200: { description: 'The Esat', schema: vues.ficheEsat },
    },
    erreurs: { 404: ['esat-inconnu'] },
  }),
  declarations: route({
    method: 'get',
    path: '/api/caf/declarations',
    tag: 'Caf',
    summary: 'The declarations received, newest first (R-CA-3)',
    acces: 'agent',
    query: {
      type: 'object',
      properties: { page: entierQ, pageSize: entierQ, ...filtre },
      ...periode,
    },
    reponses: {
      200: { description: 'One page', schema: vues.pageDeclarations },
    },
    erreurs: { 404: ['esat-inconnu'] },
  }),
  declaration: route({
    method: 'get',
    path: '/api/caf/declarations/:id',
    tag: 'Caf',
    summary: 'One declaration with all its values and its état history',
    acces: 'agent',
    reponses: { 200: { description: 'The declaration', schema: vues.declarationDetail } },
    erreurs: { 404: ['declaration-inconnue'] },
  }),
  declarationPdf: route({
    method: 'get',
    path: '/api/caf/declarations/:id/pdf',
    tag: 'Caf',
    summary: 'Its PDF',
    acces: 'agent',
    reponses: { 200: pdf },
    erreurs: { 404: ['declaration-inconnue'] },
  }),
  export: route({
    method: 'get',
    path: '/api/caf/export',
    tag: 'Caf',
    summary: 'The declarations of the filter as a file, streamed (R-CA-4); X-Export-Id names it',
    acces: 'agent',
    query: {
      type: 'object',
      required: ['format'],
      properties: { format, ...filtre },
      ...periode,
      errorMessage: {
        ...periode.errorMessage,
        required: { format: 'Choisissez le format : « csv », « xlsx » ou « json ».' },
      },
    },
    reponses: {
      200: { description: 'The file', media: ['text/csv', XLSX, 'application/json'] },
    },
    erreurs: { 404: ['esat-inconnu'] },
  }),
  traitement: route({
    method: 'post',
    path: '/api/caf/traitement',
    tag: 'Caf',
    summary: 'Marks declarations traitée, or back to à traiter with a motif (R-CA-5)',
    acces: 'agent',
    body: {
      type: 'object',
      required: ['etat'],
      properties: {
        ids: {
          type: 'array',
          minItems: 1,
          items: { type: 'string', maxLength: 100 },
          errorMessage: 'Une liste non vide d’identifiants de déclaration est attendue.',
        },
        exportId: { type: 'string', errorMessage: "L'identifiant de l'export est attendu." },
        etat: { ...etat, errorMessage: 'État attendu : « traitee » ou « a-traiter ».' },
        motif: { type: 'string', errorMessage: 'Le motif est un texte.' },
      },
      oneOf: [{ required: ['ids'] }, { required: ['exportId'] }],
      errorMessage: {
        oneOf: 'Donnez soit les déclarations (ids), soit l’export (exportId).',
        required: { etat: 'État attendu : « traitee » ou « a-traiter ».' },
      },
    },
    regles: [
      {
        code: 'motif-requis',
        schema: {
          type: 'object',
          if: { properties: { etat: { const: 'a-traiter' } } },
          then: {
            required: ['motif'],
            properties: { motif: { type: 'string', pattern: '\\S' } },
            errorMessage: 'Indiquez le motif du retour « à traiter ».',
          },
        },
      },
      {
        code: 'motif-trop-long',
        schema: {
          type: 'object',
          properties: {
            motif: {
              type: 'string',
              maxLength: 500,
              errorMessage: 'Le motif comporte au plus 500 caractères.',
            },
          },
        },
      },
    ],
    reponses: {
      200: {
        description: 'How many changed',
        schema: {
          type: 'object',
          required: ['updated'],
          properties: { updated: { type: 'integer' } },
        },
      },
    },
    erreurs: {
      404: ['declaration-inconnue', 'export-inconnu'],
      422: ['motif-requis', 'motif-trop-long'],
    },
  }),
  apercuRelance: route({
    method: 'get',
    path: '/api/caf/relances/apercu',
    tag: 'Caf',
    summary: 'What a reminder would send, before sending (R-CA-6)',
    acces: 'agent',
    query: {
      type: 'object',
      required: ['esats'],
      properties: { year: anneeQ, esats: texteQ(20_000) },
      errorMessage: {
        required: {
          esats: 'Choisissez les établissements (SIRET séparés par des virgules) ou « retard ».',
        },
      },
    },
    reponses: {
      200: { description: 'The mail and its recipients', schema: vues.apercuRelance },
    },
    erreurs: { 404: ['esat-inconnu'] },
  }),
  relances: route({
    method: 'post',
    path: '/api/caf/relances',
    tag: 'Caf',
    summary: 'One reminder per Esat to its active users (R-CA-6)',
    acces: 'agent',
    body: {
      type: 'object',
      required: ['year', 'esats'],
      properties: {
        year: {
          type: 'integer',
          minimum: 2000,
          maximum: 2100,
          errorMessage: 'Une année sur 4 chiffres est attendue, par exemple 2026.',
        },
        esats: {
          anyOf: [
            { const: 'retard' },
            { type: 'array', minItems: 1, maxItems: 2000, items: { type: 'string' } },
          ],
          errorMessage: 'Choisissez les établissements (SIRET) ou « retard ».',
        },
        confirmer: { type: 'boolean', errorMessage: 'Vrai ou faux est attendu.' },
      },
      errorMessage: {
        required: {
          year: 'Une année sur 4 chiffres est attendue, par exemple 2026.',
          esats: 'Choisissez les établissements (SIRET) ou « retard ».',
        },
      },
    },
    reponses: {
      200: { description: 'Sent', schema: vues.relancesEnvoyees },
    },
    erreurs: {
      404: ['esat-inconnu'],
      409: ['relance-deja-envoyee'],
      422: ['campagne-non-ouverte', 'rien-a-relancer'],
    },
  }),
  creerReferent: route({
    method: 'post',
    path: '/api/caf/esats/:siret/users',
    tag: 'Caf',
    summary: 'The first référent of an Esat of this Caf (R-CA-7)',
    acces: 'agent',
    body: {
      type: 'object',
      required: ['email'],
      properties: { email: texte, role: {} },
      errorMessage: {
        required: { email: 'L’adresse e-mail du référent est attendue.' },
        properties: { email: 'L’adresse e-mail du référent est attendue.' },
      },
    },
    regles: [
      {
        code: 'utilisateur-invalide',
        schema: {
          type: 'object',
          properties: {
            role: {
              const: 'referent',
              errorMessage: 'La Caf crée le référent ; il crée ensuite ses collègues.',
            },
            email,
          },
        },
      },
    ],
    reponses: { 201: { description: 'Created', schema: utilisateur } },
    erreurs: { 404: ['esat-inconnu'], 409: ['utilisateur-existant'] },
  }),
  activer: route({
    method: 'patch',
    path: '/api/caf/users/:email',
    tag: 'Caf',
    summary: 'Deactivates (its sessions end) or reactivates a user of an Esat of this Caf',
    acces: 'agent',
    body: {
      type: 'object',
      required: ['active'],
      properties: { active: { type: 'boolean' } },
      errorMessage: {
        required: { active: 'Vrai ou faux est attendu.' },
        properties: { active: 'Vrai ou faux est attendu.' },
      },
    },
    reponses: { 200: { description: 'Changed', schema: utilisateur } },
    erreurs: { 404: ['utilisateur-inconnu'] },
  }),
};

// —— The import of a payroll file (routes/import.ts)
const importVue = {
  type: 'object',
  required: ['id', 'caf', 'status', 'fichier', 'columns', 'mapping', 'report'],
} as const;
const imports = {
  modeleCsv: route({
    method: 'get',
    path: '/api/imports/modele.csv',
    tag: 'Import',
    summary: 'The CSV template (R-IM-1)',
    acces: 'esat',
    reponses: { 200: { description: 'The template', media: ['text/csv'] } },
  }),
  modeleXlsx: route({
    method: 'get',
    path: '/api/imports/modele.xlsx',
    tag: 'Import',
    summary: 'The XLSX template (R-IM-1)',
    acces: 'esat',
    reponses: { 200: { description: 'The template', media: [XLSX] } },
  }),
  importer: route({
    method: 'post',
    path: '/api/imports',
    tag: 'Import',
    summary: 'A payroll file, read and checked; nothing is sent yet (R-IM-2/3/4)',
    acces: 'esat',
    fichier: ['text/csv', XLSX],
    entetes: { 'X-Filename': 'The file’s name, percent-encoded when not ASCII.' },
    query: { type: 'object', properties: { caf: texte } },
    reponses: { 201: { description: 'The import', schema: importVue } },
    erreurs: {
      404: ['caf-inconnue'],
      409: ['trop-d-imports'],
      413: ['fichier-trop-gros'],
      415: ['type-non-pris-en-charge'],
      422: ['campagne-fermee'],
    },
  }),
  enCours: route({
    method: 'get',
    path: '/api/imports',
    tag: 'Import',
    summary: 'The user’s unfinished imports',
    acces: 'esat',
    reponses: { 200: { description: 'Imports', schema: liste } },
  }),
  lire: route({
    method: 'get',
    path: '/api/imports/:id',
    tag: 'Import',
    summary: 'One import and its report',
    acces: 'esat',
    reponses: { 200: { description: 'The import', schema: importVue } },
    erreurs: { 404: ['import-inconnu'] },
  }),
  correspondance: route({
    method: 'put',
    path: '/api/imports/:id/mapping',
    tag: 'Import',
    summary: 'Which column holds which field (R-IM-2)',
    acces: 'esat',
    body: {
      type: 'object',
      required: ['mapping'],
      properties: { mapping: { type: 'object' } },
    },
    regles: [
      {
        code: 'validation',
        message: "La requête n'est pas valide.",
        schema: {
          type: 'object',
          properties: {
            mapping: {
              type: 'object',
              propertyNames: { enum: champsImport },
              additionalProperties: {
                type: ['integer', 'null'],
                minimum: 0,
                errorMessage: "Cette colonne n'existe pas dans le fichier.",
              },
              errorMessage: { propertyNames: "Ce champ n'est pas importé." },
            },
          },
        },
      },
    ],
    reponses: { 200: { description: 'The import', schema: importVue } },
    erreurs: {
      404: ['import-inconnu'],
      409: ['envoi-commence'],
      422: ['validation', 'correspondance-incomplete'],
    },
  }),
  ligne: route({
    method: 'patch',
    path: '/api/imports/:id/lignes/:n',
    tag: 'Import',
    summary: 'One row fixed in the page, or left out (R-IM-4)',
    acces: 'esat',
    body: {
      type: 'object',
      properties: {
        valeurs: {
          type: 'object',
          propertyNames: { enum: champsImport },
          additionalProperties: { type: ['string', 'null'], maxLength: 200 },
        },
        ignorer: { type: 'boolean' },
      },
    },
    reponses: { 200: { description: 'The import', schema: importVue } },
    erreurs: {
      404: ['import-inconnu', 'ligne-inconnue'],
      409: ['import-termine', 'ligne-envoyee'],
    },
  }),
  rapport: route({
    method: 'get',
    path: '/api/imports/:id/rapport.csv',
    tag: 'Import',
    summary: 'The report as CSV, with an « Erreur » column (R-IM-4)',
    acces: 'esat',
    reponses: { 200: { description: 'The report', media: ['text/csv'] } },
    erreurs: { 404: ['import-inconnu'] },
  }),
  envoi: route({
    method: 'post',
    path: '/api/imports/:id/envoi',
    tag: 'Import',
    summary: 'The next batch of ready rows (R-IM-5); called until restants = 0',
    acces: 'esat',
    query: {
      type: 'object',
      properties: {
        lot: {
          type: 'string',
          pattern: '^[0-9]+$',
          errorMessage: 'Un nombre entier positif est attendu.',
        },
      },
    },
    reponses: { 200: { description: 'Progress', schema: objet } },
    erreurs: { 404: ['import-inconnu'] },
  }),
  pdf: route({
    method: 'get',
    path: '/api/imports/:id/pdf',
    tag: 'Import',
    summary: 'The summary PDF (R-IM-5)',
    acces: 'esat',
    reponses: { 200: { description: 'The PDF', media: ['application/pdf'] } },
    erreurs: { 404: ['import-inconnu'] },
  }),
  abandonner: route({
    method: 'delete',
    path: '/api/imports/:id',
    tag: 'Import',
    summary: 'Abandons an import (the certificats sent stay)',
    acces: 'esat',
    reponses: { 204: vide },
    erreurs: { 404: ['import-inconnu'] },
  }),
  precedent: route({
    method: 'get',
    path: '/api/workers/:id/certificat-precedent',
    tag: 'Import',
    summary: '« Même montants que l’an dernier »: last campaign’s certificat',
    acces: 'esat',
    reponses: {
      200: {
        description: 'The certificat',
        schema: {
          type: 'object',
          required: ['id', 'campaignYear', 'submittedAt', 'data', 'saisie'],
          properties: {
            id: texte,
            campaignYear: { type: 'integer' },
            submittedAt: instant,
            data: { type: 'object' },
            saisie: { type: 'object', additionalProperties: texte },
          },
        },
      },
    },
    erreurs: { 404: ['travailleur-inconnu', 'introuvable'] },
  }),
};

const documentation = {
  openapi: route({
    method: 'get',
    path: '/api/openapi.json',
    tag: 'Contrat',
    summary: 'This document: the OpenAPI 3.1 description of every route (R-API-1)',
    acces: 'public',
    reponses: { 200: { description: 'OpenAPI 3.1', schema: objet } },
  }),
  reference: route({
    method: 'get',
    path: '/api/reference',
    tag: 'Contrat',
    summary: 'The readable reference page of this document (served outside production)',
    acces: 'public',
    reponses: { 200: { description: 'HTML', media: ['text/html'] } },
  }),
  referenceStyle: route({
    method: 'get',
    path: '/api/reference.css',
    tag: 'Contrat',
    summary: 'The reference page’s stylesheet (served outside production)',
    acces: 'public',
    reponses: { 200: { description: 'CSS', media: ['text/css'] } },
  }),
};

// —— The référent's API tokens for payroll software (routes/tokens.ts, R-API-2)
const jetons = {
  liste: route({
    method: 'get',
    path: '/api/tokens',
    tag: 'Jetons',
    summary: 'The API tokens of the Esat (never their secret)',
    acces: 'referent',
    reponses: {
      200: { description: 'Tokens, newest first', schema: { type: 'array', items: jeton } },
    },
  }),
  creer: route({
    method: 'post',
    path: '/api/tokens',
    tag: 'Jetons',
    summary: 'Creates a token; its secret is in this answer only (R-API-2)',
    description:
      '`expiresAt` (YYYY-MM-DD) is at most one year away, one year by default; the name is 1 to 80 characters.',
    acces: 'referent',
    body: {
      type: 'object',
      required: ['name'],
      properties: { name: texte, expiresAt: texte },
    },
    reponses: {
      201: {
        description: 'Created, with its secret',
        schema: {
          ...jeton,
          required: [...jeton.required, 'token'],
          properties: { ...jeton.properties, token: texte },
        },
      },
    },
    erreurs: { 409: ['trop-de-jetons'], 422: ['jeton-invalide'] },
  }),
  revoquer: route({
    method: 'delete',
    path: '/api/tokens/:id',
    tag: 'Jetons',
    summary: 'Revokes a token at once',
    acces: 'referent',
    reponses: { 200: { description: 'Revoked', schema: jeton } },
    erreurs: { 404: ['jeton-introuvable'] },
  }),
};

/** Every route, by module. */
export const contrat = { session, esat, users, declarations, caf, imports, jetons, documentation };

/** Every definition, in one list. */
export const definitions = Object.values(contrat).flatMap((groupe) => Object.values(groupe));
