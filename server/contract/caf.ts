/**
 * The answers of the agent Caf's routes (SPEC §10) as JSON Schemas, written once: the OpenAPI
 * document shows them (routes.ts) and machines/caf.types.ts derives its types from them
 * (json-schema-to-ts), which the server's caf-store.ts builds and the UI reads. Dates are ISO:
 * `YYYY-MM-DD` for days, full ISO for instants.
 */
import { declarationKinds } from '../../forms/index.ts';
import { dossiers } from '../../forms/dossiers.ts';
import { etat, instant, jour, texte, utilisateur } from './schemas.ts';

const entier = { type: 'integer' } as const;
/** A closed object: the answer has these fields and no other (`additionalProperties: false`). */
const ferme = <const R extends readonly string[], const P>(required: R, properties: P) =>
  ({ type: 'object', additionalProperties: false, required, properties }) as const;
const instantOuNull = {
  type: ['string', 'null'],
  description: 'ISO 8601 instant, or null.',
} as const;

/** One day of the R-CA-1 curve: certificats received up to that day (Paris time), cumulated. */
export const pointJournalier = ferme(['date', 'recus'], { date: jour, recus: entier });
const courbe = { type: 'array', items: pointJournalier } as const;

/** One Esat of the Caf in the campaign table (R-CA-1). */
export const ligneCampagne = ferme(
  ['siret', 'name', 'attendus', 'recus', 'manquants', 'dernierRecu', 'derniereRelance'],
  {
    siret: texte,
    name: texte,
    attendus: {
      type: 'integer',
      description: 'Workers of this Caf at this Esat whose file is `actif`.',
    },
    recus: entier,
    manquants: entier,
    dernierRecu: instantOuNull,
    derniereRelance: instantOuNull,
  },
);

/** `GET /api/caf/campagne`: totals, one row per Esat, the curves of this campaign and the last. */
export const campagne = ferme(
  ['campaign', 'today', 'totals', 'items', 'total', 'page', 'pageSize', 'daily', 'previous'],
  {
    campaign: ferme(['year', 'opens', 'closes', 'deadline'], {
      year: entier,
      opens: jour,
      closes: jour,
      deadline: jour,
    }),
    today: { ...jour, description: 'Today for the server (ESAT_TODAY in demos).' },
    totals: ferme(['esats', 'attendus', 'recus', 'manquants'], {
      esats: entier,
      attendus: entier,
      recus: entier,
      manquants: entier,
    }),
    items: { type: 'array', items: ligneCampagne },
    total: entier,
    page: entier,
    pageSize: entier,
    daily: courbe,
    previous: ferme(['year', 'daily'], { year: entier, daily: courbe }),
  },
);

/** A worker of this Caf on the fiche Esat, with its certificat of the campaign (R-CA-2). */
export const travailleurCaf = ferme(
  ['id', 'numeroAllocataire', 'nom', 'prenom', 'dateNaissance', 'dossier', 'certificat'],
  {
    id: texte,
    numeroAllocataire: texte,
    nom: texte,
    prenom: texte,
    dateNaissance: jour,
    dossier: { type: 'string', enum: dossiers },
    certificat: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['id', 'submittedAt', 'etat'],
      properties: { id: texte, submittedAt: instant, etat },
    },
  },
);

const travailleurDeclare = ferme(['numeroAllocataire', 'nom', 'prenom'], {
  numeroAllocataire: texte,
  nom: texte,
  prenom: texte,
});
const esatDeclarant = ferme(['siret', 'name'], { siret: texte, name: texte });
const recue = {
  required: ['id', 'kind', 'submittedAt', 'etat', 'worker', 'esat'],
  properties: {
    id: texte,
    reference: {
      type: 'string',
      description: 'The short reference read on the phone, e.g. `CE-2026-000123`.',
    },
    kind: { type: 'string', enum: declarationKinds },
    submittedAt: instant,
    etat,
  },
} as const;

/** A declaration in a list (R-CA-3). */
export const declarationRecue = ferme(recue.required, {
  ...recue.properties,
  worker: travailleurDeclare,
  esat: esatDeclarant,
});

/** A reminder recorded (R-CA-6). */
export const relance = ferme(['siret', 'year', 'at', 'by', 'manquants'], {
  siret: texte,
  year: entier,
  at: instant,
  by: texte,
  manquants: entier,
});

/** `GET /api/caf/esats/:siret`: the fiche Esat (R-CA-2). */
export const ficheEsat = ferme(['esat', 'year', 'users', 'workers', 'changements', 'relances'], {
  esat: ferme(['siret', 'name', 'address'], { siret: texte, name: texte, address: texte }),
  year: entier,
  users: { type: 'array', items: utilisateur },
  workers: { type: 'array', items: travailleurCaf },
  changements: {
    type: 'array',
    items: declarationRecue,
    description: 'Changements de situation of the last two rolling years, newest first.',
  },
  relances: {
    type: 'array',
    items: relance,
    description: 'Reminders sent to this Esat for the campaign, newest first.',
  },
});

/** `GET /api/caf/declarations`: one page of the declarations received. */
export const pageDeclarations = ferme(['items', 'total', 'page', 'pageSize'], {
  items: { type: 'array', items: declarationRecue },
  total: entier,
  page: entier,
  pageSize: entier,
});

/** `GET /api/caf/declarations/:id`: everything, as the récapitulatif shows it. */
export const declarationDetail = ferme(
  [...recue.required, 'data', 'userEmail', 'caf', 'traitement', 'historiqueEtat'],
  {
    ...recue.properties,
    worker: {
      ...travailleurDeclare,
      required: [...travailleurDeclare.required, 'dateNaissance'],
      properties: { ...travailleurDeclare.properties, dateNaissance: jour },
    },
    esat: {
      ...esatDeclarant,
      required: [...esatDeclarant.required, 'address'],
      properties: { ...esatDeclarant.properties, address: texte },
    },
    data: { type: 'object', description: 'The values declared, by the form of its kind.' },
    userEmail: texte,
    caf: ferme(['code', 'name'], { code: texte, name: texte }),
    campaignYear: entier,
    traitement: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['at', 'by'],
      properties: { at: instant, by: texte },
      description: 'Who marked it traitée and when.',
    },
    historiqueEtat: {
      type: 'array',
      items: ferme(['etat', 'at', 'by'], { etat, at: instant, by: texte, motif: texte }),
    },
  },
);

/** `POST /api/caf/relances`: the reminders sent. */
export const relancesEnvoyees = ferme(['sent'], {
  sent: {
    type: 'array',
    items: ferme(['siret', 'manquants'], { siret: texte, manquants: entier }),
  },
});

/** `GET /api/caf/relances/apercu`: what would be sent, before sending. */
export const apercuRelance = ferme(['subject', 'text', 'destinataires'], {
  subject: texte,
  text: texte,
  destinataires: {
    type: 'array',
    items: ferme(['siret', 'name', 'manquants', 'users', 'dejaRelanceeAujourdhui'], {
      siret: texte,
      name: texte,
      manquants: entier,
      users: entier,
      dejaRelanceeAujourdhui: { type: 'boolean' },
    }),
  },
});
