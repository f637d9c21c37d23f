/**
 * One run over the selected workers (SPEC §4, R-FL-4/5): each worker's fiche (fiche.ts), then
 * its declaration (declaration.machine.ts, invoked), the partner proposed after one member of a
 * couple (R-CS-5); a quit during a declaration is confirmed first and its draft kept (R-SE-2).
 */
import { and, assign, not, sendTo, type DoneActorEvent } from 'xstate';
import { blocageDossier } from '../../forms/dossiers.ts';
import type { DeclarationOutput } from '../declaration.machine.ts';
import { portalBase } from './base.ts';
import {
  brouillonRepris,
  copieConjoint,
  sortieAdresse,
  teleprocedureCourante,
  travailleurCourant,
  type ArgsPortail,
  type PortalContext,
  type PortalEvent,
  type Sortie,
} from './contexte.ts';
import { fiche, gardesFiche } from './fiche.ts';

/** What the declaration said when it ended: the params of the guards and actions that read it. */
const sortie = ({ event }: { event: DoneActorEvent<DeclarationOutput> }) => event.output;

/**
 * A declaration recorded, the couple dialog open above the fiche (R-CS-5): the fiche shows the
 * new declaration (no stale « Aucune déclaration », no draft), and the run keeps what was
 * declared to prefill the partner's saisie.
 */
function apresDeclarationPourConjoint(
  context: PortalContext,
  output: DeclarationOutput,
): Partial<PortalContext> {
  const fiche = context.fiche!;
  const { accuse, declare } = output;
  if (!accuse || !declare) return {};
  const teleprocedure = teleprocedureCourante(context)!;
  const recu = {
    id: accuse.id,
    submittedAt: accuse.submittedAt,
    reference: accuse.reference,
    etat: 'a-traiter' as const,
  };
  const historique = { ...recu, kind: accuse.kind };
  const certificat = teleprocedure === 'certificat' ? recu : fiche.certificat;
  return {
    fiche: {
      ...fiche,
      history: [historique, ...fiche.history],
      brouillon: undefined,
      certificat,
    },
    run: {
      ...context.run!,
      copie: {
        pour: fiche.conjoint!.id,
        de: `${fiche.prenom} ${fiche.nom.toUpperCase()}`,
        teleprocedure,
        ...declare,
      },
    },
  };
}

export const gardesRun = {
  /** The declaration ended on « Quitter » from its récapitulatif: back to the fiche. */
  retourFiche: (_: ArgsPortail, output: DeclarationOutput) => output.issue === 'fiche',
  /** The declaration ended on a confirmed « Quitter »: back to Mes travailleurs. */
  retourTravailleurs: (_: ArgsPortail, output: DeclarationOutput) =>
    output.issue === 'travailleurs',
  conjointAProposer: ({ context }: ArgsPortail, output: DeclarationOutput) => {
    const conjoint = context.fiche?.conjoint;
    return (
      output.issue === 'suivant' &&
      !!conjoint &&
      !blocageDossier(conjoint.dossier) &&
      !context.run!.travailleurs.some((t) => t.id === conjoint.id)
    );
  },
  sortieVers: ({ context }: ArgsPortail, vers: string) =>
    context.sortie?.vers === vers || sortieAdresse(context)?.ecran === vers,
};

export const actionsRun = {
  retenirSortie: assign<PortalContext, PortalEvent, Sortie, PortalEvent, never>((_, sortie) => ({
    sortie,
  })),
  retenirSortieAdresse: portalBase.assign(({ event }) =>
    event.type === 'navigation.aller'
      ? { sortie: { vers: 'adresse' as const, adresse: event.adresse } }
      : {},
  ),
  marquerValide: portalBase.assign({
    run: ({ context }) => ({
      ...context.run!,
      valides: [...context.run!.valides, travailleurCourant(context).id],
    }),
  }),
  /** A declaration left from its Fin page was recorded all the same. */
  marquerSiEnregistree: assign<PortalContext, PortalEvent, DeclarationOutput, PortalEvent, never>(
    ({ context }, output) =>
      output.accuse
        ? {
            run: {
              ...context.run!,
              valides: [...context.run!.valides, travailleurCourant(context).id],
            },
          }
        : {},
  ),
  oublierCopie: portalBase.assign({
    run: ({ context }) => ({ ...context.run!, copie: undefined }),
  }),
};

// The run holds the fiche: it names the fiche's guards too.
const runSetup = portalBase.extend({
  guards: { ...gardesFiche, ...gardesRun },
  actions: actionsRun,
});

const declaration = runSetup.createStateConfig({
  initial: 'active',
  on: {
    // Back or Forward between the steps of this declaration: the declaration decides
    // (récapitulatif → saisie); any other address waits for the quit confirmation.
    'navigation.aller': [
      {
        guard: and(['versCourant', { type: 'versEcran', params: 'declaration' }]),
        actions: sendTo('declaration', ({ event }) => event),
      },
      { actions: 'rester' },
    ],
  },
  invoke: {
    id: 'declaration',
    src: 'declaration',
    input: ({ context }) => {
      // R-SE-2: a draft of the same téléprocédure is resumed as it was left;
      // R-CS-5: else the partner's declaration, copied for the user to check.
      const brouillon = brouillonRepris(context) ?? copieConjoint(context);
      const teleprocedure = teleprocedureCourante(context)!;
      return {
        teleprocedure,
        kind: teleprocedure === 'certificat' ? ('certificat' as const) : brouillon?.kind,
        today: context.calendrier?.today,
        travailleur: travailleurCourant(context),
        estDernier: context.run!.index + 1 >= context.run!.travailleurs.length,
        saisie: brouillon?.saisie,
        reponses: brouillon?.reponses,
        copieDe: copieConjoint(context)?.de,
      };
    },
    onDone: [
      { guard: { type: 'retourFiche', params: sortie }, target: 'fiche' },
      {
        guard: { type: 'retourTravailleurs', params: sortie },
        target: '#portail.espace.travailleurs',
        actions: [{ type: 'marquerSiEnregistree', params: sortie }, 'interrompreRun'],
      },
      {
        guard: { type: 'conjointAProposer', params: sortie },
        target: 'proposerConjoint',
        actions: [
          'marquerValide',
          assign(({ context, event }) => apresDeclarationPourConjoint(context, event.output)),
        ],
      },
      {
        guard: 'resteDesTravailleurs',
        target: 'fiche',
        actions: ['marquerValide', 'travailleurSuivant'],
      },
      { target: '#portail.espace.travailleurs', actions: 'finirRun' },
    ],
  },
  states: {
    active: {
      on: {
        // The header during a declaration, and Back/Forward to another screen: what
        // was typed is kept as a draft (R-SE-2), the quit is confirmed first.
        'portail.quitter': {
          target: 'confirmationQuitter',
          actions: { type: 'retenirSortie', params: { vers: 'quitter' } },
        },
        'portail.motDePasse': {
          target: 'confirmationQuitter',
          actions: { type: 'retenirSortie', params: { vers: 'motDePasse' } },
        },
        'navigation.aller': {
          guard: not(and(['versCourant', { type: 'versEcran', params: 'declaration' }])),
          target: 'confirmationQuitter',
          actions: 'retenirSortieAdresse',
        },
      },
    },
    confirmationQuitter: {
      on: {
        'quitter.annuler': { target: 'active', actions: assign({ sortie: undefined }) },
        'quitter.confirmer': [
          {
            guard: and([{ type: 'sortieVers', params: 'quitter' }, 'plusieursCaf']),
            target: '#portail.espace.accueil',
            actions: 'interrompreRun',
          },
          {
            guard: { type: 'sortieVers', params: 'quitter' },
            target: '#portail.deconnexion',
          },
          {
            guard: { type: 'sortieVers', params: 'fiche' },
            target: '#portail.espace.run.fiche',
            actions: assign({ sortie: undefined }),
          },
          {
            guard: { type: 'sortieVers', params: 'travailleurs' },
            target: '#portail.espace.travailleurs.chargement',
            actions: ['allerTravailleurs', 'interrompreRun'],
          },
          {
            guard: { type: 'sortieVers', params: 'motDePasse' },
            target: '#portail.espace.motDePasse',
            actions: 'interrompreRun',
          },
          { target: '#portail.espace.accueil', actions: 'interrompreRun' },
        ],
      },
    },
  },
});

export const run = runSetup.createStateConfig({
  initial: 'fiche',
  states: {
    fiche,
    declaration,
    // R-CS-5: after one member of a couple working here, the other is proposed.
    proposerConjoint: {
      on: {
        'conjoint.declarer': {
          target: 'fiche',
          actions: [
            assign({
              run: ({ context }) => {
                const run = context.run!;
                const travailleurs = [...run.travailleurs];
                travailleurs.splice(run.index + 1, 0, context.fiche!.conjoint!);
                return { ...run, travailleurs };
              },
            }),
            'travailleurSuivant',
          ],
        },
        'conjoint.ignorer': [
          {
            guard: 'resteDesTravailleurs',
            target: 'fiche',
            actions: ['oublierCopie', 'travailleurSuivant'],
          },
          { target: '#portail.espace.travailleurs', actions: 'finirRun' },
        ],
      },
    },
  },
});
