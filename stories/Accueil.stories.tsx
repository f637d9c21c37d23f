import type { Meta } from '@storybook/react-vite';
import { waitFor } from 'xstate';
import type { WorldOptions } from '../test/machines/fixtures.ts';
import { accueil, cafHautsDeSeine, cafParis } from './drive.ts';
import { charger, metaPortail, type ArgsPortail, type Histoire } from './portail.tsx';

export default { title: 'Espace Esat/Accueil', ...metaPortail } satisfies Meta<ArgsPortail>;

export const UneCaf: Histoire = {
  name: 'Accueil (une Caf)',
  loaders: charger(accueil, { cafs: [cafParis] }),
};

export const DeuxCaf: Histoire = {
  name: 'Accueil (deux Caf : liste de choix)',
  loaders: charger(accueil, {
    cafs: [cafParis, cafHautsDeSeine],
  }),
};

export const AucunTravailleur: Histoire = {
  name: 'Accueil — aucun travailleur',
  loaders: charger(accueil, {
    cafs: [{ ...cafParis, workerCount: 0 }],
  }),
};

/** R-AC-7: the accueil after choosing a Caf that does not know the SIRET, and an identifiant typed. */
function identification(identifiant?: string) {
  return async (world: WorldOptions) => {
    const actor = await accueil(world);
    actor.send({ type: 'accueil.choisirCaf', code: cafHautsDeSeine.code });
    if (identifiant !== undefined) {
      actor.send({ type: 'identifiant.valider', identifiant });
      await waitFor(actor, (s) => s.matches({ espace: { accueil: { identification: 'saisie' } } }));
    }
    return actor;
  };
}
const cafsSansSiret = [cafParis, { ...cafHautsDeSeine, identifiantRequis: true }];

export const IdentifiantDemande: Histoire = {
  name: 'Identifiant de communication demandé (SIRET inconnu de la Caf)',
  loaders: charger(identification(), { cafs: cafsSansSiret }),
};

export const IdentifiantMalForme: Histoire = {
  name: 'Identifiant de communication mal formé',
  loaders: charger(identification('123-45'), { cafs: cafsSansSiret }),
};

export const IdentifiantInconnu: Histoire = {
  name: 'Identifiant de communication inconnu (accès bloqué)',
  loaders: charger(identification('99999'), { cafs: cafsSansSiret }),
};
