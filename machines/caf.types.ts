/**
 * The Caf's side of the HTTP contract (SPEC §10), as the agent's machine carries it and the
 * `/api/caf/*` routes answer it. The answers are DERIVED from the contract's JSON Schemas
 * (server/contract/caf.ts, issue 15), never restated: the server builds them, the OpenAPI document
 * shows them, and a change there breaks the type-check of the server, the machine and the UI.
 */
import type { FromSchema } from 'json-schema-to-ts';
import type {
  apercuRelance,
  campagne,
  declarationDetail,
  declarationRecue,
  ficheEsat,
  ligneCampagne,
  pageDeclarations,
  pointJournalier,
  relance,
  relancesEnvoyees,
  travailleurCaf,
} from '../server/contract/caf.ts';
import type { contrat } from '../server/contract/routes.ts';
import type { etat, suivi, utilisateur } from '../server/contract/schemas.ts';
import type { Entrees } from '../server/contract/valider.ts';

/** The Caf's route definitions (server/contract/routes.ts). */
type Routes = (typeof contrat)['caf'];

/** R-CA-5: a declaration is « à traiter » until an agent marks it « traitée ». */
export type Etat = FromSchema<typeof etat>;

/** One day of the R-CA-1 curve: certificats received up to that day (Paris time), cumulated. */
export type PointJournalier = FromSchema<typeof pointJournalier>;

/** One Esat of the Caf in the campaign table (R-CA-1). */
export type LigneCampagne = FromSchema<typeof ligneCampagne>;

/** `GET /api/caf/campagne?year=&q=&sort=&page=&pageSize=`; sort is `part` (ascending share done,
 * the default), `-part`, `nom`, `manquants` or `-manquants`. */
export type Campagne = FromSchema<typeof campagne>;

/** A user of an Esat as the agent sees it (R-CA-2, R-CA-7). */
export type UtilisateurEsat = FromSchema<typeof utilisateur>;

/** A worker of this Caf on the fiche Esat, with its certificat of the campaign (R-CA-2). */
export type TravailleurCaf = FromSchema<typeof travailleurCaf>;

/** A declaration in a list (R-CA-3). */
export type DeclarationRecue = FromSchema<typeof declarationRecue>;

/** `GET /api/caf/esats/:siret?year=` */
export type FicheEsat = FromSchema<typeof ficheEsat>;

/** `GET /api/caf/declarations?kind=&esat=&from=&to=&etat=&page=&pageSize=` */
export type PageDeclarations = FromSchema<typeof pageDeclarations>;

/** The filter of the list and of the export; `from`/`to` are days (Paris), both included: the
 * query of `GET /api/caf/declarations` less its page (its schema is open: picked, not omitted). */
export type FiltreDeclarations = Pick<
  Entrees<Routes['declarations']>['query'],
  'kind' | 'esat' | 'from' | 'to' | 'etat'
>;

/** `GET /api/caf/declarations/:id`: everything, as the récapitulatif shows it. */
export type DeclarationDetail = FromSchema<typeof declarationDetail>;

/** `POST /api/caf/traitement` `{ids}` or `{exportId}`, with `{etat, motif?}` (motif required
 * when going back to `a-traiter`): the route's body. */
export type DemandeTraitement = Entrees<Routes['traitement']>['json'];

/** A reminder recorded (R-CA-6). */
export type Relance = FromSchema<typeof relance>;

/** `POST /api/caf/relances` `{year, esats, confirmer?}`: an Esat already reminded today is only
 * sent again with `confirmer: true` (else 409 `relance-deja-envoyee`, naming those Esat in
 * `fields` as `/esats/<index>`). `esats: "retard"` means every Esat with certificats missing. */
export type DemandeRelance = Entrees<Routes['relances']>['json'];

/** What `POST /api/caf/relances` answers. */
export type RelancesEnvoyees = FromSchema<typeof relancesEnvoyees>;

/** `GET /api/caf/relances/apercu?year=&esats=a,b|retard`: what would be sent, before sending. */
export type ApercuRelance = FromSchema<typeof apercuRelance>;

/** The Esat side of R-CA-6/R-CA-8, in `GET /api/cafs` for the chosen Caf during the campaign. */
export type SuiviEsat = NonNullable<FromSchema<typeof suivi>>;
