/**
 * The Caf agent's space (SPEC §10): Suivi de la campagne, Fiche Esat, Déclarations reçues with
 * their export and traitement, Relances, and the avis of the Esat. The portal invokes it after
 * login for role `agent`. No fetch and no DOM: every call to the server is an actor supplied
 * from outside (ui/api-caf.ts, or the fakes of the tests and stories).
 */
import { assign, fromPromise, setup } from 'xstate';
import type {
  ApercuRelance,
  Campagne,
  DeclarationDetail,
  DemandeRelance,
  DemandeTraitement,
  FicheEsat,
  FiltreDeclarations,
  PageDeclarations,
  RelancesEnvoyees,
  UtilisateurEsat,
} from './caf.types.ts';
import { asApiError, type ApiError, type AvisRecu } from './types.ts';

/** Rows per page of the campaign table and of the declarations list (server paging). */
export const TAILLE_PAGE_CAF = 20;

/** How the campaign table is sorted (R-CA-1); `part` is ascending share done. */
export type TriCampagne = 'part' | '-part' | 'nom' | 'manquants' | '-manquants';

/** The three export formats of R-CA-4. */
export type FormatExport = 'csv' | 'xlsx' | 'json';

/** The last export of this visit: its id marks its declarations traitées (R-CA-5). */
export interface ExportFait {
  exportId: string;
  format: FormatExport;
  /** How many declarations the filter had when exported. */
  nombre: number;
}

export interface AgentContext {
  /** The campaign year chosen; undefined lets the server pick the current or last one. */
  annee?: number;
  q: string;
  tri: TriCampagne;
  page: number;
  campagne?: Campagne;
  /** The Esat whose fiche is open, and that fiche. */
  siret?: string;
  fiche?: FicheEsat;
  /** The user of that Esat about to be deactivated. */
  cible?: string;
  filtre: FiltreDeclarations;
  pageDeclarations: number;
  declarations?: PageDeclarations;
  /** Declarations ticked in the list, to mark them at once. */
  selection: string[];
  declaration?: DeclarationDetail;
  export?: ExportFait;
  /** R-CA-6: the Esat picked for a reminder, or every late one. */
  destinataires: string[] | 'retard';
  /** The late Esat offered for a reminder (the campaign sorted by missing certificats). */
  enRetard?: Campagne;
  apercu?: ApercuRelance;
  avis?: AvisRecu[];
  /** What just succeeded, said once on the next screen. */
  succes?: string;
  erreur?: ApiError;
}

type Event =
  | { type: 'onglet.campagne' }
  | { type: 'onglet.declarations' }
  | { type: 'onglet.relances' }
  | { type: 'onglet.avis' }
  | { type: 'chargement.reessayer' }
  | { type: 'campagne.annee'; annee: number }
  | { type: 'campagne.filtrer'; q: string }
  | { type: 'campagne.trier'; tri: TriCampagne }
  | { type: 'campagne.page'; page: number }
  | { type: 'campagne.ouvrir'; siret: string }
  | { type: 'esat.retour' }
  | { type: 'esat.desactiver'; email: string }
  | { type: 'esat.reactiver'; email: string }
  | { type: 'desactivation.confirmer' }
  | { type: 'desactivation.annuler' }
  | { type: 'esat.creerReferent' }
  | { type: 'creation.valider'; email: string }
  | { type: 'creation.annuler' }
  | { type: 'declarations.filtrer'; filtre: FiltreDeclarations }
  | { type: 'declarations.page'; page: number }
  | { type: 'declarations.basculer'; id: string }
  | { type: 'declarations.ouvrir'; id: string }
  | { type: 'declarations.exporter'; format: FormatExport }
  | { type: 'declarations.marquerExport' }
  | { type: 'declarations.marquerSelection' }
  | { type: 'declaration.retour' }
  | { type: 'declaration.marquer' }
  | { type: 'declaration.retablir' }
  | { type: 'retablissement.valider'; motif: string }
  | { type: 'retablissement.annuler' }
  | { type: 'relances.basculer'; siret: string }
  | { type: 'relances.toutes' }
  | { type: 'relances.apercu' }
  | { type: 'relances.envoyer' }
  | { type: 'relances.modifier' }
  | { type: 'relance.confirmer' }
  | { type: 'relance.annuler' };

const pasFourni = (nom: string) => async (): Promise<never> => {
  throw new Error(`${nom}: actor not provided`);
};

/** « 3 déclarations », « 1 déclaration ». */
export const declarationsN = (n: number) => `${n} déclaration${n > 1 ? 's' : ''}`;

/** The year the reminders and fiches are about: the one chosen, else the campaign shown. */
const anneeCourante = (context: AgentContext) => context.annee ?? context.campagne?.campaign.year;

const demandeRelance = (context: AgentContext, confirmer: boolean): DemandeRelance => ({
  year: anneeCourante(context) ?? 0,
  esats: context.destinataires,
  ...(confirmer ? { confirmer: true } : {}),
});

/** What the agent reads once the reminders are sent. */
export function succesRelances({ sent }: RelancesEnvoyees): string {
  return sent.length === 1
    ? 'La relance a été envoyée à 1 Esat.'
    : `Les relances ont été envoyées à ${sent.length} Esat.`;
}

/** « 1 déclaration marquée comme traitée », « 3 déclarations marquées comme traitées ». */
export const traiteesN = (n: number) =>
  n > 1 ? `${n} déclarations marquées comme traitées.` : `${n} déclaration marquée comme traitée.`;

export const agentMachine = setup({
  types: {
    context: {} as AgentContext,
    events: {} as Event,
  },
  actors: {
    chargerCampagne: fromPromise<
      Campagne,
      { year?: number; q: string; sort: TriCampagne; page: number; pageSize: number }
    >(pasFourni('chargerCampagne')),
    chargerEsat: fromPromise<FicheEsat, { siret: string; year?: number }>(pasFourni('chargerEsat')),
    changerActivation: fromPromise<UtilisateurEsat, { email: string; active: boolean }>(
      pasFourni('changerActivation'),
    ),
    creerReferent: fromPromise<UtilisateurEsat, { siret: string; email: string }>(
      pasFourni('creerReferent'),
    ),
    chargerDeclarations: fromPromise<
      PageDeclarations,
      { filtre: FiltreDeclarations; page: number; pageSize: number }
    >(pasFourni('chargerDeclarations')),
    chargerDeclaration: fromPromise<DeclarationDetail, { id: string }>(
      pasFourni('chargerDeclaration'),
    ),
    /** Downloads the file and answers the export's id (header X-Export-Id). */
    exporter: fromPromise<
      { exportId: string; format: FormatExport },
      { format: FormatExport; filtre: FiltreDeclarations }
    >(pasFourni('exporter')),
    traiter: fromPromise<{ updated: number }, DemandeTraitement>(pasFourni('traiter')),
    chargerApercu: fromPromise<ApercuRelance, { year: number; esats: string[] | 'retard' }>(
      pasFourni('chargerApercu'),
    ),
    envoyerRelances: fromPromise<RelancesEnvoyees, DemandeRelance>(pasFourni('envoyerRelances')),
    chargerAvis: fromPromise<AvisRecu[]>(pasFourni('chargerAvis')),
  },
  delays: {
    /** Wait for a pause in typing before asking the server to filter. */
    filtrage: 300,
  },
  guards: {
    selectionNonVide: ({ context }) => context.selection.length > 0,
    exportFait: ({ context }) => !!context.export,
    destinatairesChoisis: ({ context }) =>
      context.destinataires === 'retard' || context.destinataires.length > 0,
    /** R-CA-6: an Esat already reminded today is only sent again once confirmed. */
    dejaRelancee: ({ event }) =>
      asApiError((event as { error?: unknown }).error).code === 'relance-deja-envoyee',
    motifSaisi: ({ event }) =>
      event.type === 'retablissement.valider' && event.motif.trim().length > 0,
    declarationTraitee: ({ context }) => context.declaration?.etat === 'traitee',
    declarationATraiter: ({ context }) => context.declaration?.etat === 'a-traiter',
  },
  actions: {
    retenirErreur: assign({
      erreur: ({ event }) => asApiError((event as { error?: unknown }).error),
    }),
    oublierErreur: assign({ erreur: undefined }),
    oublierSucces: assign({ succes: undefined }),
    /** A refusal said on the screen, and the success of before forgotten. */
    refus: assign({
      erreur: ({ event }) => asApiError((event as { error?: unknown }).error),
      succes: undefined,
    }),
    dire: assign({ succes: (_, message: string) => message }),
  },
}).createMachine({
  id: 'agent',
  context: {
    q: '',
    tri: 'part',
    page: 1,
    filtre: {},
    pageDeclarations: 1,
    selection: [],
    destinataires: [],
  },
  initial: 'campagne',
  on: {
    'onglet.campagne': { target: '.campagne', actions: ['oublierSucces', 'oublierErreur'] },
    'onglet.declarations': {
      target: '.declarations',
      actions: ['oublierSucces', 'oublierErreur'],
    },
    'onglet.relances': { target: '.relances', actions: ['oublierSucces', 'oublierErreur'] },
    'onglet.avis': { target: '.avis', actions: ['oublierSucces', 'oublierErreur'] },
  },
  states: {
    // R-CA-1: the agent's home.
    campagne: {
      initial: 'chargement',
      on: {
        'campagne.filtrer': {
          target: '.attenteFiltre',
          actions: assign({ q: ({ event }) => event.q, page: 1 }),
        },
      },
      states: {
        attenteFiltre: { after: { filtrage: 'chargement' } },
        chargement: {
          entry: 'oublierErreur',
          invoke: {
            src: 'chargerCampagne',
            input: ({ context }) => ({
              year: context.annee,
              q: context.q,
              sort: context.tri,
              page: context.page,
              pageSize: TAILLE_PAGE_CAF,
            }),
            onDone: {
              target: 'tableau',
              actions: assign({ campagne: ({ event }) => event.output }),
            },
            onError: { target: 'echec', actions: 'retenirErreur' },
          },
        },
        echec: { on: { 'chargement.reessayer': 'chargement' } },
        tableau: {
          on: {
            'campagne.annee': {
              target: 'chargement',
              actions: assign({ annee: ({ event }) => event.annee, page: 1 }),
            },
            'campagne.trier': {
              target: 'chargement',
              actions: assign({ tri: ({ event }) => event.tri, page: 1 }),
            },
            'campagne.page': {
              target: 'chargement',
              actions: assign({ page: ({ event }) => event.page }),
            },
            'campagne.ouvrir': {
              target: '#agent.esat',
              actions: assign({ siret: ({ event }) => event.siret, fiche: undefined }),
            },
          },
        },
      },
    },
    // R-CA-2 and R-CA-7: one Esat of the Caf, its users and its workers.
    esat: {
      initial: 'chargement',
      on: {
        'esat.retour': { target: 'campagne', actions: ['oublierSucces', 'oublierErreur'] },
      },
      states: {
        chargement: {
          invoke: {
            src: 'chargerEsat',
            input: ({ context }) => ({ siret: context.siret ?? '', year: anneeCourante(context) }),
            onDone: {
              target: 'fiche',
              actions: [assign({ fiche: ({ event }) => event.output }), 'oublierErreur'],
            },
            onError: { target: 'echec', actions: 'retenirErreur' },
          },
        },
        echec: { on: { 'chargement.reessayer': 'chargement' } },
        fiche: {
          on: {
            'esat.desactiver': {
              target: 'confirmationDesactivation',
              actions: [assign({ cible: ({ event }) => event.email }), 'oublierSucces'],
            },
            'esat.reactiver': {
              target: 'activation',
              actions: [assign({ cible: ({ event }) => event.email }), 'oublierSucces'],
            },
            'esat.creerReferent': {
              target: 'creation',
              actions: ['oublierSucces', 'oublierErreur'],
            },
          },
        },
        confirmationDesactivation: {
          on: {
            'desactivation.confirmer': 'activation',
            'desactivation.annuler': { target: 'fiche', actions: assign({ cible: undefined }) },
          },
        },
        activation: {
          entry: 'oublierErreur',
          invoke: {
            src: 'changerActivation',
            input: ({ context, event }) => ({
              email: context.cible ?? '',
              active: event.type === 'esat.reactiver',
            }),
            onDone: {
              target: 'chargement',
              actions: assign({
                cible: undefined,
                succes: ({ event }) =>
                  event.output.active
                    ? `Le compte ${event.output.email} est réactivé.`
                    : `Le compte ${event.output.email} est désactivé : il ne peut plus se connecter.`,
              }),
            },
            onError: { target: 'fiche', actions: ['refus', assign({ cible: undefined })] },
          },
        },
        creation: {
          initial: 'saisie',
          on: { 'creation.annuler': { target: 'fiche', actions: 'oublierErreur' } },
          states: {
            saisie: { on: { 'creation.valider': 'envoi' } },
            envoi: {
              entry: 'oublierErreur',
              invoke: {
                src: 'creerReferent',
                input: ({ context, event }) => ({
                  siret: context.siret ?? '',
                  email: event.type === 'creation.valider' ? event.email : '',
                }),
                onDone: {
                  target: '#agent.esat.chargement',
                  actions: assign({
                    succes: ({ event }) =>
                      `Le compte référent ${event.output.email} a été créé. Un mot de passe provisoire lui a été envoyé par e-mail.`,
                  }),
                },
                onError: { target: 'saisie', actions: 'retenirErreur' },
              },
            },
          },
        },
      },
    },
    // R-CA-3, R-CA-4, R-CA-5: the declarations received, their export and their traitement.
    declarations: {
      initial: 'chargement',
      states: {
        chargement: {
          invoke: {
            src: 'chargerDeclarations',
            input: ({ context }) => ({
              filtre: context.filtre,
              page: context.pageDeclarations,
              pageSize: TAILLE_PAGE_CAF,
            }),
            onDone: {
              target: 'liste',
              actions: assign({ declarations: ({ event }) => event.output }),
            },
            onError: { target: 'echec', actions: 'retenirErreur' },
          },
        },
        echec: { on: { 'chargement.reessayer': 'chargement' } },
        liste: {
          on: {
            'declarations.filtrer': {
              target: 'chargement',
              // Another filter is another export: its id no longer says what is on screen.
              actions: [
                assign({
                  filtre: ({ event }) => event.filtre,
                  pageDeclarations: 1,
                  selection: [],
                  export: undefined,
                }),
                'oublierSucces',
                'oublierErreur',
              ],
            },
            'declarations.page': {
              target: 'chargement',
              actions: assign({ pageDeclarations: ({ event }) => event.page }),
            },
            'declarations.basculer': {
              actions: assign({
                selection: ({ context, event }) =>
                  context.selection.includes(event.id)
                    ? context.selection.filter((id) => id !== event.id)
                    : [...context.selection, event.id],
              }),
            },
            'declarations.ouvrir': {
              target: 'detail',
              actions: [assign({ declaration: undefined }), 'oublierSucces', 'oublierErreur'],
            },
            'declarations.exporter': {
              target: 'exportation',
              actions: ['oublierSucces', 'oublierErreur'],
            },
            'declarations.marquerExport': { guard: 'exportFait', target: 'traitementExport' },
            'declarations.marquerSelection': {
              guard: 'selectionNonVide',
              target: 'traitementSelection',
            },
          },
        },
        exportation: {
          invoke: {
            src: 'exporter',
            input: ({ context, event }) => ({
              format: event.type === 'declarations.exporter' ? event.format : 'csv',
              filtre: context.filtre,
            }),
            onDone: {
              target: 'liste',
              actions: assign(({ context, event }) => {
                const nombre = context.declarations?.total ?? 0;
                return {
                  export: { ...event.output, nombre },
                  succes: `Export ${event.output.format.toUpperCase()} téléchargé : ${declarationsN(nombre)}.`,
                };
              }),
            },
            onError: { target: 'liste', actions: 'refus' },
          },
        },
        traitementExport: {
          invoke: {
            src: 'traiter',
            input: ({ context }) => ({
              exportId: context.export?.exportId ?? '',
              etat: 'traitee' as const,
            }),
            onDone: {
              target: 'chargement',
              actions: assign({
                export: undefined,
                succes: ({ event }) => traiteesN(event.output.updated),
              }),
            },
            onError: { target: 'liste', actions: 'refus' },
          },
        },
        traitementSelection: {
          invoke: {
            src: 'traiter',
            input: ({ context }) => ({ ids: context.selection, etat: 'traitee' as const }),
            onDone: {
              target: 'chargement',
              actions: assign({
                selection: [],
                succes: ({ event }) => traiteesN(event.output.updated),
              }),
            },
            onError: { target: 'liste', actions: 'refus' },
          },
        },
        detail: {
          initial: 'chargement',
          on: {
            'declaration.retour': {
              target: 'chargement',
              actions: ['oublierSucces', 'oublierErreur'],
            },
          },
          states: {
            chargement: {
              invoke: {
                src: 'chargerDeclaration',
                input: ({ context, event }) => ({
                  id:
                    event.type === 'declarations.ouvrir'
                      ? event.id
                      : (context.declaration?.id ?? ''),
                }),
                onDone: {
                  target: 'lecture',
                  actions: assign({ declaration: ({ event }) => event.output }),
                },
                onError: { target: 'echec', actions: 'retenirErreur' },
              },
            },
            echec: {},
            lecture: {
              on: {
                'declaration.marquer': {
                  guard: 'declarationATraiter',
                  target: 'traitement',
                  actions: ['oublierSucces', 'oublierErreur'],
                },
                // R-CA-5: going back to « à traiter » needs a reason.
                'declaration.retablir': {
                  guard: 'declarationTraitee',
                  target: 'motif',
                  actions: ['oublierSucces', 'oublierErreur'],
                },
              },
            },
            motif: {
              on: {
                'retablissement.valider': [
                  { guard: 'motifSaisi', target: 'retablissement' },
                  {
                    actions: assign({
                      erreur: () => {
                        const message = 'Indiquez le motif du retour à « à traiter ».';
                        return {
                          status: 0,
                          code: 'motif-requis',
                          message,
                          fields: [{ path: '/motif', message }],
                        };
                      },
                    }),
                  },
                ],
                'retablissement.annuler': { target: 'lecture', actions: 'oublierErreur' },
              },
            },
            traitement: {
              invoke: {
                src: 'traiter',
                input: ({ context }) => ({
                  ids: [context.declaration?.id ?? ''],
                  etat: 'traitee' as const,
                }),
                onDone: {
                  target: 'rechargement',
                  actions: { type: 'dire', params: 'La déclaration est marquée comme traitée.' },
                },
                onError: { target: 'lecture', actions: 'refus' },
              },
            },
            retablissement: {
              invoke: {
                src: 'traiter',
                input: ({ context, event }) => ({
                  ids: [context.declaration?.id ?? ''],
                  etat: 'a-traiter' as const,
                  motif: event.type === 'retablissement.valider' ? event.motif.trim() : '',
                }),
                onDone: {
                  target: 'rechargement',
                  actions: { type: 'dire', params: 'La déclaration est de nouveau à traiter.' },
                },
                onError: { target: 'motif', actions: 'refus' },
              },
            },
            rechargement: {
              invoke: {
                src: 'chargerDeclaration',
                input: ({ context }) => ({ id: context.declaration?.id ?? '' }),
                onDone: {
                  target: 'lecture',
                  actions: assign({ declaration: ({ event }) => event.output }),
                },
                onError: { target: 'lecture', actions: 'refus' },
              },
            },
          },
        },
      },
    },
    // R-CA-6: reminders to the Esat whose certificats are missing.
    relances: {
      initial: 'chargement',
      states: {
        chargement: {
          invoke: {
            src: 'chargerCampagne',
            input: ({ context }) => ({
              year: anneeCourante(context),
              q: '',
              sort: '-manquants' as const,
              page: 1,
              pageSize: 100,
            }),
            onDone: {
              target: 'choix',
              actions: assign({ enRetard: ({ event }) => event.output }),
            },
            onError: { target: 'echec', actions: 'retenirErreur' },
          },
        },
        echec: { on: { 'chargement.reessayer': 'chargement' } },
        choix: {
          on: {
            'relances.basculer': {
              actions: assign({
                destinataires: ({ context, event }) => {
                  const avant = context.destinataires === 'retard' ? [] : context.destinataires;
                  return avant.includes(event.siret)
                    ? avant.filter((s) => s !== event.siret)
                    : [...avant, event.siret];
                },
              }),
            },
            'relances.toutes': {
              actions: assign({
                destinataires: ({ context }) =>
                  context.destinataires === 'retard' ? [] : 'retard',
              }),
            },
            'relances.apercu': {
              guard: 'destinatairesChoisis',
              target: 'apercu',
              actions: ['oublierSucces', 'oublierErreur'],
            },
          },
        },
        apercu: {
          initial: 'chargement',
          on: { 'relances.modifier': { target: 'choix', actions: 'oublierErreur' } },
          states: {
            chargement: {
              invoke: {
                src: 'chargerApercu',
                input: ({ context }) => ({
                  year: anneeCourante(context) ?? 0,
                  esats: context.destinataires,
                }),
                onDone: {
                  target: 'lecture',
                  actions: assign({ apercu: ({ event }) => event.output }),
                },
                onError: { target: '#agent.relances.choix', actions: 'refus' },
              },
            },
            lecture: { on: { 'relances.envoyer': 'envoi' } },
            envoi: {
              invoke: {
                src: 'envoyerRelances',
                input: ({ context }) => demandeRelance(context, false),
                onDone: {
                  target: '#agent.relances.envoyees',
                  actions: assign({ succes: ({ event }) => succesRelances(event.output) }),
                },
                onError: [
                  { guard: 'dejaRelancee', target: 'confirmation', actions: 'retenirErreur' },
                  { target: 'lecture', actions: 'refus' },
                ],
              },
            },
            // « Cette Esat a déjà été relancée aujourd'hui » — send again?
            confirmation: {
              on: {
                'relance.confirmer': { target: 'envoiConfirme', actions: 'oublierErreur' },
                'relance.annuler': { target: 'lecture', actions: 'oublierErreur' },
              },
            },
            envoiConfirme: {
              invoke: {
                src: 'envoyerRelances',
                input: ({ context }) => demandeRelance(context, true),
                onDone: {
                  target: '#agent.relances.envoyees',
                  actions: assign({ succes: ({ event }) => succesRelances(event.output) }),
                },
                onError: { target: 'lecture', actions: 'refus' },
              },
            },
          },
        },
        // The campaign table is read again: its « dernière relance » has changed.
        envoyees: {
          entry: assign({ destinataires: [], apercu: undefined }),
          always: 'chargement',
        },
      },
    },
    // The avis given by the Esat of the Caf at the end of their declarations.
    avis: {
      initial: 'chargement',
      states: {
        chargement: {
          invoke: {
            src: 'chargerAvis',
            onDone: { target: 'liste', actions: assign({ avis: ({ event }) => event.output }) },
            onError: { target: 'echec', actions: 'retenirErreur' },
          },
        },
        echec: { on: { 'chargement.reessayer': 'chargement' } },
        liste: {},
      },
    },
  },
});
