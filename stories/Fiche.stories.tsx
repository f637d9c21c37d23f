import type { Meta } from '@storybook/react-vite';
import { fiche, travailleur } from './drive.ts';
import { charger, metaPortail, type ArgsPortail, type Histoire } from './portail.tsx';

export default {
  title: 'Certificat d’emploi/Fiche travailleur',
  ...metaPortail,
} satisfies Meta<ArgsPortail>;

/** The first of three selected workers: « Travailleur 1 sur 3 ». */
export const Fiche: Histoire = {
  name: 'Fiche travailleur (1 sur 3)',
  loaders: charger((w) => fiche(w, ['w1', 'w2', 'w4'])),
};

/** The fixtures' w3 has a dossier 'radie': « Commencer la déclaration » is disabled. */
export const DossierRadie: Histoire = {
  name: 'Fiche — dossier radié',
  loaders: charger((w) => fiche(w, ['w3'])),
};

/** A certificat already declared this campaign: no « Commencer », the next worker or a changement. */
export const CertificatDejaDeclare: Histoire = {
  name: 'Fiche — certificat déjà déclaré',
  loaders: charger((w) => fiche(w, ['w6', 'w1'])),
};

/** The header's « Quitter » on a fiche asks first. */
export const QuitterDepuisLaFiche: Histoire = {
  name: 'Fiche — Quitter (confirmation)',
  loaders: charger(async (w) => {
    const actor = await fiche(w, ['w1', 'w2']);
    actor.send({ type: 'portail.quitter' });
    return actor;
  }),
};

/** R-SE-2: a draft on the fiche, deleted after confirmation. */
export const SupprimerBrouillon: Histoire = {
  name: 'Fiche — supprimer le brouillon (confirmation)',
  loaders: charger(
    async (w) => {
      const actor = await fiche(w, ['w1']);
      actor.send({ type: 'brouillon.supprimer', workerId: 'w1' });
      return actor;
    },
    {
      brouillons: [
        {
          teleprocedure: 'certificat',
          kind: 'certificat',
          reponses: {},
          saisie: { remunerationGarantie: '1200' },
          updatedAt: '2026-12-01T16:00:00.000Z',
          travailleur: travailleur('w1'),
        },
      ],
    },
  ),
};

/** Back (or the header) during a saisie: what was typed is kept as a draft, said first. */
export const QuitterLaSaisie: Histoire = {
  name: 'Saisie — quitter par le navigateur (confirmation)',
  loaders: charger(async (w) => {
    const actor = await fiche(w, ['w1', 'w2']);
    actor.send({ type: 'fiche.declarer' });
    actor.send({
      type: 'navigation.aller',
      adresse: { ecran: 'travailleurs', page: 1, q: '', sansCertificat: false },
    });
    return actor;
  }),
};
