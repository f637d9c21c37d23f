import type { Meta } from '@storybook/react-vite';
import { waitFor } from 'xstate';
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

export const Fichier: Histoire = {
  name: 'Choix du fichier et modèle à télécharger',
  loaders: charger((w) => importer(w)),
};

export const FichierRefuse: Histoire = {
  name: 'Fichier refusé par le serveur',
  loaders: charger(
    (w) => importer(w, (i) => envoyerFichier(i, csvImport()).then(() => undefined)),
    {
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
  ),
};

export const Correspondance: Histoire = {
  name: 'Colonnes reconnues à confirmer',
  loaders: charger((w) => importer(w, (i) => envoyerFichier(i))),
};

export const CorrespondanceIncomplete: Histoire = {
  name: 'Colonnes sans identité du travailleur',
  loaders: charger((w) =>
    importer(w, async (i) => {
      await envoyerFichier(i);
      i.send({ type: 'correspondance.choisir', champ: 'numeroAllocataire', index: null });
      i.send({ type: 'correspondance.choisir', champ: 'nom', index: null });
      i.send({ type: 'correspondance.valider' });
      await waitFor(i, (s) => s.matches({ correspondance: 'edition' }) && !!s.context.erreur);
    }),
  ),
};

export const Rapport: Histoire = {
  name: 'Rapport avec des lignes à corriger',
  loaders: charger((w) => importer(w, (i) => rapport(i))),
};

export const Correction: Histoire = {
  name: "Correction d'une ligne dans la page",
  loaders: charger((w) =>
    importer(w, async (i) => {
      await rapport(i);
      i.send({ type: 'ligne.corriger', n: 5 });
      await attendreImport(i, { rapport: 'correction' });
    }),
  ),
};

export const LigneCorrigee: Histoire = {
  name: 'Ligne corrigée, prête à envoyer',
  loaders: charger((w) =>
    importer(w, async (i) => {
      await rapport(i);
      i.send({ type: 'ligne.corriger', n: 5 });
      i.send({ type: 'correction.changer', champ: 'aideAuPoste', valeur: '680' });
      i.send({ type: 'correction.enregistrer' });
      await waitFor(i, (s) => s.matches({ rapport: 'liste' }) && !!s.context.succes);
    }),
  ),
};

export const QuitterCorrection: Histoire = {
  name: 'Quitter pendant la correction d’une ligne',
  loaders: charger((w) =>
    importer(w, async (i) => {
      await rapport(i);
      i.send({ type: 'ligne.corriger', n: 5 });
      i.send({ type: 'correction.changer', champ: 'aideAuPoste', valeur: '68' });
      i.send({ type: 'import.quitter' });
      await attendreImport(i, { rapport: 'confirmationQuitter' });
    }),
  ),
};

export const AutreFichier: Histoire = {
  name: 'Importer un autre fichier : confirmer',
  loaders: charger((w) =>
    importer(w, async (i) => {
      await rapport(i);
      i.send({ type: 'rapport.autreFichier' });
      await attendreImport(i, { rapport: 'confirmationAbandon' });
    }),
  ),
};

export const Recapitulatif: Histoire = {
  name: 'Récapitulatif avant envoi',
  loaders: charger((w) => importer(w, (i) => recapitulatif(i))),
};

export const EnvoiEnCours: Histoire = {
  name: 'Envoi en cours (barre de progression)',
  loaders: charger(
    (w) =>
      importer(w, async (i) => {
        await recapitulatif(i);
        i.send({ type: 'recapitulatif.valider' });
        await waitFor(i, (s) => (s.context.avancement?.envoyes ?? 0) > 0);
      }),
    { import: { suspendreApres: 1 } },
  ),
};

export const EnvoiInterrompu: Histoire = {
  name: 'Envoi interrompu par une erreur',
  loaders: charger(
    (w) =>
      importer(w, async (i) => {
        await recapitulatif(i);
        i.send({ type: 'recapitulatif.valider' });
        await attendreImport(i, { envoi: 'pause' });
      }),
    { import: { pannes: { envoyerLot: reseau }, lotsAvantPanne: 1 } },
  ),
};

export const QuitterEnvoi: Histoire = {
  name: "Interrompre l'envoi : confirmer",
  loaders: charger(
    (w) =>
      importer(w, async (i) => {
        await recapitulatif(i);
        i.send({ type: 'recapitulatif.valider' });
        await waitFor(i, (s) => (s.context.avancement?.envoyes ?? 0) > 0);
        i.send({ type: 'import.quitter' });
        await attendreImport(i, { envoi: 'confirmationQuitter' });
      }),
    { import: { suspendreApres: 1 } },
  ),
};

export const Fin: Histoire = {
  name: 'Import terminé',
  loaders: charger((w) =>
    importer(w, async (i) => {
      await recapitulatif(i);
      i.send({ type: 'recapitulatif.valider' });
      await attendreImport(i, 'fin');
    }),
  ),
};

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
