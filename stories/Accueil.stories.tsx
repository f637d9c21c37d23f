import type { Meta } from '@storybook/react-vite';
import { accueil, cafHautsDeSeine, cafParis } from './drive.ts';
import { etat, metaPortail, type ArgsPortail } from './portail.tsx';

export default { title: 'Espace Esat/Accueil', ...metaPortail } satisfies Meta<ArgsPortail>;

export const UneCaf = etat('Accueil (une Caf)', accueil, { cafs: [cafParis] });

export const DeuxCaf = etat('Accueil (deux Caf : liste de choix)', accueil, {
  cafs: [cafParis, cafHautsDeSeine],
});

export const AucunTravailleur = etat('Accueil — aucun travailleur', accueil, {
  cafs: [{ ...cafParis, workerCount: 0 }],
});
