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
import type { DeclarationRef, PortalSend, PortalSnapshot } from './types.ts';

/** The Caf agent's screens, in their own chunk: an Esat never downloads them. */
const EspaceCafDiffere = lazy(() => import('./caf/EspaceCaf.tsx'));

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

/** Renders whatever state the portal machine is in; the screens only send it events. */
export function Portail({
  actor,
  espaceCaf: EspaceCaf = EspaceCafDiffere,
}: {
  actor: ActorRefFrom<typeof portalMachine>;
  /** The agent's screens (the stories give them at once, the product loads them on demand). */
  espaceCaf?: ComponentType<EspaceCafProps>;
}) {
  const state = useSelector(actor, (s) => s);
  const { send } = actor;
  const { profil, cafs, caf } = state.context;
  const connecte = state.matches('espace') || state.matches('agent');
  const confirmationQuitter =
    state.matches({ agent: 'confirmationQuitter' }) ||
    state.matches({ espace: { accueil: 'confirmationQuitter' } }) ||
    state.matches({ espace: { accueil: { identification: 'confirmationQuitter' } } }) ||
    state.matches({ espace: { travailleurs: 'confirmationQuitter' } });
  const declaration = state.children.declaration as DeclarationRef | undefined;
  const agent = state.children.agent as AgentRef | undefined;

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
      quitter={
        connecte && !state.matches({ espace: 'run' }) && state.can({ type: 'portail.quitter' }) ? (
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
      <ConfirmDialog
        isOpen={confirmationQuitter}
        title="Voulez-vous quitter ?"
        onCancel={() => send({ type: 'quitter.annuler' })}
        onConfirm={() => send({ type: 'quitter.confirmer' })}
      >
        <p>Vous serez déconnecté de l'Espace Esat.</p>
      </ConfirmDialog>
    </Layout>
  );
}
