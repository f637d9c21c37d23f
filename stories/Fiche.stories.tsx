import type { Meta } from '@storybook/react-vite';
import { fiche } from './drive.ts';
import { etat, metaPortail, type ArgsPortail } from './portail.tsx';

export default {
  title: 'Certificat d’emploi/Fiche travailleur',
  ...metaPortail,
} satisfies Meta<ArgsPortail>;

/** The first of three selected workers: « Travailleur 1 sur 3 ». */
export const Fiche = etat('Fiche travailleur (1 sur 3)', (w) => fiche(w, ['w1', 'w2', 'w4']));

/** The fixtures' w3 has a dossier 'radie': « Commencer la déclaration » is disabled. */
export const DossierRadie = etat('Fiche — dossier radié', (w) => fiche(w, ['w3']));
