import type { Meta } from '@storybook/react-vite';
import { fiche } from './drive.ts';
import { charger, metaPortail, type ArgsPortail, type Histoire } from './portail.tsx';

export default {
  title: 'Certificat d’emploi/Fiche travailleur',
  ...metaPortail,
} satisfies Meta<ArgsPortail>;

/** The first of three selected workers: « Travailleur 1 sur 3 ». */
export const Fiche: Histoire = {
  name: 'Fiche travailleur (1 sur 3)',
  loaders: charger((w) => fiche(w, ['w1', 'w2', 'w4'])),
};

/** The fixtures' w3 has a dossier 'radie': « Commencer la déclaration » is disabled. */
export const DossierRadie: Histoire = {
  name: 'Fiche — dossier radié',
  loaders: charger((w) => fiche(w, ['w3'])),
};
