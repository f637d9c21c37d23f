import { useState, type FormEvent } from 'react';
import type { FieldError } from '../../forms/index.ts';
import { ErrorSummary, Notice } from '../components/index.ts';
import { BoutonNatif } from '../components/BoutonNatif.tsx';
import { errorAt, TextField } from '../form/FieldFrame.tsx';
import type { PortalSnapshot, PortalSend } from './types.ts';

export const messagesConnexion = {
  emailVide: 'Saisissez votre identifiant (adresse e-mail).',
  motDePasseVide: 'Saisissez votre mot de passe.',
};

/**
 * R-AC-1, R-AC-6: the welcome screen, e-mail + password, the legal notice of restricted access.
 * « Mot de passe oublié ? » is a screen of its own (Oubli.tsx), in its own chunk.
 */
export function Connexion({ state, send }: { state: PortalSnapshot; send: PortalSend }) {
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
  const vide = (path: string) => errorAt(vides, path);
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
        <TextField
          id="champ-email"
          label="Identifiant (adresse e-mail)"
          error={vide('/email')}
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={setEmail}
        />
        <TextField
          id="champ-password"
          label="Mot de passe"
          error={vide('/password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
        />
        <div className="actions">
          <BoutonNatif type="submit" isPending={envoi}>
            Valider
          </BoutonNatif>
          <BoutonNatif variant="link" onPress={() => send({ type: 'connexion.oubli' })}>
            Mot de passe oublié ?
          </BoutonNatif>
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
