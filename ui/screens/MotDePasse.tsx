import { useState, type FormEvent } from 'react';
import { Button, ErrorSummary } from '../components/index.ts';
import { errorAt, fieldErrors, TextField } from '../form/FieldFrame.tsx';
import { fieldIdFromPath } from '../form/ids.ts';
import type { PortalSend, PortalSnapshot } from './types.ts';
import '../ecrans.css';

/**
 * R-AC-2 / R-AC-4: the provisional (or expired) password is replaced before anything else; the
 * same screen changes it by choice from the Espace Esat (« Mon mot de passe »).
 */
export function MotDePasse({ state, send }: { state: PortalSnapshot; send: PortalSend }) {
  const volontaire =
    state.matches({ espace: 'motDePasse' }) || state.matches({ agent: 'motDePasse' });
  const [actuel, setActuel] = useState('');
  const [nouveau, setNouveau] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [differents, setDifferents] = useState(false);
  /** What was sent: a refusal is shown only while its field still holds what was refused. */
  const [soumis, setSoumis] = useState({ actuel: '', nouveau: '', confirmation: '' });
  const erreur = state.context.erreur;
  const aJour: Record<string, boolean> = {
    '/currentPassword': actuel === soumis.actuel,
    '/newPassword': nouveau === soumis.nouveau,
    '/confirmation': nouveau === soumis.nouveau && confirmation === soumis.confirmation,
  };
  const fields = [
    ...fieldErrors(erreur, '/currentPassword'),
    ...(differents
      ? [
          {
            path: '/confirmation',
            message: 'Les deux saisies du nouveau mot de passe sont différentes.',
          },
        ]
      : []),
  ].filter((f) => aJour[f.path] ?? true);
  const message = (path: string) => errorAt(fields, path);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ok = nouveau === confirmation;
    setDifferents(!ok);
    setSoumis({ actuel, nouveau, confirmation });
    if (ok) send({ type: 'motDePasse.changer', currentPassword: actuel, newPassword: nouveau });
  };
  const champ = (
    path: string,
    label: string,
    value: string,
    set: (v: string) => void,
    help?: string,
  ) => (
    <TextField
      id={fieldIdFromPath(path)}
      label={label}
      help={help}
      error={message(path)}
      type="password"
      autoComplete={path === '/currentPassword' ? 'current-password' : 'new-password'}
      value={value}
      onChange={set}
    />
  );
  return (
    <div className="screen screen--narrow">
      {volontaire ? (
        <>
          <h1>Changer mon mot de passe</h1>
          <p className="lead">
            Vos autres sessions ouvertes seront fermées : il faudra vous y reconnecter avec le
            nouveau mot de passe.
          </p>
        </>
      ) : (
        <>
          <h1>Changez votre mot de passe</h1>
          <p className="lead">
            Votre mot de passe est provisoire ou a expiré : choisissez-en un nouveau pour accéder à
            l'Espace Esat.
          </p>
        </>
      )}
      <ErrorSummary errors={fields} />
      <form className="card form-stack" onSubmit={submit} noValidate>
        {champ(
          '/currentPassword',
          volontaire ? 'Mot de passe actuel' : 'Mot de passe actuel (provisoire)',
          actuel,
          setActuel,
        )}
        {champ(
          '/newPassword',
          'Nouveau mot de passe',
          nouveau,
          setNouveau,
          'Au moins 12 caractères, différent de votre adresse e-mail et de vos mots de passe précédents. Une phrase de plusieurs mots est un bon choix.',
        )}
        {champ('/confirmation', 'Confirmez le nouveau mot de passe', confirmation, setConfirmation)}
        <div className="actions">
          {volontaire ? (
            <Button variant="secondary" onPress={() => send({ type: 'motDePasse.annuler' })}>
              Annuler
            </Button>
          ) : (
            <Button variant="secondary" onPress={() => send({ type: 'motDePasse.quitter' })}>
              Quitter
            </Button>
          )}
          <Button
            type="submit"
            isPending={
              state.matches({ motDePasse: 'envoi' }) ||
              state.matches({ espace: { motDePasse: 'envoi' } })
            }
          >
            Valider
          </Button>
        </div>
      </form>
    </div>
  );
}
