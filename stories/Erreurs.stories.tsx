/**
 * What the user sees when the server refuses or does not answer: each error state of the flows,
 * driven through the real machines with the failing call given to the fake server (`pannes`).
 */
import type { Meta } from '@storybook/react-vite';
import { createActor, waitFor } from 'xstate';
import { erreurs, fakePortal, type WorldOptions } from '../test/machines/fixtures.ts';
import { accueil, certificat, cgu, choix, declaration } from './drive.ts';
import { charger, metaPortail, type ArgsPortail, type Histoire } from './portail.tsx';

export default { title: 'Erreurs/Serveur et réseau', ...metaPortail } satisfies Meta<ArgsPortail>;

const attendre = { timeout: 5000 };

export const AccueilEchec: Histoire = {
  name: 'Accueil — le service ne répond pas',
  loaders: charger(async (world: WorldOptions) => {
    const actor = createActor(
      fakePortal({ ...world, pannes: { chargerAccueil: erreurs.reseau } }).machine,
    ).start();
    await waitFor(actor, (s) => s.matches({ espace: { accueil: 'echec' } }), attendre);
    return actor;
  }),
};

export const CguEchec: Histoire = {
  name: 'CGU — l’acceptation n’a pas pu être enregistrée',
  loaders: charger(async (world: WorldOptions) => {
    const actor = await cgu({ ...world, pannes: { accepterCgu: erreurs.interne } });
    actor.send({ type: 'cgu.accepter' });
    await waitFor(actor, (s) => s.matches({ cgu: 'lecture' }) && !!s.context.erreur, attendre);
    return actor;
  }),
};

export const TravailleursEchec: Histoire = {
  name: 'Mes travailleurs — la liste n’a pas pu être chargée',
  loaders: charger(async (world: WorldOptions) => {
    const actor = await accueil({ ...world, pannes: { chargerTravailleurs: erreurs.reseau } });
    actor.send({ type: 'accueil.travailleurs' });
    await waitFor(
      actor,
      (s) => s.matches({ espace: { travailleurs: 'liste' } }) && !!s.context.erreur,
      attendre,
    );
    return actor;
  }),
};

export const FicheEchec: Histoire = {
  name: 'Fiche travailleur — la fiche n’a pas pu être chargée',
  loaders: charger(async (world: WorldOptions) => {
    const actor = await choix({ ...world, pannes: { chargerFiche: erreurs.interne } }, ['w1']);
    actor.send({ type: 'choix.choisir', teleprocedure: 'certificat' });
    await waitFor(
      actor,
      (s) => s.matches({ espace: { run: { fiche: 'affichage' } } }) && !!s.context.erreur,
      attendre,
    );
    return actor;
  }),
};

/** A certificat sent from the récapitulatif, the server answering `erreur`. */
function envoi(erreur: keyof typeof erreurs) {
  return async (world: WorldOptions) => {
    const actor = await certificat(
      { ...world, pannes: { enregistrerDeclaration: erreurs[erreur] } },
      ['w1'],
      'recapitulatif',
    );
    const child = declaration(actor);
    child.send({ type: 'recapitulatif.valider' });
    await waitFor(
      child,
      (s) =>
        !s.matches({ recapitulatif: 'envoi' }) && (!!s.context.erreurEnvoi || s.context.showErrors),
      attendre,
    );
    return actor;
  };
}

export const EnvoiDejaDeclare: Histoire = {
  name: 'Récapitulatif — certificat déjà enregistré par un autre utilisateur (409)',
  loaders: charger(envoi('doublon')),
};

export const EnvoiReseau: Histoire = {
  name: 'Récapitulatif — le service ne répond pas (rien n’est perdu)',
  loaders: charger(envoi('reseau')),
};

export const EnvoiRefuseParLesRegles: Histoire = {
  name: 'Saisie — le serveur refuse une règle (422, message au champ)',
  loaders: charger(envoi('regles')),
};

export const AvisEchec: Histoire = {
  name: 'Fin — l’avis n’a pas pu être envoyé',
  loaders: charger(async (world: WorldOptions) => {
    const actor = await certificat(
      { ...world, pannes: { envoyerAvis: erreurs.reseau } },
      ['w1'],
      'fin',
    );
    const child = declaration(actor);
    child.send({ type: 'fin.avis', avis: { note: 4, commentaire: 'Simple.' } });
    await waitFor(child, (s) => s.context.avis === 'erreur', attendre);
    return actor;
  }),
};
