/**
 * R-IM (SPEC §12): the import of a payroll file, as the user meets it — fichier → correspondance
 * des colonnes → rapport (rows fixed in the page or left out) → récapitulatif → « Valider » →
 * envoi batch by batch with its progress → fin; « Quitter » asks first where something would be
 * lost; an unfinished import is resumed at the step it stopped. The portal invokes it from Mes
 * travailleurs and from the accueil. No fetch and no DOM: every call is an actor supplied from
 * outside (ui/api-import.ts, or the fakes of the tests and stories).
 *
 * Its steps live in machines/import/: base.ts (types, actors, guards and actions), fichier.ts
 * (a resumed import, the file, its columns), rapport.ts (the report and its fixes) and envoi.ts
 * (récapitulatif, envoi, fin).
 */
import { importBase } from './import/base.ts';
import { envoi, fin, recapitulatif } from './import/envoi.ts';
import { chargement, correspondance, echec, fichier } from './import/fichier.ts';
import { rapport } from './import/rapport.ts';

export {
  TAILLE_LOT,
  certificatsN,
  correspondanceDe,
  ligneDe,
  type ImportContext,
  type ImportInput,
  type ImportOutput,
  type ModificationLigne,
  type SortieImport,
} from './import/base.ts';

export const importMachine = importBase.createMachine({
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
    chargement,
    echec,
    fichier,
    correspondance,
    rapport,
    recapitulatif,
    envoi,
    fin,
    termine: { type: 'final' },
  },
});
