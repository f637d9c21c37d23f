import type { Meta } from '@storybook/react-vite';
import { certificat } from './drive.ts';
import { etat, metaPortail, type ArgsPortail } from './portail.tsx';

export default { title: 'Certificat d’emploi/Saisie', ...metaPortail } satisfies Meta<ArgsPortail>;

export const Vide = etat('Saisie (vide)', (w) => certificat(w, ['w1'], 'saisie'));

/** Refused values then « Continuer »: the error summary and a message next to each field. */
export const Erreurs = etat('Saisie — erreurs', (w) => certificat(w, ['w1'], 'saisieErreurs'));

export const ConfirmationQuitter = etat('Saisie — confirmation Quitter', (w) =>
  certificat(w, ['w1'], 'saisieQuitter'),
);
