import type { Meta } from '@storybook/react-vite';
import { attendreAgent, ficheEsat } from './drive-caf.ts';
import { metaCaf } from './caf.tsx';
import { charger, type ArgsPortail, type Histoire } from './portail.tsx';

export default {
  title: 'Caf/Fiche Esat',
  ...metaCaf,
} satisfies Meta<ArgsPortail>;

export const Fiche: Histoire = {
  name: 'Fiche Esat',
  loaders: charger((w) => ficheEsat(w)),
};

export const SansCompte: Histoire = {
  name: 'Esat sans compte, aucun certificat',
  loaders: charger((w) => ficheEsat(w, '42345678900019')),
};

export const ConfirmationDesactivation: Histoire = {
  name: 'Désactiver un compte ?',
  loaders: charger((w) =>
    ficheEsat(w, '12345678900012', async (a) => {
      a.send({ type: 'esat.desactiver', email: 'declarant@12345678900012.test' });
    }),
  ),
};

export const Desactive: Histoire = {
  name: 'Compte désactivé',
  loaders: charger((w) =>
    ficheEsat(w, '12345678900012', async (a) => {
      a.send({ type: 'esat.desactiver', email: 'declarant@12345678900012.test' });
      a.send({ type: 'desactivation.confirmer' });
      await attendreAgent(a, { esat: 'fiche' });
    }),
  ),
};

export const CreationReferent: Histoire = {
  name: 'Créer le référent',
  loaders: charger((w) =>
    ficheEsat(w, '42345678900019', async (a) => {
      a.send({ type: 'esat.creerReferent' });
    }),
  ),
};

export const CreationReferentRefusee: Histoire = {
  name: 'Créer le référent — adresse refusée',
  loaders: charger((w) =>
    ficheEsat(w, '42345678900019', async (a) => {
      a.send({ type: 'esat.creerReferent' });
      a.send({ type: 'creation.valider', email: 'pas-une-adresse' });
      await attendreAgent(a, { esat: { creation: 'saisie' } });
    }),
  ),
};

export const ReferentCree: Histoire = {
  name: 'Référent créé',
  loaders: charger((w) =>
    ficheEsat(w, '42345678900019', async (a) => {
      a.send({ type: 'esat.creerReferent' });
      a.send({ type: 'creation.valider', email: 'direction@belleville-services.test' });
      await attendreAgent(a, { esat: 'fiche' });
    }),
  ),
};
