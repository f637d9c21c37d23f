import type { Meta } from '@storybook/react-vite';
import { mesTravailleurs } from './drive.ts';
import { charger, metaPortail, type ArgsPortail, type Histoire } from './portail.tsx';

export default {
  title: 'Espace Esat/Mes travailleurs',
  ...metaPortail,
} satisfies Meta<ArgsPortail>;

export const MesTravailleurs: Histoire = {
  name: 'Mes travailleurs',
  loaders: charger((w) => mesTravailleurs(w)),
};

export const SelectionSurDeuxPages: Histoire = {
  name: 'Mes travailleurs — sélection sur deux pages',
  loaders: charger((w) => mesTravailleurs(w, { pages: [['w1', 'w2'], ['w14']] })),
};

export const AucunResultat: Histoire = {
  name: 'Mes travailleurs — aucun résultat',
  loaders: charger((w) => mesTravailleurs(w, { q: 'zzz' })),
};
