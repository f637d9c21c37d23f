/**
 * The account side of the Espace Esat: the référent's users page (list, creation, deactivation),
 * « Mon mot de passe », and the drafts offered back after a new login (R-SE-2).
 */
import type { Meta } from '@storybook/react-vite';
import { waitFor } from 'xstate';
import type { Brouillon } from '../machines/types.ts';
import type { WorldOptions } from '../test/machines/fixtures.ts';
import { accueil, fiche, travailleur } from './drive.ts';
import { charger, metaPortail, type ArgsPortail, type Histoire } from './portail.tsx';

export default {
  title: 'Espace Esat/Compte et brouillons',
  ...metaPortail,
} satisfies Meta<ArgsPortail>;

const attendre = { timeout: 5000 };

/** The users page of the référent, then what `etape` does on it. */
function utilisateurs(etape?: 'creation' | 'creationRefusee' | 'desactivation' | 'creee') {
  return async (world: WorldOptions) => {
    const actor = await accueil({ ...world, referent: true });
    actor.send({ type: 'accueil.utilisateurs' });
    await waitFor(actor, (s) => s.matches({ espace: { utilisateurs: 'liste' } }), attendre);
    if (etape === 'creation' || etape === 'creationRefusee' || etape === 'creee')
      actor.send({ type: 'utilisateurs.creer' });
    if (etape === 'creationRefusee') {
      actor.send({ type: 'creation.valider', email: 'lea.roux@', role: 'declarant' });
      await waitFor(actor, (s) => !!s.context.erreur, attendre);
    }
    if (etape === 'creee') {
      actor.send({
        type: 'creation.valider',
        email: 'lea.roux@esat-des-tilleuls.test',
        role: 'declarant',
      });
      await waitFor(actor, (s) => s.matches({ espace: { utilisateurs: 'liste' } }), attendre);
    }
    if (etape === 'desactivation')
      actor.send({ type: 'utilisateurs.desactiver', email: 'declarant@esat-des-tilleuls.test' });
    return actor;
  };
}

export const AccueilReferent: Histoire = {
  name: 'Accueil du référent (gérer les utilisateurs)',
  loaders: charger((w) => accueil({ ...w, referent: true })),
};

export const Utilisateurs: Histoire = {
  name: 'Utilisateurs de l’établissement',
  loaders: charger(utilisateurs()),
};

export const CreationCompte: Histoire = {
  name: 'Créer un compte',
  loaders: charger(utilisateurs('creation')),
};

export const CreationRefusee: Histoire = {
  name: 'Créer un compte — adresse refusée',
  loaders: charger(utilisateurs('creationRefusee')),
};

export const CompteCree: Histoire = {
  name: 'Compte créé (mot de passe provisoire envoyé)',
  loaders: charger(utilisateurs('creee')),
};

export const ConfirmationDesactivation: Histoire = {
  name: 'Désactiver un compte — confirmation',
  loaders: charger(utilisateurs('desactivation')),
};

/** « Mon mot de passe », optionally after a refused new password. */
function monMotDePasse(refuse?: boolean) {
  return async (world: WorldOptions) => {
    const actor = await accueil(world);
    actor.send({ type: 'portail.motDePasse' });
    if (refuse) {
      actor.send({ type: 'motDePasse.changer', currentPassword: 'ancien', newPassword: 'court' });
      await waitFor(actor, (s) => !!s.context.erreur, attendre);
    }
    return actor;
  };
}

export const MonMotDePasse: Histoire = {
  name: 'Changer mon mot de passe',
  loaders: charger(monMotDePasse()),
};

export const MonMotDePasseRefuse: Histoire = {
  name: 'Changer mon mot de passe — nouveau mot de passe refusé',
  loaders: charger(monMotDePasse(true)),
};

/** R-SE-2: a certificat left half-typed for w1 (the session expired, the tab was closed…). */
const brouillons: Brouillon[] = [
  {
    teleprocedure: 'certificat',
    kind: 'certificat',
    reponses: {},
    saisie: { moisRemunerationGarantie: '12', remunerationGarantie: '1 150' },
    updatedAt: '2026-12-02T09:41:00.000Z',
    travailleur: travailleur('w1'),
  },
];

export const BrouillonsAccueil: Histoire = {
  name: 'Accueil — déclarations à reprendre',
  loaders: charger((w) => accueil({ ...w, brouillons })),
};

export const BrouillonFiche: Histoire = {
  name: 'Fiche — reprendre la déclaration commencée',
  loaders: charger((w) => fiche({ ...w, brouillons }, ['w1'])),
};
