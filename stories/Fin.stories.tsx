import type { Meta } from '@storybook/react-vite';
import { certificat } from './drive.ts';
import { etat, metaPortail, type ArgsPortail } from './portail.tsx';

export default { title: 'Certificat d’emploi/Fin', ...metaPortail } satisfies Meta<ArgsPortail>;

/** First of two selected workers: « Continuer » goes on to the next fiche. */
export const PasLeDernier = etat('Fin (pas le dernier : « Continuer »)', (w) =>
  certificat(w, ['w1', 'w2'], 'fin'),
);

/** Last (here only) worker of the run: « Valider » ends it. */
export const Dernier = etat('Fin (dernier : « Valider »)', (w) => certificat(w, ['w1'], 'fin'));
