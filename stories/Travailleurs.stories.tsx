import type { Meta } from '@storybook/react-vite';
import { waitFor } from 'xstate';
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

/** R-CA-8: only the workers without a certificat for this campaign. */
export const SansCertificat: Histoire = {
  name: 'Mes travailleurs — sans certificat pour cette campagne',
  loaders: charger(async (w) => {
    const actor = await mesTravailleurs(w);
    actor.send({ type: 'travailleurs.sansCertificat', actif: true });
    await waitFor(actor, (s) => s.matches({ espace: { travailleurs: 'liste' } }));
    return actor;
  }),
};

/** « Tout sélectionner »: every worker matching the filter (blocked files excepted). */
export const ToutSelectionne: Histoire = {
  name: 'Mes travailleurs — tout sélectionné',
  loaders: charger(async (w) => {
    const actor = await mesTravailleurs(w);
    actor.send({ type: 'travailleurs.toutSelectionner', portee: 'filtre' });
    await waitFor(actor, (s) => s.matches({ espace: { travailleurs: 'liste' } }));
    return actor;
  }),
};
