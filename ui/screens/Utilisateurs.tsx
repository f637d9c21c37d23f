import { useState, type FormEvent } from 'react';
import { Button, ConfirmDialog, ErrorSummary, Notice, Spinner } from '../components/index.ts';
import { BoutonActivation } from '../components/BoutonActivation.tsx';
import { Messages } from '../components/Messages.tsx';
import { errorAt, fieldErrors, TextField } from '../form/FieldFrame.tsx';
import { jourHeure } from '../../forms/dates.ts';
import type { PortalSend, PortalSnapshot } from './types.ts';
import '../ecrans.css';

const roles = { declarant: 'Déclarant', referent: 'Référent' } as const;

/** The creation form: an e-mail address and a role; the server sends the provisional password. */
function Creation({ state, send }: { state: PortalSnapshot; send: PortalSend }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'declarant' | 'referent'>('declarant');
  const erreur = state.context.erreur;
  const fields = fieldErrors(erreur, '/email');
  const message = (path: string) => errorAt(fields, path);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send({ type: 'creation.valider', email, role });
  };
  return (
    <form className="card form-stack" onSubmit={submit} noValidate aria-labelledby="creation">
      <h2 id="creation">Créer un compte</h2>
      <ErrorSummary errors={fields} />
      <TextField
        id="champ-email"
        label="Adresse e-mail de la personne"
        help="Elle recevra à cette adresse un mot de passe provisoire, à changer à sa première connexion."
        error={message('/email')}
        type="email"
        autoComplete="off"
        value={email}
        onChange={setEmail}
      />
      <fieldset
        className={`field${message('/role') ? ' field--error' : ''}`}
        id="champ-role"
        aria-describedby={message('/role') ? 'champ-role-erreur' : undefined}
      >
        <legend className="field__label">Rôle</legend>
        {message('/role') ? (
          <p className="field__error" id="champ-role-erreur">
            <span className="sr-only">Erreur : </span>
            {message('/role')}
          </p>
        ) : null}
        {(Object.keys(roles) as (keyof typeof roles)[]).map((r) => (
          <label key={r} className="radio">
            <input
              type="radio"
              name="role"
              value={r}
              checked={role === r}
              onChange={() => setRole(r)}
            />{' '}
            {roles[r]}
            {r === 'referent'
              ? ' (gère aussi les utilisateurs)'
              : ' (déclare pour les travailleurs)'}
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <Button variant="secondary" onPress={() => send({ type: 'creation.annuler' })}>
          Annuler
        </Button>
        <Button
          type="submit"
          isPending={state.matches({ espace: { utilisateurs: { creation: 'envoi' } } })}
        >
          Créer le compte
        </Button>
      </div>
    </form>
  );
}

/** The référent's page: the Esat's users, their last login; create, deactivate, reactivate. */
export function Utilisateurs({ state, send }: { state: PortalSnapshot; send: PortalSend }) {
  const { utilisateurs, erreur, succes, cible, profil } = state.context;
  if (state.matches({ espace: { utilisateurs: 'chargement' } }))
    return <Spinner label="Chargement des utilisateurs…" />;
  const creation = state.matches({ espace: { utilisateurs: 'creation' } });
  return (
    <div className="screen">
      <h1>Utilisateurs de l'établissement</h1>
      <p className="lead">
        Chaque personne qui déclare pour {profil?.esat?.name ?? 'votre établissement'} a son propre
        compte. Désactivez le compte d'une personne qui quitte l'établissement.
      </p>
      {utilisateurs?.some((u) => !u.active) ? (
        // R-AC-4: the login page says only « incorrect » (no account enumeration); the référent
        // is the one told why a colleague cannot log in.
        <Notice type="info">
          <p>
            Une personne dont le compte est désactivé ne peut plus se connecter : la page de
            connexion lui indique seulement « Identifiant ou mot de passe incorrect ». Réactivez son
            compte pour lui rendre l'accès.
          </p>
        </Notice>
      ) : null}
      <Messages succes={succes} erreur={creation ? undefined : erreur} />
      {creation ? (
        <Creation state={state} send={send} />
      ) : (
        <div className="actions actions--start">
          <Button onPress={() => send({ type: 'utilisateurs.creer' })}>Créer un compte</Button>
        </div>
      )}
      {utilisateurs ? (
        <div
          className="table-scroll"
          tabIndex={0}
          role="region"
          aria-label="Comptes de l'établissement"
        >
          <table className="table">
            <caption className="sr-only">Comptes de l'établissement</caption>
            <thead>
              <tr>
                <th scope="col">Adresse e-mail</th>
                <th scope="col">Rôle</th>
                <th scope="col">État</th>
                <th scope="col">Dernière connexion</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {utilisateurs.map((u) => (
                <tr key={u.email}>
                  <td>{u.email}</td>
                  <td>{roles[u.role]}</td>
                  <td>
                    {!u.active
                      ? 'Désactivé : connexion refusée'
                      : u.provisional
                        ? 'Actif (mot de passe provisoire)'
                        : 'Actif'}
                  </td>
                  <td>{u.lastLoginAt ? jourHeure(u.lastLoginAt) : 'Jamais connecté'}</td>
                  <td>
                    {u.email === profil?.user.email ? (
                      <span className="muted">Vous</span>
                    ) : (
                      <BoutonActivation
                        compte={u}
                        isDisabled={creation}
                        onPress={() =>
                          send({
                            type: u.active ? 'utilisateurs.desactiver' : 'utilisateurs.reactiver',
                            email: u.email,
                          })
                        }
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="actions actions--start">
        <Button variant="secondary" onPress={() => send({ type: 'utilisateurs.accueil' })}>
          Retour à l'accueil
        </Button>
        <Button
          variant="link"
          isDisabled={creation}
          onPress={() => send({ type: 'accueil.jetons' })}
        >
          Accès pour votre logiciel de paie
        </Button>
      </div>
      <ConfirmDialog
        isOpen={state.matches({ espace: { utilisateurs: 'confirmationDesactivation' } })}
        title="Désactiver ce compte ?"
        confirmLabel="Désactiver"
        onCancel={() => send({ type: 'desactivation.annuler' })}
        onConfirm={() => send({ type: 'desactivation.confirmer' })}
      >
        <p>
          {cible} ne pourra plus se connecter à l'Espace Esat. Ses déclarations déjà faites restent
          enregistrées. Vous pourrez réactiver ce compte.
        </p>
      </ConfirmDialog>
    </div>
  );
}
