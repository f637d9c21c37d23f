/**
 * « Mes travailleurs » (SPEC §3, docs/espace.md): the tiles of the Caf's workers, filtered on
 * the server after a pause in typing, by pages, the selection kept across them (R-FL-2); the
 * choice of téléprocédure by today's date (R-FL-3) that starts a run; the import (R-IM).
 */
import { and, assign, not } from 'xstate';
import { teleproceduresOuvertes, type Teleprocedure } from '../../forms/calendrier.ts';
import { blocageDossier } from '../../forms/dossiers.ts';
import type { Calendrier, Travailleur } from '../types.ts';
import { portalBase } from './base.ts';
import { TAILLE_PAGE, type ArgsPortail } from './contexte.ts';

/** Whether a téléprocédure can be run now (R-FL-3). */
export function teleprocedureDisponible(t: Teleprocedure, calendrier?: Calendrier): boolean {
  return !!calendrier && teleproceduresOuvertes(calendrier.today).includes(t);
}

/** Adds the workers that can take a declaration (R-WK) to the selection, once each. */
function ajouterALaSelection(selection: Travailleur[], ajout: Travailleur[]) {
  const deja = new Set(selection.map((t) => t.id));
  return [...selection, ...ajout.filter((t) => !deja.has(t.id) && !blocageDossier(t.dossier))];
}

export const gardesTravailleurs = {
  nouvelleCafSansIdentifiant: ({ context, event }: ArgsPortail) =>
    event.type === 'travailleurs.changerCaf' &&
    !!context.cafs.find((c) => c.code === event.code)?.identifiantRequis,
  selectionNonVide: ({ context }: ArgsPortail) => context.selection.length > 0,
  teleprocedureOuverte: ({ context, event }: ArgsPortail) =>
    event.type === 'choix.choisir' &&
    teleprocedureDisponible(event.teleprocedure, context.calendrier),
  porteePage: ({ event }: ArgsPortail) =>
    event.type === 'travailleurs.toutSelectionner' && event.portee === 'page',
  campagneOuverte: ({ context }: ArgsPortail) => !!context.calendrier?.certificatOpen,
};

const travailleursSetup = portalBase.extend({ guards: gardesTravailleurs });

export const travailleurs = travailleursSetup.createStateConfig({
  initial: 'chargement',
  on: {
    'travailleurs.accueil': 'accueil',
    'travailleurs.filtrer': {
      target: '.attenteFiltre',
      actions: assign({ q: ({ event }) => event.q, page: 1 }),
    },
    'travailleurs.page': {
      target: '.chargement',
      actions: assign({ page: ({ event }) => event.page }),
    },
    'travailleurs.sansCertificat': {
      target: '.chargement',
      actions: assign({ sansCertificat: ({ event }) => event.actif, page: 1 }),
    },
    'travailleurs.toutDeselectionner': { actions: assign({ selection: [] }) },
    'travailleurs.basculer': {
      actions: assign({
        selection: ({ context, event }) =>
          context.selection.some((t) => t.id === event.travailleur.id)
            ? context.selection.filter((t) => t.id !== event.travailleur.id)
            : [...context.selection, event.travailleur],
      }),
    },
    'travailleurs.changerCaf': [
      {
        guard: and(['plusieursCaf', 'nouvelleCafSansIdentifiant']),
        target: 'accueil',
        actions: 'choisirCaf',
      },
      { guard: 'plusieursCaf', target: '.chargement', actions: 'choisirCaf' },
    ],
  },
  states: {
    attenteFiltre: {
      after: { filtrage: 'chargement' },
    },
    chargement: {
      entry: 'oublierErreur',
      invoke: {
        src: 'chargerTravailleurs',
        input: ({ context }) => ({
          caf: context.caf ?? '',
          q: context.q,
          page: context.page,
          pageSize: TAILLE_PAGE,
          sansCertificat: context.sansCertificat,
        }),
        onDone: {
          target: 'liste',
          actions: assign({ liste: ({ event }) => event.output }),
        },
        onError: { target: 'liste', actions: 'retenirErreur' },
      },
    },
    confirmationQuitter: {
      on: { 'quitter.annuler': 'liste', 'quitter.confirmer': '#portail.deconnexion' },
    },
    liste: {
      on: {
        'portail.quitter': { guard: not('plusieursCaf'), target: 'confirmationQuitter' },
        'travailleurs.declarer': { guard: 'selectionNonVide', target: 'choix' },
        // R-IM: « Importer un fichier de paie », during the campaign.
        'travailleurs.importer': {
          guard: 'campagneOuverte',
          target: '#portail.espace.import',
          actions: assign({ importRepris: undefined }),
        },
        // « Tout sélectionner »: this page at once, or every matching worker (all pages).
        'travailleurs.toutSelectionner': [
          {
            guard: 'porteePage',
            actions: assign({
              selection: ({ context }) =>
                ajouterALaSelection(context.selection, context.liste?.items ?? []),
            }),
          },
          { target: 'selectionTous' },
        ],
      },
    },
    selectionTous: {
      entry: 'oublierErreur',
      invoke: {
        src: 'chargerTousTravailleurs',
        input: ({ context }) => ({
          caf: context.caf ?? '',
          q: context.q,
          sansCertificat: context.sansCertificat,
        }),
        onDone: {
          target: 'liste',
          actions: assign({
            selection: ({ context, event }) => ajouterALaSelection(context.selection, event.output),
          }),
        },
        onError: { target: 'liste', actions: 'retenirErreur' },
      },
    },
    choix: {
      on: {
        'choix.fermer': 'liste',
        'choix.choisir': {
          guard: 'teleprocedureOuverte',
          target: '#portail.espace.run',
          actions: assign({
            run: ({ context, event }) => ({
              teleprocedure: event.teleprocedure,
              travailleurs: context.selection,
              index: 0,
              valides: [],
            }),
          }),
        },
      },
    },
  },
});
