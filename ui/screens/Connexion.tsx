import { useState, type FormEvent, type ReactNode } from 'react';
import type { FieldError } from '../../forms/index.ts';
import { Button, ErrorSummary, Notice } from '../components/index.ts';
import type { PortalSnapshot, PortalSend } from './types.ts';

/** An e-mail address as it can be typed (the server has the last word). */
const ADRESSE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const messagesConnexion = {
  emailVide: 'Saisissez votre identifiant (adresse e-mail).',
  motDePasseVide: 'Saisissez votre mot de passe.',
  adresseVide: 'Saisissez votre adresse e-mail.',
  adresseInvalide: 'Saisissez une adresse e-mail valide, par exemple nom@etablissement.fr.',
};

/** A labelled text input with its error said at the field (aria-invalid, aria-describedby). */
function Champ({
  id,
  label,
  erreur,
  children,
}: {
  id: string;
  label: string;
  erreur?: string;
  children: (aria: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}) {
  return (
    <div className={`field${erreur ? ' field--error' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {erreur ? (
        <p className="field__error" id={`${id}-erreur`}>
          <span className="sr-only">Erreur : </span>
          {erreur}
        </p>
      ) : null}
      {children({
        id,
        ...(erreur ? { 'aria-invalid': true, 'aria-describedby': `${id}-erreur` } : {}),
      })}
    </div>
  );
}

/** R-AC-1, R-AC-6: the welcome screen, e-mail + password, the legal notice of restricted access. */
export function Connexion({ state, send }: { state: PortalSnapshot; send: PortalSend }) {
  if (state.matches({ connexion: 'oubli' })) return <Oubli state={state} send={send} />;
  return <Identification state={state} send={send} />;
}

/** R-AC-3: « Mot de passe oublié ? » — the same answer for every address. */
function Oubli({ state, send }: { state: PortalSnapshot; send: PortalSend }) {
  const [email, setEmail] = useState('');
  const [erreurs, setErreurs] = useState<FieldError[]>([]);
  const envoye = state.matches({ connexion: { oubli: 'envoye' } });
  const erreurEmail = erreurs.find((e) => e.path === '/oubliEmail')?.message;
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
            const adresse = email.trim();
            // R-AC-3: an empty or malformed address is said at the field, nothing is sent.
            const refus = !adresse
              ? messagesConnexion.adresseVide
              : ADRESSE.test(adresse)
                ? undefined
                : messagesConnexion.adresseInvalide;
            setErreurs(refus ? [{ path: '/oubliEmail', message: refus }] : []);
            if (!refus) send({ type: 'oubli.envoyer', email: adresse });
          }}
        >
          <ErrorSummary errors={erreurs} />
          {state.context.erreur ? (
            <Notice type="error" live>
              <p>{state.context.erreur.message}</p>
            </Notice>
          ) : null}
          <Champ id="champ-oubliEmail" label="Identifiant (adresse e-mail)" erreur={erreurEmail}>
            {(aria) => (
              <input
                {...aria}
                className="field__input field__input--long"
                type="email"
                autoComplete="username"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </Champ>
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
  const [vides, setVides] = useState<FieldError[]>([]);
  const envoi = state.matches({ connexion: 'envoi' });
  const erreur = state.context.erreur;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // An empty form says which field is empty, and is not sent (it would count as a failure).
    const manquants = [
      ...(email.trim() ? [] : [{ path: '/email', message: messagesConnexion.emailVide }]),
      ...(password ? [] : [{ path: '/password', message: messagesConnexion.motDePasseVide }]),
    ];
    setVides(manquants);
    if (manquants.length === 0)
      send({ type: 'connexion.soumettre', email: email.trim(), password });
  };
  const vide = (path: string) => vides.find((v) => v.path === path)?.message;
  return (
    <div className="screen screen--narrow">
      <h1>Bienvenue sur l'Espace Esat</h1>
      <p className="lead">
        Déclarez à la Caf les rémunérations garanties et les changements d'activité de vos
        travailleurs bénéficiaires de l'AAH.
      </p>
      {vides.length > 0 ? (
        <ErrorSummary title="Connexion impossible" errors={vides} />
      ) : erreur ? (
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
        <Champ id="champ-email" label="Identifiant (adresse e-mail)" erreur={vide('/email')}>
          {(aria) => (
            <input
              {...aria}
              className="field__input field__input--long"
              name="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Champ>
        <Champ id="champ-password" label="Mot de passe" erreur={vide('/password')}>
          {(aria) => (
            <input
              {...aria}
              className="field__input field__input--long"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Champ>
        <div className="actions">
          <Button type="submit" isPending={envoi}>
            Valider
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
