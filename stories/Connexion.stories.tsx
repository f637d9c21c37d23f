import type { Meta } from '@storybook/react-vite';
import { connexion } from './drive.ts';
import { etat, metaPortail, type ArgsPortail } from './portail.tsx';

export default { title: 'Accès/Connexion', ...metaPortail } satisfies Meta<ArgsPortail>;

export const Connexion = etat('Connexion', (w) => connexion(w));

/** The fake server accepts only 'bon-mot-de-passe'. */
export const IdentifiantsRefuses = etat('Connexion — identifiants refusés', (w) =>
  connexion(w, 'mauvais-mot-de-passe'),
);
