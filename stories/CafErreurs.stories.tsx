import type { Meta } from '@storybook/react-vite';
import { erreurs } from '../test/machines/fixtures.ts';
import {
  apercu,
  attendreAgent,
  declarations,
  espaceCaf,
  exporter,
  ficheEsat,
  ouvrirPremiere,
  relances,
} from './drive-caf.ts';
import { metaCaf } from './caf.tsx';
import { charger, type ArgsPortail, type Histoire } from './portail.tsx';

export default {
  title: 'Caf/Erreurs du serveur',
  ...metaCaf,
} satisfies Meta<ArgsPortail>;

const refus = {
  status: 403,
  code: 'interdit',
  message: 'Cette action est réservée aux agents de la Caf de cet établissement.',
};

export const CampagneEchec: Histoire = {
  name: 'Campagne : chargement impossible',
  loaders: charger((w) => espaceCaf(w), { pannesCaf: { chargerCampagne: erreurs.reseau } }),
};

export const EsatEchec: Histoire = {
  name: 'Fiche Esat : chargement impossible',
  loaders: charger((w) => ficheEsat(w), { pannesCaf: { chargerEsat: erreurs.interne } }),
};

export const ActivationRefusee: Histoire = {
  name: 'Fiche Esat : réactivation refusée',
  loaders: charger(
    (w) =>
      ficheEsat(w, '52345678900018', async (a) => {
        a.send({ type: 'esat.reactiver', email: 'declarant@52345678900018.test' });
        await attendreAgent(a, { esat: 'fiche' });
      }),
    { pannesCaf: { changerActivation: refus } },
  ),
};

export const DeclarationsEchec: Histoire = {
  name: 'Déclarations : chargement impossible',
  loaders: charger((w) => declarations(w), { pannesCaf: { chargerDeclarations: erreurs.reseau } }),
};

export const DeclarationEchec: Histoire = {
  name: 'Déclaration : chargement impossible',
  loaders: charger((w) => declarations(w, ouvrirPremiere), {
    pannesCaf: { chargerDeclaration: erreurs.interne },
  }),
};

export const ExportRefuse: Histoire = {
  name: 'Export refusé',
  loaders: charger((w) => declarations(w, (a) => exporter(a)), {
    pannesCaf: { exporter: erreurs.interne },
  }),
};

export const TraitementRefuse: Histoire = {
  name: 'Traitement refusé',
  loaders: charger(
    (w) =>
      declarations(w, async (a) => {
        await exporter(a);
        a.send({ type: 'declarations.marquerExport' });
        await attendreAgent(a, { declarations: 'liste' });
      }),
    { pannesCaf: { traiter: refus } },
  ),
};

export const RelancesEchec: Histoire = {
  name: 'Relances : chargement impossible',
  loaders: charger((w) => relances(w), {
    pannesCaf: { chargerCampagne: erreurs.reseau },
  }),
};

export const EnvoiRefuse: Histoire = {
  name: 'Relance : envoi refusé',
  loaders: charger(
    (w) =>
      relances(w, async (a) => {
        await apercu(a, 'retard');
        a.send({ type: 'relances.envoyer' });
        await attendreAgent(a, { relances: { apercu: 'lecture' } });
      }),
    { pannesCaf: { envoyerRelances: erreurs.interne } },
  ),
};

export const AvisEchec: Histoire = {
  name: 'Avis : chargement impossible',
  loaders: charger(
    (w) =>
      espaceCaf(w, async (a) => {
        a.send({ type: 'onglet.avis' });
        await attendreAgent(a, { avis: 'echec' });
      }),
    { pannesCaf: { chargerAvis: erreurs.reseau } },
  ),
};
