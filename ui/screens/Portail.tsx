import { useSelector } from '@xstate/react';
import { lazy, Suspense, type ComponentType } from 'react';
import type { ActorRefFrom } from 'xstate';
import type { portalMachine } from '../../machines/portal.machine.ts';
import { Button, ConfirmDialog, Layout, Spinner } from '../components/index.ts';
import { Accueil } from './Accueil.tsx';
import { MotDePasse } from './MotDePasse.tsx';
import { Cgu } from './Cgu.tsx';
import { Connexion } from './Connexion.tsx';
import { Declaration } from './Declaration.tsx';
import { Fiche } from './Fiche.tsx';
import { Travailleurs } from './Travailleurs.tsx';
import { Utilisateurs } from './Utilisateurs.tsx';
import type { EspaceCafProps } from './caf/EspaceCaf.tsx';
import type { AgentRef } from './caf/types.ts';
import type { ImportProps } from './import/Import.tsx';
import type { ImportRef } from './import/types.ts';
import type { DeclarationRef, PortalSend, PortalSnapshot } from './types.ts';

/** The Caf agent's screens, in their own chunk: an Esat never downloads them. */
const EspaceCafDiffere = lazy(() => import('./caf/EspaceCaf.tsx'));
/** The import's screens (R-IM), in their own chunk too: loaded when an import starts. */
const ImportDiffere = lazy(() => import('./import/Import.tsx'));

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

/** Renders whatever state the portal machine is in; the screens only send it events. */
export function Portail({
  actor,
  espaceCaf: EspaceCaf = EspaceCafDiffere,
  sessionProbable = false,
  importFichier: ImportFichier = ImportDiffere,
}: {
  actor: ActorRefFrom<typeof portalMachine>;
  /** The agent's screens (the stories give them at once, the product loads them on demand). */
  espaceCaf?: ComponentType<EspaceCafProps>;
  /** This tab was logged in (a reload): the header keeps the user block's place meanwhile. */
  sessionProbable?: boolean;
  /** The import's screens (given at once by the stories, loaded on demand by the product). */
  importFichier?: ComponentType<ImportProps>;
}) {
  const state = useSelector(actor, (s) => s);
  const { send } = actor;
  const { profil, cafs, caf } = state.context;
  const connecte = state.matches('espace') || state.matches('agent');
  const confirmationQuitter =
    state.matches({ agent: 'confirmationQuitter' }) ||
    state.matches({ espace: { accueil: 'confirmationQuitter' } }) ||
    state.matches({ espace: { accueil: { identification: 'confirmationQuitter' } } }) ||
    state.matches({ espace: { travailleurs: 'confirmationQuitter' } }) ||
    state.matches({ espace: { run: { fiche: 'confirmationQuitter' } } }) ||
    state.matches({ espace: { import: 'confirmationQuitter' } });
  const declaration = state.children.declaration as DeclarationRef | undefined;
  const agent = state.children.agent as AgentRef | undefined;
  const importEnCours = state.children.import as ImportRef | undefined;

  let ecran;
  if (state.matches('connexion')) ecran = <Connexion state={state} send={send} />;
  else if (state.matches('cgu')) ecran = <Cgu state={state} send={send} />;
  else if (
    state.matches('motDePasse') ||
    state.matches({ espace: 'motDePasse' }) ||
    state.matches({ agent: 'motDePasse' })
  )
    ecran = <MotDePasse state={state} send={send} />;
  else if (state.matches({ espace: 'utilisateurs' }))
    ecran = <Utilisateurs state={state} send={send} />;
  else if (state.matches('agent') && agent)
    ecran = (
      <Suspense fallback={<Spinner label="Chargement de l'espace Caf…" />}>
        <EspaceCaf actor={agent} succesPortail={state.context.succes} />
      </Suspense>
    );
  else if (state.matches({ espace: 'import' }) && importEnCours)
    ecran = (
      <Suspense fallback={<Spinner label="Chargement de l'import…" />}>
        <ImportFichier actor={importEnCours} />
      </Suspense>
    );
  else if (state.matches({ espace: 'accueil' })) ecran = <Accueil state={state} send={send} />;
  else if (state.matches({ espace: 'travailleurs' }))
    ecran = <Travailleurs state={state} send={send} />;
  else if (
    state.matches({ espace: { run: 'fiche' } }) ||
    state.matches({ espace: { run: 'proposerConjoint' } })
  )
    ecran = <Fiche state={state} send={send} />;
  else if (state.matches({ espace: { run: 'declaration' } }) && declaration)
    ecran = <Declaration portal={state} actor={declaration} />;
  else ecran = <Spinner label="Chargement…" />;

  return (
    <Layout
      caf={connecte ? cafs.find((c) => c.code === caf)?.name : undefined}
      utilisateur={connecte ? profil?.user.email : undefined}
      session={connecte || (sessionProbable && state.matches('demarrage'))}
      quitter={
        connecte && state.can({ type: 'portail.quitter' }) ? (
          <>
            {state.can({ type: 'portail.motDePasse' }) &&
            !state.matches({ espace: 'motDePasse' }) ? (
              <Button variant="link" onPress={() => send({ type: 'portail.motDePasse' })}>
                Mon mot de passe
              </Button>
            ) : null}
            <Button variant="secondary" onPress={() => send({ type: 'portail.quitter' })}>
              Quitter
            </Button>
          </>
        ) : undefined
      }
    >
      {ecran}
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
    </Layout>
  );
}
