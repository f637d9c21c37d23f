import { useState, type FormEvent } from 'react';
import { Button, ErrorSummary, Notice } from '../components/index.ts';
import type { PortalSnapshot, PortalSend } from './types.ts';

/** R-AC-1, R-AC-6: the welcome screen, e-mail + password, the legal notice of restricted access. */
export function Connexion({ state, send }: { state: PortalSnapshot; send: PortalSend }) {
  if (state.matches({ connexion: 'oubli' })) return <Oubli state={state} send={send} />;
  return <Identification state={state} send={send} />;
}

/** R-AC-3: « Mot de passe oublié ? » — the same answer for every address. */
function Oubli({ state, send }: { state: PortalSnapshot; send: PortalSend }) {
  const [email, setEmail] = useState('');
  const envoye = state.matches({ connexion: { oubli: 'envoye' } });
  return (
    <div className="screen screen--narrow">
      <h1>Mot de passe oublié</h1>
      {envoye ? (
        <Notice type="success" title="Demande enregistrée" live>
          <p>
            Si cette adresse correspond à un compte de l'Espace Esat, un mot de passe provisoire,
            valable 24 heures, vient d'y être envoyé. Il vous sera demandé de le changer à la
            connexion.
          </p>
        </Notice>
      ) : (
        <form
          className="card form-stack"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            send({ type: 'oubli.envoyer', email: email.trim() });
          }}
        >
          {state.context.erreur ? (
            <Notice type="error" live>
              <p>{state.context.erreur.message}</p>
            </Notice>
          ) : null}
          <div className="field">
            <label className="field__label" htmlFor="oubli-email">
              Identifiant (adresse e-mail)
            </label>
            <input
              id="oubli-email"
              className="field__input field__input--long"
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <div className="actions">
            <Button type="submit" isPending={state.matches({ connexion: { oubli: 'envoi' } })}>
              Recevoir un mot de passe provisoire
            </Button>
          </div>
        </form>
      )}
      <Button variant="link" onPress={() => send({ type: 'oubli.retour' })}>
        Retour à la connexion
      </Button>
    </div>
  );
}

function Identification({ state, send }: { state: PortalSnapshot; send: PortalSend }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const envoi = state.matches({ connexion: 'envoi' });
  const erreur = state.context.erreur;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send({ type: 'connexion.soumettre', email: email.trim(), password });
  };
  return (
    <div className="screen screen--narrow">
      <h1>Bienvenue sur l'Espace Esat</h1>
      <p className="lead">
        Déclarez à la Caf les rémunérations garanties et les changements d'activité de vos
        travailleurs bénéficiaires de l'AAH.
      </p>
      {erreur ? (
        <ErrorSummary
          title="Connexion impossible"
          errors={[{ path: '/email', message: erreur.message }]}
          isLinkable={() => false}
        />
      ) : null}
      <form
        className="card form-stack"
        onSubmit={submit}
        noValidate
        aria-labelledby="titre-connexion"
      >
        <h2 id="titre-connexion">Connexion</h2>
        <div className="field">
          <label className="field__label" htmlFor="email">
            Identifiant (adresse e-mail)
          </label>
          <input
            className="field__input field__input--long"
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="password">
            Mot de passe
          </label>
          <input
            className="field__input field__input--long"
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <div className="actions">
          <Button type="submit" isPending={envoi}>
            Se connecter
          </Button>
          <Button variant="link" onPress={() => send({ type: 'connexion.oubli' })}>
            Mot de passe oublié ?
          </Button>
        </div>
      </form>
      <Notice type="warning" title="Accès réservé">
        <p>
          L'accès à ce service est réservé aux personnes habilitées par leur établissement et par la
          Caf. Tout accès ou maintien frauduleux dans ce système est puni par la loi (articles 323-1
          et suivants du Code pénal, loi « Godfrain » du 5 janvier 1988).
        </p>
      </Notice>
    </div>
  );
}
