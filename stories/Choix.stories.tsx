import type { Meta } from '@storybook/react-vite';
import { choix } from './drive.ts';
import { charger, metaPortail, type ArgsPortail, type Histoire } from './portail.tsx';

export default {
  title: 'Espace Esat/Choix de la téléprocédure',
  ...metaPortail,
} satisfies Meta<ArgsPortail>;

/** From 1 December to the end of February: certificat d'emploi or changement de situation. */
export const Decembre: Histoire = {
  name: 'Choix en décembre (certificat + changement)',
  loaders: charger((w) => choix(w, ['w1', 'w2'])),
};

/** Outside the campaign only the changement de situation: `today` is a June day here. */
export const Juin: Histoire = {
  name: 'Choix en juin (changement seul)',
  loaders: charger((w) => choix(w, ['w1'])),
  args: { today: '2027-06-15' },
};
