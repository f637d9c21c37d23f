import type { Meta } from '@storybook/react-vite';
import { quitter } from './drive.ts';
import { charger, metaPortail, type ArgsPortail, type Histoire } from './portail.tsx';

export default {
  title: 'Espace Esat/Quitter le service',
  ...metaPortail,
} satisfies Meta<ArgsPortail>;

/** R-SE-3: with one Caf, « Quitter » asks for confirmation before logging out. */
export const Confirmation: Histoire = {
  name: 'Quitter le service (« Voulez-vous quitter ? »)',
  loaders: charger(quitter),
};
