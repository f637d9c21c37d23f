/**
 * R-IM (SPEC §12): the import of a payroll file (import.machine.ts), invoked from Mes
 * travailleurs or resumed from the accueil, kept alive under the header's quit confirmation.
 * Leaving it is asked of the import, which confirms first where something would be lost.
 */
import { sendTo, type DoneActorEvent } from 'xstate';
import type { ImportOutput, SortieImport } from '../import.machine.ts';
import { portalBase } from './base.ts';
import type { ArgsPortail } from './contexte.ts';

/** Where the import said to go when it ended: the params of the guards below. */
const issue = ({ event }: { event: DoneActorEvent<ImportOutput> }) => event.output.issue;

export const gardesImport = {
  importVersAccueil: (_: ArgsPortail, vers: SortieImport) => vers === 'accueil',
  importVersMotDePasse: (_: ArgsPortail, vers: SortieImport) => vers === 'motDePasse',
  importVersPortail: (_: ArgsPortail, vers: SortieImport) => vers === 'portail',
};

const importSetup = portalBase.extend({ guards: gardesImport });

export const importEnCours = importSetup.createStateConfig({
  invoke: {
    id: 'import',
    src: 'import',
    input: ({ context }) => ({
      caf: context.imports?.find((i) => i.id === context.importRepris)?.caf ?? context.caf ?? '',
      reprise: context.importRepris,
    }),
    onDone: [
      { guard: { type: 'importVersAccueil', params: issue }, target: 'accueil' },
      { guard: { type: 'importVersMotDePasse', params: issue }, target: 'motDePasse' },
      { guard: { type: 'importVersPortail', params: issue }, target: 'accueil' },
      { target: 'travailleurs.chargement' },
    ],
  },
  exit: portalBase.assign({ importRepris: undefined }),
  initial: 'actif',
  on: {
    'portail.motDePasse': {
      actions: sendTo('import', { type: 'import.quitter', vers: 'motDePasse' }),
    },
    'navigation.aller': {
      actions: sendTo('import', ({ event }) => ({
        type: 'import.quitter',
        vers: event.adresse.ecran === 'accueil' ? 'accueil' : 'travailleurs',
      })),
    },
  },
  states: {
    actif: {
      on: {
        'portail.quitter': [
          {
            guard: 'plusieursCaf',
            actions: sendTo('import', { type: 'import.quitter', vers: 'portail' }),
          },
          { target: 'confirmationQuitter' },
        ],
      },
    },
    // The import is kept by the server: a logout loses only what this page holds.
    confirmationQuitter: {
      on: { 'quitter.annuler': 'actif', 'quitter.confirmer': '#portail.deconnexion' },
    },
  },
});
