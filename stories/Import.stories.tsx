import type { Meta } from '@storybook/react-vite';
import { waitFor, type EventFrom, type SnapshotFrom } from 'xstate';
import type { importMachine } from '../machines/import.machine.ts';
import { Import } from '../ui/screens/import/Import.tsx';
import { Portail } from '../ui/screens/Portail.tsx';
import { csvImport } from '../test/machines/fixtures-import.ts';
import { accueil, type PortalActor } from './drive.ts';
import {
  attendreImport,
  envoyerFichier,
  importer,
  rapport,
  recapitulatif,
  type ImportActor,
} from './drive-import.ts';
import { charger, metaPortail, type ArgsPortail, type Histoire } from './portail.tsx';

export default {
  title: 'Import/Fichier de paie',
  ...metaPortail,
  // The import's screens are given at once (the product loads them lazily).
  render: (_args, { loaded }) => (
    <Portail actor={loaded.actor as PortalActor} importFichier={Import} />
  ),
} satisfies Meta<ArgsPortail>;

const reseau = {
  status: 0,
  code: 'reseau',
  message: 'Le service ne répond pas. Vérifiez votre connexion puis réessayez.',
};

type EvenementImport = EventFrom<typeof importMachine>;
type EtatImport = Parameters<SnapshotFrom<typeof importMachine>['matches']>[0];

/**
 * A story of the import: « Importer un fichier de paie » from Mes travailleurs, taken to a step
 * (`depuis`: the file sent, the report, the récapitulatif…), then these events sent, until the
 * import is where the story shows it (a state, or a test of its snapshot).
 */
function etape(
  name: string,
  {
    depuis = async () => undefined,
    evenements = [],
    jusqua,
    monde,
  }: {
    depuis?: (i: ImportActor) => Promise<unknown>;
    evenements?: EvenementImport[];
    jusqua?: EtatImport | ((s: SnapshotFrom<typeof importMachine>) => boolean);
    monde?: Parameters<typeof charger>[1];
  } = {},
): Histoire {
  return {
    name,
    loaders: charger(
      (w) =>
        importer(w, async (i) => {
          await depuis(i);
          for (const e of evenements) i.send(e);
          if (typeof jusqua === 'function') await waitFor(i, jusqua, { timeout: 5000 });
          else if (jusqua !== undefined) await attendreImport(i, jusqua);
        }),
      monde,
    ),
  };
}

const envoyes = (s: SnapshotFrom<typeof importMachine>) => (s.context.avancement?.envoyes ?? 0) > 0;
const valider: EvenementImport = { type: 'recapitulatif.valider' };

export const Fichier = etape('Choix du fichier et modèle à télécharger');

export const FichierRefuse = etape('Fichier refusé par le serveur', {
  depuis: (i) => envoyerFichier(i),
  monde: {
    import: {
      pannes: {
        envoyerFichier: {
          status: 422,
          code: 'fichier-illisible',
          message:
            "Aucune ligne d'en-tête n'a été trouvée dans les 10 premières lignes du fichier : vérifiez qu'il contient les colonnes du modèle.",
        },
      },
    },
  },
});

export const Correspondance = etape('Colonnes reconnues à confirmer', {
  depuis: (i) => envoyerFichier(i),
});

export const CorrespondanceIncomplete = etape('Colonnes sans identité du travailleur', {
  depuis: (i) => envoyerFichier(i),
  evenements: [
    { type: 'correspondance.choisir', champ: 'numeroAllocataire', index: null },
    { type: 'correspondance.choisir', champ: 'nom', index: null },
    { type: 'correspondance.valider' },
  ],
  jusqua: (s) => s.matches({ correspondance: 'edition' }) && !!s.context.erreur,
});

export const Rapport = etape('Rapport avec des lignes à corriger', { depuis: (i) => rapport(i) });

export const Correction = etape("Correction d'une ligne dans la page", {
  depuis: (i) => rapport(i),
  evenements: [{ type: 'ligne.corriger', n: 5 }],
  jusqua: { rapport: 'correction' },
});

export const LigneCorrigee = etape('Ligne corrigée, prête à envoyer', {
  depuis: (i) => rapport(i),
  evenements: [
    { type: 'ligne.corriger', n: 5 },
    { type: 'correction.changer', champ: 'aideAuPoste', valeur: '680' },
    { type: 'correction.enregistrer' },
  ],
  jusqua: (s) => s.matches({ rapport: 'liste' }) && !!s.context.succes,
});

export const QuitterCorrection = etape('Quitter pendant la correction d’une ligne', {
  depuis: (i) => rapport(i),
  evenements: [
    { type: 'ligne.corriger', n: 5 },
    { type: 'correction.changer', champ: 'aideAuPoste', valeur: '68' },
    { type: 'import.quitter' },
  ],
  jusqua: { rapport: 'confirmationQuitter' },
});

export const AutreFichier = etape('Importer un autre fichier : confirmer', {
  depuis: (i) => rapport(i),
  evenements: [{ type: 'rapport.autreFichier' }],
  jusqua: { rapport: 'confirmationAbandon' },
});

export const Recapitulatif = etape('Récapitulatif avant envoi', { depuis: recapitulatif });

export const EnvoiEnCours = etape('Envoi en cours (barre de progression)', {
  depuis: recapitulatif,
  evenements: [valider],
  jusqua: envoyes,
  monde: { import: { suspendreApres: 1 } },
});

export const EnvoiInterrompu = etape('Envoi interrompu par une erreur', {
  depuis: recapitulatif,
  evenements: [valider],
  jusqua: { envoi: 'pause' },
  monde: { import: { pannes: { envoyerLot: reseau }, lotsAvantPanne: 1 } },
});

export const QuitterEnvoi = etape("Interrompre l'envoi : confirmer", {
  depuis: async (i) => {
    await recapitulatif(i);
    i.send(valider);
    await waitFor(i, envoyes, { timeout: 5000 });
  },
  evenements: [{ type: 'import.quitter' }],
  jusqua: { envoi: 'confirmationQuitter' },
  monde: { import: { suspendreApres: 1 } },
});

export const Fin = etape('Import terminé', {
  depuis: recapitulatif,
  evenements: [valider],
  jusqua: 'fin',
});

export const Reprise: Histoire = {
  name: "Accueil : reprendre l'import du …",
  loaders: charger((w) => accueil(w), {
    import: { existant: { id: 'imp-9', csv: csvImport(30, []), envoyes: 10 } },
  }),
};

export const EnvoiRepris: Histoire = {
  name: 'Import repris au milieu de son envoi',
  loaders: charger(
    async (w) => {
      const actor = await accueil(w);
      actor.send({ type: 'accueil.reprendreImport', id: 'imp-9' });
      const i = actor.getSnapshot().children.import as Parameters<typeof attendreImport>[0];
      await attendreImport(i, { envoi: 'pause' });
      return actor;
    },
    { import: { existant: { id: 'imp-9', csv: csvImport(30, []), envoyes: 10 } } },
  ),
};
