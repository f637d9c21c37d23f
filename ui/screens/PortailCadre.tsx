/**
 * The portal's frame: the screen of the state the machine is in, the header and the dialogs
 * above any screen. The screens are given (`ecrans`): at once by the stories and the jsdom tests
 * (Portail.tsx), each in its own chunk by the product (ui/ecrans-differe.tsx), so that the login
 * carries only its own.
 */
import { useSelector } from '@xstate/react';
import { useState, type ComponentType, type ReactNode } from 'react';
import type { ActorRefFrom } from 'xstate';
import type { portalMachine } from '../../machines/portal.machine.ts';
import { Layout, Spinner } from '../components/index.ts';
import { BoutonNatif } from '../components/BoutonNatif.tsx';
import type { EspaceCafProps } from './caf/EspaceCaf.tsx';
import type { AgentRef } from './caf/types.ts';
import type { ImportProps } from './import/Import.tsx';
import type { ImportRef } from './import/types.ts';
import type { JetonsRef } from './jetons/Jetons.tsx';
import type { DeclarationRef, PortalSend, PortalSnapshot } from './types.ts';

/** A screen of the portal: its snapshot, and a way to send it events. */
type Ecran = ComponentType<{ state: PortalSnapshot; send: PortalSend }>;

/** Every screen the portal shows, by name. */
export interface EcransPortail {
  Connexion: Ecran;
  /** R-AC-3: « Mot de passe oublié ? », reached from the login. */
  Oubli: Ecran;
  Cgu: Ecran;
  MotDePasse: Ecran;
  Utilisateurs: Ecran;
  Accueil: Ecran;
  Travailleurs: Ecran;
  Fiche: Ecran;
  Declaration: ComponentType<{ portal: PortalSnapshot; actor: DeclarationRef }>;
  /** R-API-2: the référent's API tokens. */
  Jetons: ComponentType<{ actor: JetonsRef }>;
  /** The Caf agent's space (SPEC §10). */
  EspaceCaf: ComponentType<EspaceCafProps>;
  /** R-IM: the import of a payroll file. */
  Import: ComponentType<ImportProps>;
  /** The confirmations above any screen (Dialogues.tsx). */
  Dialogues: Ecran;
}

/** Renders whatever state the portal machine is in with the `ecrans` given; the screens only
 * send it events. */
export function PortailCadre({
  actor,
  ecrans,
  sessionProbable = false,
}: {
  actor: ActorRefFrom<typeof portalMachine>;
  ecrans: EcransPortail;
  /** This tab was logged in (a reload): the header keeps the user block's place meanwhile. */
  sessionProbable?: boolean;
}) {
  const {
    Connexion,
    Oubli,
    Cgu,
    MotDePasse,
    Utilisateurs,
    Accueil,
    Travailleurs,
    Fiche,
    Declaration,
    Jetons,
    EspaceCaf,
    Import,
    Dialogues,
  } = ecrans;
  const state = useSelector(actor, (s) => s);
  const { send } = actor;
  const { profil, cafs, caf } = state.context;
  const connecte = state.matches('espace') || state.matches('agent');
  // The confirmations, mounted from the login on (and kept: a closing dialog fades out).
  const [dialoguesMontes, setDialoguesMontes] = useState(false);
  if (connecte && !dialoguesMontes) setDialoguesMontes(true);
  const declaration = state.children.declaration as DeclarationRef | undefined;
  const agent = state.children.agent as AgentRef | undefined;
  const importEnCours = state.children.import as ImportRef | undefined;

  // The screen of the state, and its name: a new screen gets a new <main> (Layout), as a page
  // would.
  const choisir = (): [string, ReactNode] => {
    if (state.matches({ connexion: 'oubli' }))
      return ['Oubli', <Oubli state={state} send={send} />];
    if (state.matches('connexion')) return ['Connexion', <Connexion state={state} send={send} />];
    if (state.matches('cgu')) return ['Cgu', <Cgu state={state} send={send} />];
    if (
      state.matches('motDePasse') ||
      state.matches({ espace: 'motDePasse' }) ||
      state.matches({ agent: 'motDePasse' })
    )
      return ['MotDePasse', <MotDePasse state={state} send={send} />];
    if (state.matches({ espace: 'utilisateurs' }))
      return ['Utilisateurs', <Utilisateurs state={state} send={send} />];
    if (state.matches({ espace: 'jetons' }) && state.children.jetons)
      return ['Jetons', <Jetons actor={state.children.jetons as JetonsRef} />];
    if (state.matches('agent') && agent)
      return ['EspaceCaf', <EspaceCaf actor={agent} succesPortail={state.context.succes} />];
    if (state.matches({ espace: 'import' }) && importEnCours)
      return ['Import', <Import actor={importEnCours} />];
    if (state.matches({ espace: 'accueil' }))
      return ['Accueil', <Accueil state={state} send={send} />];
    if (state.matches({ espace: 'travailleurs' }))
      return ['Travailleurs', <Travailleurs state={state} send={send} />];
    if (
      state.matches({ espace: { run: 'fiche' } }) ||
      state.matches({ espace: { run: 'proposerConjoint' } })
    )
      return ['Fiche', <Fiche state={state} send={send} />];
    if (state.matches({ espace: { run: 'declaration' } }) && declaration)
      return ['Declaration', <Declaration portal={state} actor={declaration} />];
    return ['Spinner', <Spinner label="Chargement…" />];
  };
  const [nom, ecran] = choisir();

  return (
    <Layout
      ecran={nom}
      caf={connecte ? cafs.find((c) => c.code === caf)?.name : undefined}
      utilisateur={connecte ? profil?.user.email : undefined}
      session={connecte || (sessionProbable && state.matches('demarrage'))}
      quitter={
        connecte && state.can({ type: 'portail.quitter' }) ? (
          <>
            {state.can({ type: 'portail.motDePasse' }) &&
            !state.matches({ espace: 'motDePasse' }) ? (
              <BoutonNatif variant="link" onPress={() => send({ type: 'portail.motDePasse' })}>
                Mon mot de passe
              </BoutonNatif>
            ) : null}
            <BoutonNatif variant="secondary" onPress={() => send({ type: 'portail.quitter' })}>
              Quitter
            </BoutonNatif>
          </>
        ) : undefined
      }
    >
      {ecran}
      {/* None opens before the login: their code is not loaded until then. */}
      {dialoguesMontes ? <Dialogues state={state} send={send} /> : null}
    </Layout>
  );
}
