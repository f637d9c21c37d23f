import { useState, type FormEvent } from 'react';
import { LONGUEUR_IDENTIFIANT } from '../../forms/identifiant.ts';
import { Button, ErrorSummary, Notice } from '../components/index.ts';
import { errorAt, TextField } from '../form/FieldFrame.tsx';
import type { PortalSend, PortalSnapshot } from './types.ts';

/**
 * R-AC-7: the chosen Caf does not know the Esat's SIRET; the user enters the identifiant de
 * communication this Caf gave it. The rule (length, zeros on the left) lives in forms/.
 */
export function Identification({ state, send }: { state: PortalSnapshot; send: PortalSend }) {
  const [identifiant, setIdentifiant] = useState('');
  const { erreur, cafs, caf } = state.context;
  const nomCaf = cafs.find((c) => c.code === caf)?.name ?? 'cette Caf';
  // Unknown (or too many tries): a blocking notice « contactez votre Caf », not a typing error.
  const inconnu = erreur?.code === 'identifiant-inconnu' || erreur?.code === 'trop-de-tentatives';
  const message = inconnu
    ? undefined
    : (errorAt(erreur?.fields ?? [], '/identifiant') ?? erreur?.message);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send({ type: 'identifiant.valider', identifiant });
  };
  return (
    <form className="form-stack" onSubmit={submit} noValidate aria-labelledby="identification">
      <h3 id="identification">Identifiant de communication</h3>
      <Notice type="info" title="Votre établissement n'a pas été trouvé à partir de son SIRET">
        <p>
          Saisissez l'identifiant de communication que la {nomCaf} vous a communiqué. Cet
          identifiant est propre à chaque Caf : si vous êtes partenaire de plusieurs Caf, saisissez
          celui de la Caf dont relève le travailleur.
        </p>
      </Notice>
      {inconnu ? (
        <Notice type="error" title="Accès impossible" live>
          <p>{erreur?.message}</p>
        </Notice>
      ) : (
        <ErrorSummary errors={message ? [{ path: '/identifiant', message }] : []} />
      )}
      <TextField
        id="champ-identifiant"
        label={`Identifiant de communication (sur ${LONGUEUR_IDENTIFIANT} caractères)`}
        help="S'il est plus court, il est complété par des zéros à gauche : « 12345 » devient « 00000012345 »."
        error={message}
        className="field__input"
        type="text"
        autoComplete="off"
        spellCheck={false}
        maxLength={LONGUEUR_IDENTIFIANT + 4}
        value={identifiant}
        onChange={setIdentifiant}
      />
      <div className="actions">
        <Button
          type="submit"
          isPending={state.matches({ espace: { accueil: { identification: 'envoi' } } })}
        >
          Valider
        </Button>
      </div>
    </form>
  );
}
