import type { Meta } from '@storybook/react-vite';
import { accueil, cafHautsDeSeine, cafParis } from './drive.ts';
import { charger, metaPortail, type ArgsPortail, type Histoire } from './portail.tsx';

export default { title: 'Espace Esat/Accueil', ...metaPortail } satisfies Meta<ArgsPortail>;

export const UneCaf: Histoire = {
  name: 'Accueil (une Caf)',
  loaders: charger(accueil, { cafs: [cafParis] }),
};

export const DeuxCaf: Histoire = {
  name: 'Accueil (deux Caf : liste de choix)',
  loaders: charger(accueil, {
    cafs: [cafParis, cafHautsDeSeine],
  }),
};

export const AucunTravailleur: Histoire = {
  name: 'Accueil — aucun travailleur',
  loaders: charger(accueil, {
    cafs: [{ ...cafParis, workerCount: 0 }],
  }),
};
