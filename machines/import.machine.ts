/**
 * R-IM (SPEC §12): the import of a payroll file, as the user meets it — fichier → correspondance
 * des colonnes → rapport (rows fixed in the page or left out) → récapitulatif → « Valider » →
 * envoi batch by batch with its progress → fin; « Quitter » asks first where something would be
 * lost; an unfinished import is resumed at the step it stopped. The portal invokes it from Mes
 * travailleurs and from the accueil. No fetch and no DOM: every call is an actor supplied from
 * outside (ui/api-import.ts, or the fakes of the tests and stories).
 */
import { assertEvent, assign, fromPromise, setup, type DoneActorEvent } from 'xstate';
import { champsImport } from '../forms/import.ts';
import type {
  AvancementEnvoi,
  ChampImport,
  Correspondance,
  FichierChoisi,
  ImportVue,
  LigneImport,
} from './import.types.ts';
import { asApiError, type ApiError } from './types.ts';

/** Certificats sent per request of the envoi (the server commits each batch before answering). */
export const TAILLE_LOT = 25;

/** Where the user goes once the import is left. */
export type SortieImport = 'travailleurs' | 'accueil' | 'portail' | 'motDePasse';

export interface ImportInput {
  /** The Caf whose workers the file is about. */
  caf: string;
  /** An unfinished import to resume (its id). */
  reprise?: string;
}

export interface ImportOutput {
  issue: SortieImport;
  /** Certificats of this import recorded so far. */
  envoyes: number;
}

/** What a row fix or a row left out sends (`null`: back to the file's value). */
export interface ModificationLigne {
  valeurs?: Partial<Record<ChampImport, string | null>>;
  ignorer?: boolean;
}

export interface ImportContext {
  caf: string;
  id?: string;
  vue?: ImportVue;
  /** The mapping as the user is choosing it (R-IM-2). */
  correspondance?: Correspondance;
  /** The row being fixed or left out, and what is typed for it. */
  ligne?: number;
  saisie?: Record<ChampImport, string>;
  modification?: ModificationLigne;
  avancement?: AvancementEnvoi;
  /** The envoi waits for « Reprendre l'envoi » (a batch failed, or an import resumed). */
  enPause?: boolean;
  sortie?: SortieImport;
  /** What just succeeded, said once on the report. */
  succes?: string;
  erreur?: ApiError;
}

type Event =
  | { type: 'fichier.choisir'; fichier: FichierChoisi }
  | { type: 'correspondance.choisir'; champ: ChampImport; index: number | null }
  | { type: 'correspondance.valider' }
  | { type: 'rapport.correspondance' }
  | { type: 'ligne.corriger'; n: number }
  | { type: 'ligne.ignorer'; n: number; ignorer: boolean }
  | { type: 'correction.changer'; champ: ChampImport; valeur: string }
  | { type: 'correction.enregistrer' }
  | { type: 'correction.annuler' }
  | { type: 'rapport.autreFichier' }
  | { type: 'abandon.confirmer' }
  | { type: 'abandon.annuler' }
  | { type: 'rapport.continuer' }
  | { type: 'recapitulatif.retour' }
  | { type: 'recapitulatif.valider' }
  | { type: 'envoi.reprendre' }
  | { type: 'chargement.reessayer' }
  | { type: 'fin.travailleurs' }
  | { type: 'import.quitter'; vers?: SortieImport }
  | { type: 'quitter.annuler' }
  | { type: 'quitter.confirmer' };

const pasFourni = (nom: string) => async (): Promise<never> => {
  throw new Error(`${nom}: actor not provided`);
};

/** The mapping of an import as a full record of the fields (the server may omit some). */
export const correspondanceDe = (vue: ImportVue): Correspondance =>
  Object.fromEntries(champsImport.map((c) => [c, vue.mapping[c] ?? null])) as Correspondance;

/** The row `n` of the report. */
export const ligneDe = (context: Pick<ImportContext, 'vue'>, n: number | undefined) =>
  context.vue?.report.lignes.find((l) => l.n === n);

/** How the envoi stands, from the import itself (a resumed envoi has not run a batch yet). */
const avancementDe = (vue: ImportVue): AvancementEnvoi => ({
  envoyes: vue.report.comptes.envoyes,
  restants: vue.report.comptes.prets,
  erreurs: 0,
  lot: 0,
  termine: vue.status === 'termine',
});

/** What the user changed in a row, field by field, from what the report shows. */
function changements(ligne: LigneImport | undefined, saisie: Record<ChampImport, string>) {
  const valeurs: Partial<Record<ChampImport, string>> = {};
  for (const champ of champsImport) {
    if (saisie[champ] !== (ligne?.valeurs[champ] ?? '')) valeurs[champ] = saisie[champ];
  }
  return valeurs;
}

/** What a server call answered: the params of the guards and actions that read it. */
const reponse = <T>({ event }: { event: DoneActorEvent<T> }) => event.output;
const vueRecue = reponse<ImportVue>;
const avancementRecu = reponse<AvancementEnvoi>;

/** « 1 certificat », « 3 certificats ». */
export const certificatsN = (n: number) => `${n} certificat${n > 1 ? 's' : ''}`;

export const importMachine = setup({
  types: {
    context: {} as ImportContext,
    events: {} as Event,
    input: {} as ImportInput,
    output: {} as ImportOutput,
  },
  actors: {
    /** Sends the file, answers the import with its proposed mapping and report (201). */
    envoyerFichier: fromPromise<ImportVue, { caf: string; fichier: FichierChoisi }>(
      pasFourni('envoyerFichier'),
    ),
    chargerImport: fromPromise<ImportVue, { id: string }>(pasFourni('chargerImport')),
    changerCorrespondance: fromPromise<ImportVue, { id: string; mapping: Correspondance }>(
      pasFourni('changerCorrespondance'),
    ),
    modifierLigne: fromPromise<ImportVue, { id: string; n: number } & ModificationLigne>(
      pasFourni('modifierLigne'),
    ),
    /** The next batch of ready rows; each batch is committed before the answer. */
    envoyerLot: fromPromise<AvancementEnvoi, { id: string; lot: number }>(pasFourni('envoyerLot')),
    abandonnerImport: fromPromise<void, { id: string }>(pasFourni('abandonnerImport')),
  },
  guards: {
    aReprendre: ({ context }) => !!context.id,
    /** The import just loaded is finished, or its envoi has begun (guards run before actions). */
    importTermine: (_, vue: ImportVue) => vue.status === 'termine',
    envoiCommence: (_, vue: ImportVue) => vue.status === 'envoi',
    correspondanceModifiee: ({ context }) =>
      !!context.vue &&
      champsImport.some((c) => (context.vue!.mapping[c] ?? null) !== context.correspondance?.[c]),
    /** R-IM-2: the mapping can change until the first certificat is sent. */
    correspondanceModifiable: ({ context }) => context.vue?.status === 'verification',
    ligneModifiable: ({ context, event }) => {
      const n = 'n' in event ? event.n : undefined;
      const ligne = ligneDe(context, n);
      return !!ligne && ligne.statut !== 'envoye' && context.vue?.status !== 'termine';
    },
    saisieModifiee: ({ context }) =>
      !!context.saisie &&
      Object.keys(changements(ligneDe(context, context.ligne), context.saisie)).length > 0,
    /** The row fixed is still wrong: its messages are shown beside its fields again. */
    ligneEncoreEnErreur: ({ context }, vue: ImportVue) =>
      context.modification?.valeurs !== undefined &&
      vue.report.lignes.find((l) => l.n === context.ligne)?.statut === 'erreur',
    enPause: ({ context }) => !!context.enPause,
    enCorrection: ({ context }) => context.modification?.valeurs !== undefined,
    lignesPretes: ({ context }) => (context.vue?.report.comptes.prets ?? 0) > 0,
    /** More rows to send, and the last batch moved on (a batch refused whole stops the loop). */
    resteAEnvoyer: ({ context }, output: AvancementEnvoi) =>
      output.restants > 0 &&
      (output.lot > 0 || output.restants < (context.avancement?.restants ?? Infinity)),
  },
  actions: {
    retenirErreur: assign({
      erreur: ({ event }) => asApiError('error' in event ? event.error : undefined),
    }),
    oublierErreur: assign({ erreur: undefined }),
    oublierSucces: assign({ succes: undefined }),
    retenirVue: assign((_, vue: ImportVue) => ({ vue, id: vue.id })),
    proposerCorrespondance: assign({
      correspondance: ({ context }) => context.vue && correspondanceDe(context.vue),
    }),
    retenirSortie: assign({
      sortie: ({ event }) =>
        event.type === 'import.quitter' ? (event.vers ?? 'travailleurs') : 'travailleurs',
    }),
    oublierSortie: assign({ sortie: undefined }),
    oublierLigne: assign({ ligne: undefined, saisie: undefined, modification: undefined }),
    avancementRepris: assign({
      avancement: ({ context }) => context.vue && avancementDe(context.vue),
    }),
  },
}).createMachine({
  id: 'import',
  context: ({ input }) => ({ caf: input.caf, id: input.reprise }),
  initial: 'demarrage',
  output: ({ context }) => ({
    issue: context.sortie ?? 'travailleurs',
    envoyes: context.vue?.report.comptes.envoyes ?? 0,
  }),
  on: {
    // Nothing is lost by default: the import is kept by the server and offered on the accueil.
    'import.quitter': { target: '.termine', actions: 'retenirSortie' },
  },
  states: {
    demarrage: {
      always: [{ guard: 'aReprendre', target: 'chargement' }, { target: 'fichier' }],
    },
    // An unfinished import, resumed at the step it stopped.
    chargement: {
      entry: 'oublierErreur',
      invoke: {
        src: 'chargerImport',
        input: ({ context }) => ({ id: context.id ?? '' }),
        onDone: [
          {
            guard: { type: 'importTermine', params: vueRecue },
            target: 'fin',
            actions: { type: 'retenirVue', params: vueRecue },
          },
          {
            guard: { type: 'envoiCommence', params: vueRecue },
            target: 'envoi.pause',
            actions: [{ type: 'retenirVue', params: vueRecue }, 'avancementRepris'],
          },
          { target: 'rapport', actions: { type: 'retenirVue', params: vueRecue } },
        ],
        onError: { target: 'echec', actions: 'retenirErreur' },
      },
    },
    echec: {
      on: {
        'chargement.reessayer': 'chargement',
        'rapport.autreFichier': {
          target: 'fichier',
          actions: assign({ id: undefined, vue: undefined }),
        },
      },
    },
    // R-IM-1: the template to download, and the file chosen.
    fichier: {
      initial: 'choix',
      states: {
        choix: { on: { 'fichier.choisir': 'envoi' } },
        envoi: {
          entry: 'oublierErreur',
          invoke: {
            src: 'envoyerFichier',
            input: ({ context, event }) => {
              assertEvent(event, 'fichier.choisir');
              return { caf: context.caf, fichier: event.fichier };
            },
            onDone: {
              target: '#import.correspondance',
              actions: [{ type: 'retenirVue', params: vueRecue }, 'proposerCorrespondance'],
            },
            onError: { target: 'choix', actions: 'retenirErreur' },
          },
        },
      },
    },
    // R-IM-2: the columns recognised; the user confirms or changes them.
    correspondance: {
      initial: 'edition',
      states: {
        edition: {
          on: {
            'correspondance.choisir': {
              actions: assign({
                correspondance: ({ context, event }) => {
                  const choisie = { ...context.correspondance! };
                  // One column holds one field: choosing it here frees it elsewhere.
                  if (event.index !== null) {
                    for (const c of champsImport) if (choisie[c] === event.index) choisie[c] = null;
                  }
                  choisie[event.champ] = event.index;
                  return choisie;
                },
              }),
            },
            'correspondance.valider': [
              { guard: 'correspondanceModifiee', target: 'enregistrement' },
              { target: '#import.rapport', actions: 'oublierErreur' },
            ],
            'import.quitter': {
              guard: 'correspondanceModifiee',
              target: 'confirmationQuitter',
              actions: 'retenirSortie',
            },
          },
        },
        enregistrement: {
          entry: 'oublierErreur',
          invoke: {
            src: 'changerCorrespondance',
            input: ({ context }) => ({ id: context.id ?? '', mapping: context.correspondance! }),
            onDone: {
              target: '#import.rapport',
              actions: { type: 'retenirVue', params: vueRecue },
            },
            onError: { target: 'edition', actions: 'retenirErreur' },
          },
        },
        confirmationQuitter: {
          on: {
            'quitter.annuler': { target: 'edition', actions: 'oublierSortie' },
            'quitter.confirmer': '#import.termine',
          },
        },
      },
    },
    // R-IM-4: the report before anything is sent.
    rapport: {
      initial: 'liste',
      states: {
        liste: {
          on: {
            'ligne.corriger': {
              guard: 'ligneModifiable',
              target: 'correction',
              actions: [
                'oublierErreur',
                'oublierSucces',
                assign(({ context, event }) => ({
                  ligne: event.n,
                  saisie: { ...ligneDe(context, event.n)!.valeurs },
                  modification: undefined,
                })),
              ],
            },
            'ligne.ignorer': {
              guard: 'ligneModifiable',
              target: 'enregistrement',
              actions: [
                'oublierSucces',
                assign(({ event }) => ({
                  ligne: event.n,
                  modification: { ignorer: event.ignorer },
                })),
              ],
            },
            'rapport.correspondance': {
              guard: 'correspondanceModifiable',
              target: '#import.correspondance',
              actions: ['oublierErreur', 'oublierSucces', 'proposerCorrespondance'],
            },
            'rapport.autreFichier': { target: 'confirmationAbandon', actions: 'oublierSucces' },
            'rapport.continuer': {
              guard: 'lignesPretes',
              target: '#import.recapitulatif',
              actions: ['oublierErreur', 'oublierSucces'],
            },
          },
        },
        // R-IM-4: a row retyped in the page, with the saisie's widgets.
        correction: {
          on: {
            'correction.changer': {
              actions: assign({
                saisie: ({ context, event }) => ({
                  ...context.saisie!,
                  [event.champ]: event.valeur,
                }),
              }),
            },
            'correction.enregistrer': {
              target: 'enregistrement',
              actions: assign({
                modification: ({ context }) => ({
                  valeurs: changements(ligneDe(context, context.ligne), context.saisie!),
                }),
              }),
            },
            'correction.annuler': { target: 'liste', actions: ['oublierLigne', 'oublierErreur'] },
            'import.quitter': {
              guard: 'saisieModifiee',
              target: 'confirmationQuitter',
              actions: 'retenirSortie',
            },
          },
        },
        enregistrement: {
          entry: 'oublierErreur',
          invoke: {
            src: 'modifierLigne',
            input: ({ context }) => ({
              id: context.id ?? '',
              n: context.ligne ?? 0,
              ...context.modification,
            }),
            onDone: [
              {
                guard: { type: 'ligneEncoreEnErreur', params: vueRecue },
                target: 'correction',
                actions: [
                  { type: 'retenirVue', params: vueRecue },
                  assign(({ context }) => ({
                    saisie: { ...ligneDe(context, context.ligne)!.valeurs },
                    modification: undefined,
                  })),
                ],
              },
              {
                target: 'liste',
                actions: [
                  { type: 'retenirVue', params: vueRecue },
                  assign(({ context }) => ({
                    succes: context.modification?.ignorer
                      ? `La ligne ${context.ligne} ne sera pas envoyée.`
                      : `La ligne ${context.ligne} a été enregistrée : ${
                          ligneDe(context, context.ligne)?.statut === 'pret'
                            ? 'elle est prête à envoyer'
                            : 'voyez son statut dans le tableau'
                        }.`,
                  })),
                  'oublierLigne',
                ],
              },
            ],
            onError: [
              { guard: 'enCorrection', target: 'correction', actions: 'retenirErreur' },
              { target: 'liste', actions: ['retenirErreur', 'oublierLigne'] },
            ],
          },
        },
        confirmationQuitter: {
          on: {
            'quitter.annuler': { target: 'correction', actions: 'oublierSortie' },
            'quitter.confirmer': '#import.termine',
          },
        },
        // « Importer un autre fichier »: this import and its fixes are abandoned, once confirmed.
        confirmationAbandon: {
          on: { 'abandon.annuler': 'liste', 'abandon.confirmer': 'abandon' },
        },
        abandon: {
          entry: 'oublierErreur',
          invoke: {
            src: 'abandonnerImport',
            input: ({ context }) => ({ id: context.id ?? '' }),
            onDone: {
              target: '#import.fichier',
              actions: assign({ id: undefined, vue: undefined, correspondance: undefined }),
            },
            onError: { target: 'liste', actions: 'retenirErreur' },
          },
        },
      },
    },
    // R-IM-5: what will be declared (count, totals), then « Valider ».
    recapitulatif: {
      on: {
        'recapitulatif.retour': '#import.rapport',
        'recapitulatif.valider': { target: 'envoi', actions: 'avancementRepris' },
      },
    },
    // R-IM-5: batch after batch, each committed by the server before it answers.
    envoi: {
      initial: 'lot',
      on: {
        // Leaving stops the envoi after the batch on its way; reopening the import resumes it.
        'import.quitter': {
          target: '.confirmationQuitter',
          actions: 'retenirSortie',
        },
      },
      states: {
        lot: {
          entry: ['oublierErreur', assign({ enPause: false })],
          invoke: {
            src: 'envoyerLot',
            input: ({ context }) => ({ id: context.id ?? '', lot: TAILLE_LOT }),
            onDone: [
              {
                guard: { type: 'resteAEnvoyer', params: avancementRecu },
                target: 'lot',
                reenter: true,
                actions: assign({ avancement: ({ event }) => event.output }),
              },
              {
                target: 'finalisation',
                actions: assign({ avancement: ({ event }) => event.output }),
              },
            ],
            onError: { target: 'pause', actions: 'retenirErreur' },
          },
        },
        // A batch failed (network, session): what was sent stays sent; the user resumes.
        pause: {
          entry: assign({ enPause: true }),
          on: { 'envoi.reprendre': 'lot' },
        },
        finalisation: {
          invoke: {
            src: 'chargerImport',
            input: ({ context }) => ({ id: context.id ?? '' }),
            onDone: { target: '#import.fin', actions: { type: 'retenirVue', params: vueRecue } },
            onError: { target: '#import.fin', actions: 'retenirErreur' },
          },
        },
        confirmationQuitter: {
          on: {
            'quitter.annuler': [
              { guard: 'enPause', target: 'pause', actions: 'oublierSortie' },
              { target: 'lot', actions: 'oublierSortie' },
            ],
            'quitter.confirmer': '#import.termine',
          },
        },
      },
    },
    fin: {
      on: {
        'fin.travailleurs': {
          target: 'termine',
          actions: assign({ sortie: 'travailleurs' as const }),
        },
      },
    },
    termine: { type: 'final' },
  },
});
