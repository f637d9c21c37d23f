/**
 * The import machine's base (machines/import.machine.ts puts the steps together): its types, the
 * server calls it is given (ui/api-import.ts, or the fakes of the tests and stories), and the
 * guards and actions its steps name.
 */
import { assign, fromPromise, setup, type DoneActorEvent } from 'xstate';
import { champsImport } from '../../forms/import.ts';
import type {
  AvancementEnvoi,
  ChampImport,
  Correspondance,
  FichierChoisi,
  ImportVue,
  LigneImport,
} from '../import.types.ts';
import { asApiError, type ApiError } from '../types.ts';

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
export function changements(ligne: LigneImport | undefined, saisie: Record<ChampImport, string>) {
  const valeurs: Partial<Record<ChampImport, string>> = {};
  for (const champ of champsImport) {
    if (saisie[champ] !== (ligne?.valeurs[champ] ?? '')) valeurs[champ] = saisie[champ];
  }
  return valeurs;
}

/** What a server call answered: the params of the guards and actions that read it. */
const reponse = <T>({ event }: { event: DoneActorEvent<T> }) => event.output;
export const vueRecue = reponse<ImportVue>;
export const avancementRecu = reponse<AvancementEnvoi>;

/** « 1 certificat », « 3 certificats ». */
export const certificatsN = (n: number) => `${n} certificat${n > 1 ? 's' : ''}`;

export const importBase = setup({
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
});
