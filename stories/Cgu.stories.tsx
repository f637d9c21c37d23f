import type { Meta } from '@storybook/react-vite';
import { cgu } from './drive.ts';
import { etat, metaPortail, type ArgsPortail } from './portail.tsx';

export default {
  title: 'Accès/Conditions générales d’utilisation',
  ...metaPortail,
} satisfies Meta<ArgsPortail>;

/** R-AC-5: first login, both CGU to accept. */
export const Cgu = etat('CGU (première connexion)', cgu);
