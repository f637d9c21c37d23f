import type { Meta } from '@storybook/react-vite';
import { certificat, conjoint } from './drive.ts';
import { charger, metaPortail, type ArgsPortail, type Histoire } from './portail.tsx';

export default { title: 'Certificat d’emploi/Fin', ...metaPortail } satisfies Meta<ArgsPortail>;

/** First of two selected workers: « Continuer » goes on to the next fiche. */
export const PasLeDernier: Histoire = {
  name: 'Fin (pas le dernier : « Continuer »)',
  loaders: charger((w) => certificat(w, ['w1', 'w2'], 'fin')),
};

/** Last (here only) worker of the run: « Valider » ends it. */
export const Dernier: Histoire = {
  name: 'Fin (dernier : « Valider »)',
  loaders: charger((w) => certificat(w, ['w1'], 'fin')),
};

/** R-CS-5: after a member of a couple working here, the other is proposed. */
export const ProposerConjoint: Histoire = {
  name: 'Couple — proposer le conjoint',
  loaders: charger((w) => conjoint(w)),
};
