import { useSelector } from '@xstate/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ActorRefFrom } from 'xstate';
import type { Jeton, jetonsMachine } from '../../../machines/jetons.machine.ts';
import { Button, ConfirmDialog, ErrorSummary, Notice, Spinner } from '../../components/index.ts';
import { Messages } from '../../components/Messages.tsx';
import { errorAt, fieldErrors, TextField } from '../../form/FieldFrame.tsx';
import { fieldIdFromPath } from '../../form/ids.ts';
import { jour, jourHeure } from '../../../forms/dates.ts';
import '../../ecrans.css';
import './jetons.css';

export type JetonsRef = ActorRefFrom<typeof jetonsMachine>;
type Snapshot = ReturnType<JetonsRef['getSnapshot']>;

/** Name and last valid day (one year by default, at most). */
function Creation({ state, send }: { state: Snapshot; send: JetonsRef['send'] }) {
  const { erreur } = state.context;
  const max = state.context.max || undefined;
  const [name, setName] = useState('');
  const [expiresAt, setExpiresAt] = useState(max ? jour(max) : '');
  const [tentative, setTentative] = useState(0);
  const fields = fieldErrors(erreur, '/name');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTentative((n) => n + 1);
    send({ type: 'creation.valider', name, expiresAt });
  };
  return (
    <form className="card form-stack" onSubmit={submit} noValidate aria-labelledby="creation-jeton">
      <h2 id="creation-jeton">Créer un jeton d'accès</h2>
      <ErrorSummary errors={fields} tentative={tentative} />
      <TextField
        id={fieldIdFromPath('/name')}
        label="Nom du jeton"
        help="Le nom de votre logiciel de paie, par exemple « Paie Sage, service RH ». Il apparaît dans la liste et dans le journal des accès."
        error={errorAt(fields, '/name')}
        type="text"
        autoComplete="off"
        maxLength={120}
        value={name}
        onChange={setName}
      />
      <TextField
        id={fieldIdFromPath('/expiresAt')}
        label="Date d'expiration"
        help={
          max
            ? `Format attendu : JJ/MM/AAAA. Un jeton est valable un an au plus : jusqu'au ${jour(max)} au plus tard. Il cesse de fonctionner le lendemain de cette date.`
            : 'Format attendu : JJ/MM/AAAA. Un jeton est valable un an au plus.'
        }
        error={errorAt(fields, '/expiresAt')}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        value={expiresAt}
        onChange={setExpiresAt}
      />
      <div className="actions">
        <Button variant="secondary" onPress={() => send({ type: 'creation.annuler' })}>
          Annuler
        </Button>
        <Button type="submit" isPending={state.matches({ creation: 'envoi' })}>
          Créer le jeton
        </Button>
      </div>
    </form>
  );
}

/** The secret, this once: a copy button, a clear warning, then it is gone. */
function Secret({ state, send }: { state: Snapshot; send: JetonsRef['send'] }) {
  const { cree, copie } = state.context;
  const titre = useRef<HTMLHeadingElement>(null);
  const champ = useRef<HTMLTextAreaElement>(null);
  const [echec, setEchec] = useState(false);
  useEffect(() => titre.current?.focus(), []);
  if (!cree) return null;
  const copier = async () => {
    try {
      await navigator.clipboard.writeText(cree.token);
      setEchec(false);
      send({ type: 'secret.copie' });
    } catch {
      // No clipboard (permissions, old browser): the text is selected for Ctrl+C.
      setEchec(true);
      champ.current?.select();
    }
  };
  return (
    <section className="card form-stack jeton-secret" aria-labelledby="secret-titre">
      <h2 id="secret-titre" ref={titre} tabIndex={-1}>
        Le jeton « {cree.name} » est prêt
      </h2>
      <Notice type="warning" title="Copiez ce jeton maintenant : il ne sera plus jamais affiché.">
        <p>
          Collez-le dans votre logiciel de paie. Gardez-le secret comme un mot de passe : toute
          personne qui le détient peut déclarer pour votre établissement jusqu'au{' '}
          {jour(cree.expiresAt)}. Si vous le perdez, révoquez-le et créez-en un autre.
        </p>
      </Notice>
      <div className="field">
        <label className="field__label" htmlFor="jeton-secret">
          Jeton d'accès
        </label>
        {/* A text area: the whole secret is seen, wrapped, even at 360 px. */}
        <textarea
          id="jeton-secret"
          ref={champ}
          className="field__input jeton-secret__valeur"
          rows={2}
          spellCheck={false}
          readOnly
          value={cree.token}
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
      <p role="status" className="jeton-secret__statut">
        {copie
          ? 'Le jeton est copié dans le presse-papiers.'
          : echec
            ? 'La copie automatique est impossible : le jeton est sélectionné, copiez-le avec Ctrl+C.'
            : ''}
      </p>
      <div className="actions actions--start">
        <Button onPress={() => void copier()}>Copier le jeton</Button>
        <Button variant="secondary" onPress={() => send({ type: 'secret.fermer' })}>
          J'ai copié le jeton, fermer
        </Button>
      </div>
    </section>
  );
}

/** « Actif », « Expiré », « Révoqué » and when. */
function etat(j: Jeton) {
  if (j.revoked) return `Révoqué${j.revokedAt ? ` le ${jourHeure(j.revokedAt)}` : ''}`;
  if (j.expired) return `Expiré depuis le ${jour(j.expiresAt)}`;
  return 'Actif';
}

/** One token of the list, as a card (readable at 360 px as at 1280). */
function Ligne({ j, send, bloque }: { j: Jeton; send: JetonsRef['send']; bloque: boolean }) {
  const actif = !j.revoked && !j.expired;
  return (
    <li className={`card jeton${actif ? '' : ' jeton--inactif'}`}>
      <h3 className="jeton__nom">{j.name}</h3>
      <dl className="jeton__details">
        <div>
          <dt>État</dt>
          <dd>{etat(j)}</dd>
        </div>
        <div>
          <dt>Valable jusqu'au</dt>
          <dd>{jour(j.expiresAt)}</dd>
        </div>
        <div>
          <dt>Dernière utilisation</dt>
          <dd>{j.lastUsedAt ? jourHeure(j.lastUsedAt) : 'Jamais utilisé'}</dd>
        </div>
        <div>
          <dt>Créé</dt>
          <dd>
            le {jourHeure(j.createdAt)} par {j.createdBy}
          </dd>
        </div>
      </dl>
      {actif ? (
        <Button
          variant="secondary"
          aria-label={`Révoquer le jeton ${j.name}`}
          isDisabled={bloque}
          onPress={() => send({ type: 'jetons.revoquer', id: j.id })}
        >
          Révoquer
        </Button>
      ) : null}
    </li>
  );
}

/** R-API-2: « Accès pour votre logiciel de paie », the référent's API tokens. */
export function Jetons({ actor }: { actor: JetonsRef }) {
  const state = useSelector(actor, (s) => s);
  const { send } = actor;
  const { jetons, erreur, succes, cible } = state.context;
  if (state.matches('chargement')) return <Spinner label="Chargement des accès…" />;
  const creation = state.matches('creation');
  const secret = state.matches('secret');
  return (
    <div className="screen">
      <h1>Accès pour votre logiciel de paie</h1>
      <p className="lead">
        Un jeton d'accès permet à votre logiciel de paie d'envoyer lui-même les déclarations de
        votre établissement, avec les mêmes contrôles et le même accusé de réception que dans
        l'Espace Esat. Il ne donne accès ni aux utilisateurs ni à ces jetons.
      </p>
      <Messages succes={succes} erreur={creation ? undefined : erreur} />
      {secret ? (
        <Secret state={state} send={send} />
      ) : creation ? (
        <Creation state={state} send={send} />
      ) : (
        <div className="actions actions--start">
          <Button onPress={() => send({ type: 'jetons.creer' })}>Créer un jeton d'accès</Button>
        </div>
      )}
      <h2 id="liste-jetons">Jetons de l'établissement</h2>
      {jetons && jetons.length > 0 ? (
        <ul className="jetons" aria-labelledby="liste-jetons">
          {jetons.map((j) => (
            <Ligne key={j.id} j={j} send={send} bloque={creation || secret} />
          ))}
        </ul>
      ) : (
        <p className="muted">Aucun jeton pour l'instant.</p>
      )}
      <div className="actions actions--start">
        <Button variant="secondary" onPress={() => send({ type: 'jetons.retour' })}>
          Retour à l'accueil
        </Button>
      </div>
      <ConfirmDialog
        isOpen={state.matches('confirmationRevocation')}
        title="Révoquer ce jeton ?"
        confirmLabel="Révoquer le jeton"
        onCancel={() => send({ type: 'revocation.annuler' })}
        onConfirm={() => send({ type: 'revocation.confirmer' })}
      >
        <p>
          Le logiciel qui utilise le jeton « {cible?.name} » ne pourra plus déclarer pour votre
          établissement, dès maintenant. Les déclarations déjà envoyées restent enregistrées. Cette
          action est définitive.
        </p>
      </ConfirmDialog>
    </div>
  );
}
