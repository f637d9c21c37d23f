import type { Meta } from '@storybook/react-vite';
import { waitFor } from 'xstate';
import type { WorldOptions } from '../test/machines/fixtures.ts';
import { accueil, cafHautsDeSeine, cafParis, travailleur } from './drive.ts';
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

/** R-CA-8 / R-CA-6: during the campaign, who is left for the chosen Caf, and its last reminder. */
export const CampagneEtRelance: Histoire = {
  name: 'Accueil — certificats déclarés, il en reste, relance de la Caf',
  loaders: charger(accueil, {
    cafs: [cafParis],
    relance: { at: '2026-12-01T08:00:00.000Z', manquants: 26 },
  }),
};

const brouillonW1 = {
  teleprocedure: 'certificat' as const,
  kind: 'certificat' as const,
  reponses: {},
  saisie: { remunerationGarantie: '1200' },
  updatedAt: '2026-12-01T16:00:00.000Z',
  travailleur: travailleur('w1'),
};

/** R-SE-2: the drafts left, each with « Supprimer ce brouillon ». */
export const Brouillons: Histoire = {
  name: 'Accueil — brouillons à reprendre ou supprimer',
  loaders: charger(accueil, { cafs: [cafParis], brouillons: [brouillonW1] }),
};

/** « Supprimer ce brouillon » asks first. */
export const SupprimerBrouillon: Histoire = {
  name: 'Accueil — supprimer un brouillon (confirmation)',
  loaders: charger(
    async (world: WorldOptions) => {
      const actor = await accueil(world);
      actor.send({ type: 'brouillon.supprimer', workerId: 'w1' });
      return actor;
    },
    { cafs: [cafParis], brouillons: [brouillonW1] },
  ),
};
