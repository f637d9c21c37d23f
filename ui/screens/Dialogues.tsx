/**
 * The confirmations the portal shows above any screen: the partner proposed after a declaration
 * (R-CS-5), the quit of a run's declaration, of its Fin page, and of the space. Apart from the
 * frame (PortailCadre.tsx) so that the login does not carry the modal's code: none of them opens
 * before the login.
 */
import { useSelector } from '@xstate/react';
import { ConfirmDialog } from '../components/index.ts';
import type { DeclarationRef, PortalSend, PortalSnapshot } from './types.ts';
import '../ecrans.css';

/** R-CS-5: after one member of a couple working here, propose the other. */
function PropositionConjoint({ state, send }: { state: PortalSnapshot; send: PortalSend }) {
  const { fiche } = state.context;
  const conjoint = fiche?.conjoint;
  const nom = (t: { nom: string; prenom: string }) => `${t.prenom} ${t.nom.toUpperCase()}`;
  return (
    <ConfirmDialog
      isOpen={state.matches({ espace: { run: 'proposerConjoint' } })}
      title="Déclarer aussi pour son conjoint ?"
      cancelLabel="Non, continuer"
      confirmLabel={conjoint ? `Oui, déclarer pour ${nom(conjoint)}` : 'Oui'}
      onCancel={() => send({ type: 'conjoint.ignorer' })}
      onConfirm={() => send({ type: 'conjoint.declarer' })}
    >
      {fiche && conjoint ? (
        <p>
          {nom(fiche)} et {nom(conjoint)} forment un couple (n° allocataire{' '}
          {fiche.numeroAllocataire}) et travaillent tous deux dans votre établissement. Voulez-vous
          faire la même déclaration pour {nom(conjoint)} ?
        </p>
      ) : null}
    </ConfirmDialog>
  );
}

/** The quit confirmation of a run's declaration (header, Back/Forward): what happens to what was
 * typed, and where the user goes. */
function QuitterDeclaration({ state, send }: { state: PortalSnapshot; send: PortalSend }) {
  const { sortie, run, cafs } = state.context;
  const restants = run ? run.travailleurs.length - run.index - 1 : 0;
  const vers =
    sortie?.vers === 'quitter'
      ? cafs.length > 1
        ? "Vous retournerez à l'accueil."
        : "Vous serez déconnecté de l'Espace Esat."
      : sortie?.vers === 'motDePasse'
        ? 'Vous irez au changement de votre mot de passe.'
        : sortie?.adresse.ecran === 'fiche'
          ? 'Vous retournerez à la fiche du travailleur.'
          : sortie?.adresse.ecran === 'travailleurs'
            ? 'Vous retournerez à la page « Mes travailleurs ».'
            : "Vous retournerez à l'accueil.";
  return (
    <ConfirmDialog
      isOpen={state.matches({ espace: { run: { declaration: 'confirmationQuitter' } } })}
      title="Voulez-vous quitter la déclaration ?"
      onCancel={() => send({ type: 'quitter.annuler' })}
      onConfirm={() => send({ type: 'quitter.confirmer' })}
    >
      <p>{vers}</p>
      <p>
        Cette déclaration n'est pas encore transmise à la Caf. Ce que vous avez saisi est conservé
        comme brouillon : il vous sera proposé à nouveau sur la fiche de ce travailleur (vous
        pourrez aussi le supprimer).
        {restants > 0 && !(sortie?.vers === 'adresse' && sortie.adresse.ecran === 'fiche')
          ? ` Les ${restants > 1 ? `${restants} travailleurs suivants restent sélectionnés` : 'travailleur suivant reste sélectionné'}.`
          : ''}
      </p>
    </ConfirmDialog>
  );
}

/** « Quitter » on Fin while workers of the run are still waiting. */
function QuitterFin({ actor }: { actor: DeclarationRef }) {
  const ouvert = useSelector(actor, (s) => s.matches({ fin: 'confirmationQuitter' }));
  return (
    <ConfirmDialog
      isOpen={ouvert}
      title="Quitter sans déclarer les travailleurs suivants ?"
      onCancel={() => actor.send({ type: 'quitter.annuler' })}
      onConfirm={() => actor.send({ type: 'quitter.confirmer' })}
    >
      <p>
        La déclaration de ce travailleur est bien enregistrée. Les travailleurs suivants de votre
        sélection n'ont pas encore été déclarés : ils restent sélectionnés dans « Mes travailleurs
        ».
      </p>
    </ConfirmDialog>
  );
}

/** Every confirmation of the portal, each open in its own state. */
export function Dialogues({ state, send }: { state: PortalSnapshot; send: PortalSend }) {
  const confirmationQuitter =
    state.matches({ agent: 'confirmationQuitter' }) ||
    state.matches({ espace: { accueil: 'confirmationQuitter' } }) ||
    state.matches({ espace: { accueil: { identification: 'confirmationQuitter' } } }) ||
    state.matches({ espace: { travailleurs: 'confirmationQuitter' } }) ||
    state.matches({ espace: { run: { fiche: 'confirmationQuitter' } } }) ||
    state.matches({ espace: { import: 'confirmationQuitter' } });
  const declaration = state.children.declaration as DeclarationRef | undefined;
  return (
    <>
      <PropositionConjoint state={state} send={send} />
      <QuitterDeclaration state={state} send={send} />
      {declaration ? <QuitterFin actor={declaration} /> : null}
      <ConfirmDialog
        isOpen={confirmationQuitter}
        title="Voulez-vous quitter ?"
        onCancel={() => send({ type: 'quitter.annuler' })}
        onConfirm={() => send({ type: 'quitter.confirmer' })}
      >
        <p>Vous serez déconnecté de l'Espace Esat.</p>
        {state.matches({ espace: 'import' }) ? (
          <p>
            L'import est conservé : il vous sera proposé sur l'accueil à votre prochaine connexion.
            Ce que vous n'avez pas enregistré sur cette page sera perdu.
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
