import type { Meta } from '@storybook/react-vite';
import { waitFor } from 'xstate';
import { apercu, attendreAgent, espaceCaf, relances } from './drive-caf.ts';
import { metaCaf } from './caf.tsx';
import { charger, type ArgsPortail, type Histoire } from './portail.tsx';

export default {
  title: 'Caf/Relances',
  ...metaCaf,
} satisfies Meta<ArgsPortail>;

const VILLETTE = '32345678900010';

export const Choix: Histoire = {
  name: 'Esat en retard à relancer',
  loaders: charger((w) => relances(w)),
};

export const Apercu: Histoire = {
  name: 'Aperçu de la relance à toutes les Esat en retard',
  loaders: charger((w) => relances(w, (a) => apercu(a, 'retard'))),
};

export const Envoyees: Histoire = {
  name: 'Relance envoyée',
  loaders: charger((w) =>
    relances(w, async (a) => {
      await apercu(a, [VILLETTE]);
      a.send({ type: 'relances.envoyer' });
      await attendreAgent(a, { relances: 'choix' });
    }),
  ),
};

export const DejaRelancee: Histoire = {
  name: 'Déjà relancée aujourd’hui : confirmer',
  loaders: charger((w) =>
    relances(w, async (a) => {
      await apercu(a, [VILLETTE]);
      a.send({ type: 'relances.envoyer' });
      await attendreAgent(a, { relances: 'choix' });
      await apercu(a, [VILLETTE]);
      a.send({ type: 'relances.envoyer' });
      await waitFor(a, (s) => s.matches({ relances: { apercu: 'confirmation' } }));
    }),
  ),
};

export const Avis: Histoire = {
  name: 'Avis des établissements',
  loaders: charger((w) =>
    espaceCaf(w, async (a) => {
      a.send({ type: 'onglet.avis' });
      await attendreAgent(a, { avis: 'liste' });
    }),
  ),
};
