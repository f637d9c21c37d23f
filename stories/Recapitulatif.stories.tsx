import type { Meta } from '@storybook/react-vite';
import { certificat } from './drive.ts';
import { charger, metaPortail, type ArgsPortail, type Histoire } from './portail.tsx';

export default {
  title: 'Certificat d’emploi/Récapitulatif',
  ...metaPortail,
} satisfies Meta<ArgsPortail>;

export const Recapitulatif: Histoire = {
  name: 'Récapitulatif',
  loaders: charger((w) => certificat(w, ['w1'], 'recapitulatif')),
};

/** Confirmed, this Quitter goes back to the fiche travailleur (R-FL-5). */
export const ConfirmationQuitter: Histoire = {
  name: 'Récapitulatif — confirmation Quitter',
  loaders: charger((w) => certificat(w, ['w1'], 'recapitulatifQuitter')),
};
