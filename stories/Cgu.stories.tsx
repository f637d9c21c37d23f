import type { Meta } from '@storybook/react-vite';
import { cgu } from './drive.ts';
import { charger, metaPortail, type ArgsPortail, type Histoire } from './portail.tsx';

export default {
  title: 'Accès/Conditions générales d’utilisation',
  ...metaPortail,
} satisfies Meta<ArgsPortail>;

/** R-AC-5: first login, both CGU to accept. */
export const Cgu: Histoire = {
  name: 'CGU (première connexion)',
  loaders: charger(cgu),
};
