/**
 * R-API-2: « Accès pour votre logiciel de paie » — the référent's API tokens: the list (last use,
 * expiry), the creation (name, last valid day, one year by default), the secret shown once and
 * forgotten as soon as the référent leaves it, the revocation after a confirmation.
 * No fetch and no DOM: the server's calls are actors provided by the UI (ui/screens/jetons/api.ts).
 */
import { assign, fromPromise, setup } from 'xstate';
import { lireJour, unAnApres } from '../forms/dates.ts';
import { asApiError, type Api, type ApiError, type Reponse } from './types.ts';

/**
 * A token as GET /api/tokens lists it (never its secret): the server's answer, derived (issue 15),
 * so that a change of its shape breaks the machine, the screen and the fixtures.
 */
export type Jeton = Reponse<Api['tokens']['$get']>[number];

/** The answer of POST /api/tokens: the token, and its secret this once. */
export type JetonCree = Reponse<Api['tokens']['$post'], 201>;

export interface JetonsInput {
  /** "Today" (`YYYY-MM-DD`, the server's): the default expiry is one year after it. */
  today: string;
}

export interface JetonsContext {
  today: string;
  /** The latest expiry allowed today (`unAnApres(today)`), the default of the form; '' unknown. */
  max: string;
  jetons?: Jeton[];
  erreur?: ApiError;
  succes?: string;
  /** The token just created, with its secret: kept only while the secret is on screen. */
  cree?: JetonCree;
  /** Whether the secret was copied (the UI's clipboard said so). */
  copie: boolean;
  /** The token about to be revoked (after the confirmation). */
  cible?: Jeton;
}

export type JetonsEvent =
  | { type: 'jetons.creer' }
  | { type: 'jetons.revoquer'; id: string }
  | { type: 'jetons.retour' }
  | { type: 'creation.valider'; name: string; expiresAt: string }
  | { type: 'creation.annuler' }
  | { type: 'secret.copie' }
  | { type: 'secret.fermer' }
  | { type: 'revocation.confirmer' }
  | { type: 'revocation.annuler' };

/**
 * The day as typed (`JJ/MM/AAAA`, the format of every date field of the product, or ISO) as the
 * server reads it (`YYYY-MM-DD`); anything else is sent as typed, for the server to refuse.
 */
export function jourSaisi(texte: string): string {
  return lireJour(texte.trim());
}

export const jetonsMachine = setup({
  types: {
    context: {} as JetonsContext,
    events: {} as JetonsEvent,
    input: {} as JetonsInput,
  },
  actors: {
    chargerJetons: fromPromise<Jeton[]>(async () => {
      throw new Error('chargerJetons: actor not provided');
    }),
    creerJeton: fromPromise<JetonCree, { name: string; expiresAt: string }>(async () => {
      throw new Error('creerJeton: actor not provided');
    }),
    revoquerJeton: fromPromise<Jeton, { id: string }>(async () => {
      throw new Error('revoquerJeton: actor not provided');
    }),
  },
  actions: {
    retenirErreur: assign({
      erreur: ({ event }) => asApiError('error' in event ? event.error : undefined),
    }),
    oublierErreur: assign({ erreur: undefined }),
    oublierSucces: assign({ succes: undefined }),
    /** The secret leaves the memory with the screen that showed it. */
    oublierSecret: assign({ cree: undefined, copie: false }),
  },
}).createMachine({
  id: 'jetons',
  context: ({ input }) => ({
    today: input.today,
    max: input.today ? unAnApres(input.today) : '',
    copie: false,
  }),
  initial: 'chargement',
  on: { 'jetons.retour': { target: '.fin', actions: 'oublierSecret' } },
  states: {
    chargement: {
      entry: 'oublierErreur',
      invoke: {
        src: 'chargerJetons',
        onDone: { target: 'liste', actions: assign({ jetons: ({ event }) => event.output }) },
        onError: { target: 'liste', actions: 'retenirErreur' },
      },
    },
    liste: {
      on: {
        'jetons.creer': { target: 'creation', actions: ['oublierSucces', 'oublierErreur'] },
        'jetons.revoquer': {
          target: 'confirmationRevocation',
          actions: [
            assign({
              cible: ({ context, event }) => context.jetons?.find((j) => j.id === event.id),
            }),
            'oublierSucces',
            'oublierErreur',
          ],
        },
      },
    },
    creation: {
      initial: 'saisie',
      on: { 'creation.annuler': { target: 'liste', actions: 'oublierErreur' } },
      states: {
        saisie: { on: { 'creation.valider': 'envoi' } },
        envoi: {
          entry: 'oublierErreur',
          invoke: {
            src: 'creerJeton',
            input: ({ event }) =>
              event.type === 'creation.valider'
                ? { name: event.name, expiresAt: jourSaisi(event.expiresAt) }
                : { name: '', expiresAt: '' },
            onDone: {
              target: '#jetons.secret',
              actions: assign({ cree: ({ event }) => event.output, copie: false }),
            },
            onError: { target: 'saisie', actions: 'retenirErreur' },
          },
        },
      },
    },
    // Shown once: the server keeps only its hash, and the machine forgets it on leaving.
    secret: {
      on: {
        'secret.copie': { actions: assign({ copie: true }) },
        'secret.fermer': {
          target: 'chargement',
          actions: [
            assign({
              succes: ({ context }) =>
                `Le jeton « ${context.cree?.name ?? ''} » est créé. Votre logiciel de paie peut l'utiliser dès maintenant.`,
            }),
            'oublierSecret',
          ],
        },
      },
    },
    confirmationRevocation: {
      on: {
        'revocation.confirmer': 'revocation',
        'revocation.annuler': { target: 'liste', actions: assign({ cible: undefined }) },
      },
    },
    revocation: {
      invoke: {
        src: 'revoquerJeton',
        input: ({ context }) => ({ id: context.cible?.id ?? '' }),
        onDone: {
          target: 'chargement',
          actions: assign({
            cible: undefined,
            succes: ({ event }) =>
              `Le jeton « ${event.output.name} » est révoqué : il ne donne plus accès au service.`,
          }),
        },
        onError: { target: 'liste', actions: ['retenirErreur', assign({ cible: undefined })] },
      },
    },
    fin: { type: 'final' },
  },
});
