/**
 * The fiche of the worker on screen during a run (SPEC §4, R-FL-4): its history, its draft
 * (resumed or deleted, R-SE-2), « Commencer » when its file can take a declaration (R-WK) and
 * its certificat is not declared yet, else a changement; « Passer au travailleur suivant ».
 */
import { and, assign, not, stateIn } from 'xstate';
import { portalBase } from './base.ts';
import { travailleurCourant, type ArgsPortail } from './contexte.ts';
import { teleprocedureDisponible } from './travailleurs.ts';

export const gardesFiche = {
  changementOuvert: ({ context }: ArgsPortail) =>
    teleprocedureDisponible('changement', context.calendrier),
  saisieVoulue: ({ context }: ArgsPortail) => context.adresseVoulue?.ecran === 'declaration',
};

const ficheSetup = portalBase.extend({ guards: gardesFiche });

export const fiche = ficheSetup.createStateConfig({
  initial: 'chargement',
  on: {
    // Forward from the fiche to its declaration starts it; another screen is reached
    // at once (espace's navigation), the workers not declared yet staying selected.
    'navigation.aller': [
      {
        guard: and([
          'versCourant',
          { type: 'versEcran', params: 'declaration' },
          stateIn('#portail.espace.run.fiche.affichage'),
          'dossierActif',
          not('certificatDejaDeclare'),
        ]),
        target: '#portail.espace.run.declaration',
      },
      { guard: 'versCourant', actions: 'rester' },
    ],
    'fiche.passer': [
      {
        guard: 'resteDesTravailleurs',
        target: '.chargement',
        actions: 'travailleurSuivant',
        reenter: true,
      },
      { target: '#portail.espace.travailleurs', actions: 'finirRun' },
    ],
    // On every worker of the run: the workers not declared yet stay selected.
    'fiche.retour': {
      target: '#portail.espace.travailleurs',
      actions: 'interrompreRun',
    },
  },
  states: {
    chargement: {
      entry: 'oublierErreur',
      invoke: {
        src: 'chargerFiche',
        input: ({ context }) => ({ id: travailleurCourant(context).id }),
        onDone: {
          target: 'affichage',
          actions: assign({ fiche: ({ event }) => event.output }),
        },
        onError: { target: 'affichage', actions: 'retenirErreur' },
      },
    },
    affichage: {
      // A reload in the middle of a declaration: its draft is resumed at once.
      always: [
        {
          guard: and([
            'saisieVoulue',
            'dossierActif',
            not('certificatDejaDeclare'),
            'brouillonARepris',
          ]),
          target: '#portail.espace.run.declaration',
          actions: 'oublierAdresseVoulue',
        },
        { guard: 'saisieVoulue', actions: 'oublierAdresseVoulue' },
      ],
      on: {
        'fiche.declarer': {
          guard: and(['dossierActif', not('certificatDejaDeclare')]),
          target: '#portail.espace.run.declaration',
        },
        // A certificat already declared: a changement de situation can still be made.
        'fiche.changement': {
          guard: and(['certificatDejaDeclare', 'dossierActif', 'changementOuvert']),
          target: '#portail.espace.run.declaration',
          actions: assign({
            run: ({ context }) => ({
              ...context.run!,
              changementPour: travailleurCourant(context).id,
            }),
          }),
        },
        'portail.quitter': {
          guard: not('plusieursCaf'),
          target: 'confirmationQuitter',
        },
        'brouillon.supprimer': {
          guard: 'brouillonARepris',
          target: 'confirmationSuppression',
          actions: assign({ brouillonASupprimer: ({ event }) => event.workerId }),
        },
      },
    },
    confirmationQuitter: {
      on: {
        'quitter.annuler': 'affichage',
        'quitter.confirmer': '#portail.deconnexion',
      },
    },
    confirmationSuppression: {
      on: {
        'suppression.annuler': {
          target: 'affichage',
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
          target: 'affichage',
          actions: assign(({ context }) => ({
            fiche: context.fiche && { ...context.fiche, brouillon: undefined },
            brouillons: context.brouillons?.filter(
              (b) => b.travailleur?.id !== context.brouillonASupprimer,
            ),
            brouillonASupprimer: undefined,
          })),
        },
        onError: {
          target: 'affichage',
          actions: ['retenirErreur', assign({ brouillonASupprimer: undefined })],
        },
      },
    },
  },
});
