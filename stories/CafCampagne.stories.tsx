import type { Meta } from '@storybook/react-vite';
import { waitFor } from 'xstate';
import { agent } from './drive.ts';
import { campagne } from './drive-caf.ts';
import { metaCaf } from './caf.tsx';
import { charger, type ArgsPortail, type Histoire } from './portail.tsx';

export default {
  title: 'Caf/Suivi de la campagne',
  ...metaCaf,
} satisfies Meta<ArgsPortail>;

export const Suivi: Histoire = {
  name: 'Suivi de la campagne (accueil de l’agent)',
  loaders: charger((w) => campagne(w)),
};

export const Filtre: Histoire = {
  name: 'Filtré par nom',
  loaders: charger((w) => campagne(w, { type: 'campagne.filtrer', q: 'villette' })),
};

export const TriDecroissant: Histoire = {
  name: 'Trié par part réalisée décroissante',
  loaders: charger((w) => campagne(w, { type: 'campagne.trier', tri: '-part' })),
};

export const AnneePrecedente: Histoire = {
  name: 'Campagne précédente',
  loaders: charger((w) => campagne(w, { type: 'campagne.annee', annee: 2025 })),
};

export const Quitter: Histoire = {
  name: 'Voulez-vous quitter ?',
  loaders: charger(async (w) => {
    const actor = await campagne(w);
    actor.send({ type: 'portail.quitter' });
    return actor;
  }),
};

export const MotDePasse: Histoire = {
  name: 'Mon mot de passe (agent)',
  loaders: charger(async (w) => {
    const actor = await agent(w);
    actor.send({ type: 'portail.motDePasse' });
    await waitFor(actor, (s) => s.matches({ agent: { motDePasse: 'saisie' } }));
    return actor;
  }),
};
