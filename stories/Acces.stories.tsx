import type { Meta } from '@storybook/react-vite';
import { motDePasse, oubli } from './drive.ts';
import { charger, metaPortail, type ArgsPortail, type Histoire } from './portail.tsx';

export default {
  title: 'Accès/Mot de passe et agent Caf',
  ...metaPortail,
} satisfies Meta<ArgsPortail>;

export const MotDePasseProvisoire: Histoire = {
  name: 'Mot de passe provisoire à changer',
  loaders: charger((w) => motDePasse(w)),
};

export const MotDePasseRefuse: Histoire = {
  name: 'Nouveau mot de passe refusé',
  loaders: charger((w) => motDePasse(w, true)),
};

export const Oubli: Histoire = {
  name: 'Mot de passe oublié',
  loaders: charger((w) => oubli(w)),
};

export const OubliEnvoye: Histoire = {
  name: 'Mot de passe oublié — demande enregistrée',
  loaders: charger((w) => oubli(w, true)),
};
