import type { Meta } from '@storybook/react-vite';
import { certificat } from './drive.ts';
import { etat, metaPortail, type ArgsPortail } from './portail.tsx';

export default {
  title: 'Certificat d’emploi/Récapitulatif',
  ...metaPortail,
} satisfies Meta<ArgsPortail>;

export const Recapitulatif = etat('Récapitulatif', (w) => certificat(w, ['w1'], 'recapitulatif'));

/** Confirmed, this Quitter goes back to the fiche travailleur (R-FL-5). */
export const ConfirmationQuitter = etat('Récapitulatif — confirmation Quitter', (w) =>
  certificat(w, ['w1'], 'recapitulatifQuitter'),
);
