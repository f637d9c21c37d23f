import type { Meta } from '@storybook/react-vite';
import { mesTravailleurs } from './drive.ts';
import { etat, metaPortail, type ArgsPortail } from './portail.tsx';

export default {
  title: 'Espace Esat/Mes travailleurs',
  ...metaPortail,
} satisfies Meta<ArgsPortail>;

export const MesTravailleurs = etat('Mes travailleurs', (w) => mesTravailleurs(w));

export const SelectionSurDeuxPages = etat('Mes travailleurs — sélection sur deux pages', (w) =>
  mesTravailleurs(w, { pages: [['w1', 'w2'], ['w14']] }),
);

export const AucunResultat = etat('Mes travailleurs — aucun résultat', (w) =>
  mesTravailleurs(w, { q: 'zzz' }),
);
