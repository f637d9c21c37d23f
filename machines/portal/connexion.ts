/**
 * The way in and out of the portal (SPEC §2, docs/acces.md): the profile asked at start, the
 * connexion and « Mot de passe oublié ? », the CGU, the forced password change, the logout; and
 * the password change by choice, the same in the Esat's space and the agent's.
 */
import { assign, not } from 'xstate';
import { portalBase } from './base.ts';
import type { ArgsPortail } from './contexte.ts';

/** What « Valider » of a password change sends to the server (forced or by choice). */
const motDePasseSaisi = ({ event }: ArgsPortail) =>
  event.type === 'motDePasse.changer'
    ? { currentPassword: event.currentPassword, newPassword: event.newPassword }
    : { currentPassword: '', newPassword: '' };

export const gardesConnexion = {
  // R-AC-2: a provisional or expired password is changed before anything else.
  motDePasseAChanger: ({ context }: ArgsPortail) => !!context.profil?.user.mustChangePassword,
  // R-AC-5: the CGU are accepted by everyone, Caf agents included.
  cguAcceptees: ({ context }: ArgsPortail) => !!context.profil?.cguAccepted,
  profilAgent: ({ context }: ArgsPortail) => context.profil?.user.role === 'agent',
};

export const actionsConnexion = {
  /** Logged out (or the session ended): nobody's profile, selection nor run is kept. */
  oublierSession: portalBase.assign({ profil: undefined, selection: [], run: undefined }),
};

const connexionSetup = portalBase.extend({ guards: gardesConnexion, actions: actionsConnexion });

/** The profile of whoever is logged in, asked at start and after each login. */
export const demarrage = connexionSetup.createStateConfig({
  invoke: {
    src: 'chargerProfil',
    onDone: { target: 'aiguillage', actions: assign({ profil: ({ event }) => event.output }) },
    onError: 'connexion',
  },
});

/** Where the profile leads (R-AC-2, R-AC-5), at once. */
export const aiguillage = connexionSetup.createStateConfig({
  always: [
    { guard: 'motDePasseAChanger', target: 'motDePasse' },
    { guard: not('cguAcceptees'), target: 'cgu' },
    { guard: 'profilAgent', target: 'agent' },
    { target: 'espace' },
  ],
});

export const connexion = connexionSetup.createStateConfig({
  initial: 'saisie',
  states: {
    saisie: {
      on: { 'connexion.soumettre': 'envoi', 'connexion.oubli': 'oubli' },
    },
    // R-AC-3: the same answer whatever the address (no account enumeration).
    oubli: {
      initial: 'saisie',
      on: { 'oubli.retour': 'saisie' },
      states: {
        saisie: { on: { 'oubli.envoyer': 'envoi' } },
        envoi: {
          entry: 'oublierErreur',
          invoke: {
            src: 'demanderMotDePasse',
            input: ({ event }) => ({
              email: event.type === 'oubli.envoyer' ? event.email : '',
            }),
            onDone: 'envoye',
            onError: { target: 'saisie', actions: 'retenirErreur' },
          },
        },
        envoye: {},
      },
    },
    envoi: {
      entry: 'oublierErreur',
      invoke: {
        src: 'connecter',
        input: ({ event }) =>
          event.type === 'connexion.soumettre'
            ? { email: event.email, password: event.password }
            : { email: '', password: '' },
        onDone: '#portail.demarrage',
        onError: { target: 'saisie', actions: 'retenirErreur' },
      },
    },
  },
});

export const cgu = connexionSetup.createStateConfig({
  initial: 'lecture',
  states: {
    lecture: {
      on: {
        'cgu.accepter': 'envoi',
        'cgu.refuser': '#portail.deconnexion',
      },
    },
    envoi: {
      entry: 'oublierErreur',
      invoke: {
        src: 'accepterCgu',
        onDone: [
          { guard: 'profilAgent', target: '#portail.agent' },
          { target: '#portail.espace.accueil' },
        ],
        onError: { target: 'lecture', actions: 'retenirErreur' },
      },
    },
  },
});

/** R-AC-2: the forced change; once done, the profile is asked again. */
export const motDePasseForce = connexionSetup.createStateConfig({
  initial: 'saisie',
  states: {
    saisie: {
      on: {
        'motDePasse.changer': 'envoi',
        'motDePasse.quitter': '#portail.deconnexion',
      },
    },
    envoi: {
      entry: 'oublierErreur',
      invoke: {
        src: 'changerMotDePasse',
        input: motDePasseSaisi,
        onDone: '#portail.demarrage',
        onError: { target: 'saisie', actions: 'retenirErreur' },
      },
    },
  },
});

/** R-AC-4: « Mon mot de passe », changed by choice; « Annuler » or success goes back to
 * `retour` (the accueil, the agent's screen). */
export function motDePasseParChoix(annuler: string, retour: string) {
  return connexionSetup.createStateConfig({
    initial: 'saisie',
    on: { 'motDePasse.annuler': { target: annuler, actions: 'oublierErreur' } },
    states: {
      saisie: { on: { 'motDePasse.changer': 'envoi' } },
      envoi: {
        entry: 'oublierErreur',
        invoke: {
          src: 'changerMotDePasse',
          input: motDePasseSaisi,
          onDone: {
            target: retour,
            actions: assign({ succes: 'Votre mot de passe a été changé.' }),
          },
          onError: { target: 'saisie', actions: 'retenirErreur' },
        },
      },
    },
  });
}

/** Logout, whether the server answers or not: back to the connexion. */
export const deconnexion = connexionSetup.createStateConfig({
  invoke: { src: 'deconnecter', onDone: 'connexion', onError: 'connexion' },
  exit: 'oublierSession',
});
