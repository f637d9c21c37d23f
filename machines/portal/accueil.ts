/**
 * The Esat's accueil (SPEC §3, docs/espace.md): its Caf (a choice when several, the identifiant
 * de communication when the Caf asks for it, R-AC-7), its drafts (R-SE-2) and unfinished imports
 * (R-IM-5); and where a bookmark or a reload asked to go once logged in.
 */
import { and, assign } from 'xstate';
import { normaliserIdentifiant } from '../../forms/identifiant.ts';
import { portalBase } from './base.ts';
import type { ArgsPortail } from './contexte.ts';

export const gardesAccueil = {
  identifiantBienForme: ({ event }: ArgsPortail) =>
    event.type === 'identifiant.valider' && 'valeur' in normaliserIdentifiant(event.identifiant),
  voulu: ({ context }: ArgsPortail, ecran: string) => context.adresseVoulue?.ecran === ecran,
  /** A reload inside a run: the tab kept that run and the address names its worker. */
  runVoulu: ({ context }: ArgsPortail) => {
    const voulue = context.adresseVoulue;
    const run = context.reprise?.run;
    return (
      !!voulue &&
      'id' in voulue &&
      !!run &&
      context.reprise?.caf === context.caf &&
      run.travailleurs[run.index]?.id === voulue.id
    );
  },
};

export const actionsAccueil = {
  /** After a reload: the selection the tab kept, for the Caf it was made for. */
  reprendreSelection: portalBase.assign(({ context }) =>
    context.reprise && context.reprise.caf === context.caf
      ? { selection: context.reprise.selection }
      : {},
  ),
  reprendreRun: portalBase.assign(({ context }) => ({ run: context.reprise?.run })),
};

const accueilSetup = portalBase.extend({ guards: gardesAccueil, actions: actionsAccueil });

/** R-AC-7: the identifiant de communication, checked here then by the Caf (the server). */
const identification = accueilSetup.createStateConfig({
  initial: 'saisie',
  on: {
    'portail.quitter': '.confirmationQuitter',
    'accueil.choisirCaf': { target: 'aiguillage', actions: 'choisirCaf' },
  },
  states: {
    saisie: {
      on: {
        'identifiant.valider': [
          { guard: 'identifiantBienForme', target: 'envoi' },
          {
            actions: assign({
              erreur: ({ event }) => {
                const r = normaliserIdentifiant(event.identifiant);
                const message = 'erreur' in r ? r.erreur : '';
                return {
                  status: 422,
                  code: 'identifiant-invalide',
                  message,
                  fields: [{ path: '/identifiant', message }],
                };
              },
            }),
          },
        ],
      },
    },
    envoi: {
      entry: 'oublierErreur',
      invoke: {
        src: 'verifierIdentifiant',
        input: ({ context, event }) => ({
          caf: context.caf ?? '',
          identifiant: event.type === 'identifiant.valider' ? event.identifiant : '',
        }),
        onDone: {
          target: '#portail.espace.accueil.pret',
          actions: assign({
            cafs: ({ context }) =>
              context.cafs.map((c) =>
                c.code === context.caf ? { ...c, identifiantRequis: false } : c,
              ),
          }),
        },
        onError: { target: 'saisie', actions: 'retenirErreur' },
      },
    },
    confirmationQuitter: {
      on: { 'quitter.annuler': 'saisie', 'quitter.confirmer': '#portail.deconnexion' },
    },
  },
});

export const accueil = accueilSetup.createStateConfig({
  initial: 'chargement',
  on: {
    // The users of the Esat do not depend on the Caf chosen (nor on its identifiant).
    'accueil.utilisateurs': {
      guard: 'estReferent',
      target: '#portail.espace.utilisateurs',
      actions: 'oublierSucces',
    },
    'accueil.jetons': { guard: 'estReferent', target: '#portail.espace.jetons' },
  },
  states: {
    chargement: {
      entry: 'oublierErreur',
      invoke: {
        src: 'chargerAccueil',
        onDone: {
          target: 'aiguillage',
          actions: assign(({ context, event }) => ({
            cafs: event.output.cafs,
            calendrier: event.output.calendrier,
            brouillons: event.output.brouillons,
            imports: event.output.imports,
            caf: context.caf ?? event.output.cafs[0]?.code,
          })),
        },
        onError: { target: 'echec', actions: 'retenirErreur' },
      },
    },
    echec: {},
    // R-AC-7: a Caf that does not know the Esat's SIRET asks for its identifiant first.
    aiguillage: {
      always: [
        {
          guard: 'identifiantRequis',
          target: 'identification',
          actions: 'oublierAdresseVoulue',
        },
        // A bookmark or a reload of Mes travailleurs or of a run, once logged in.
        {
          guard: and([{ type: 'voulu', params: 'travailleurs' }, 'cafAvecTravailleurs']),
          target: '#portail.espace.travailleurs',
          actions: ['allerTravailleurs', 'reprendreSelection', 'oublierAdresseVoulue'],
        },
        {
          guard: 'runVoulu',
          target: '#portail.espace.run',
          actions: ['reprendreSelection', 'reprendreRun'],
        },
        { target: 'pret', actions: 'oublierAdresseVoulue' },
      ],
    },
    // R-SE-2: a draft is deleted only once the user confirms it.
    confirmationSuppression: {
      on: {
        'suppression.annuler': {
          target: 'pret',
          actions: assign({ brouillonASupprimer: undefined }),
        },
        'suppression.confirmer': 'suppression',
      },
    },
    suppression: {
      entry: 'oublierErreur',
      invoke: {
        src: 'supprimerBrouillon',
        input: ({ context }) => ({ workerId: context.brouillonASupprimer ?? '' }),
        onDone: {
          target: 'pret',
          actions: assign(({ context }) => ({
            brouillons: context.brouillons?.filter(
              (b) => b.travailleur?.id !== context.brouillonASupprimer,
            ),
            brouillonASupprimer: undefined,
            succes: 'Le brouillon a été supprimé.',
          })),
        },
        onError: {
          target: 'pret',
          actions: ['retenirErreur', assign({ brouillonASupprimer: undefined })],
        },
      },
    },
    confirmationQuitter: {
      on: { 'quitter.annuler': 'aiguillage', 'quitter.confirmer': '#portail.deconnexion' },
    },
    identification,
    pret: {
      on: {
        'portail.quitter': 'confirmationQuitter',
        'accueil.choisirCaf': { target: 'aiguillage', actions: 'choisirCaf' },
        'accueil.travailleurs': {
          guard: 'cafAvecTravailleurs',
          target: '#portail.espace.travailleurs',
          actions: 'oublierSucces',
        },
        'brouillon.supprimer': {
          target: 'confirmationSuppression',
          actions: [
            assign({ brouillonASupprimer: ({ event }) => event.workerId }),
            'oublierSucces',
          ],
        },
        // R-IM-5: an unfinished import, resumed at the step it stopped.
        'accueil.reprendreImport': {
          target: '#portail.espace.import',
          actions: [assign({ importRepris: ({ event }) => event.id }), 'oublierSucces'],
        },
      },
    },
  },
});
