import type { Meta } from '@storybook/react-vite';
import { connexion } from './drive.ts';
import { charger, metaPortail, type ArgsPortail, type Histoire } from './portail.tsx';

export default { title: 'Accès/Connexion', ...metaPortail } satisfies Meta<ArgsPortail>;

export const Connexion: Histoire = {
  name: 'Connexion',
  loaders: charger((w) => connexion(w)),
};

/** The fake server accepts only 'bon-mot-de-passe'. */
export const IdentifiantsRefuses: Histoire = {
  name: 'Connexion — identifiants refusés',
  loaders: charger((w) => connexion(w, 'mauvais-mot-de-passe')),
};
