import type { Meta } from '@storybook/react-vite';
import { certificat } from './drive.ts';
import { charger, metaPortail, type ArgsPortail, type Histoire } from './portail.tsx';

export default { title: 'Certificat d’emploi/Saisie', ...metaPortail } satisfies Meta<ArgsPortail>;

export const Vide: Histoire = {
  name: 'Saisie (vide)',
  loaders: charger((w) => certificat(w, ['w1'], 'saisie')),
};

/** Refused values then « Continuer »: the error summary and a message next to each field. */
export const Erreurs: Histoire = {
  name: 'Saisie — erreurs',
  loaders: charger((w) => certificat(w, ['w1'], 'saisieErreurs')),
};

export const ConfirmationQuitter: Histoire = {
  name: 'Saisie — confirmation Quitter',
  loaders: charger((w) => certificat(w, ['w1'], 'saisieQuitter')),
};
