import { useState, type FormEvent } from 'react';
import { LONGUEUR_IDENTIFIANT } from '../../forms/identifiant.ts';
import { Button, ErrorSummary, Notice } from '../components/index.ts';
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
    : (erreur?.fields?.find((f) => f.path === '/identifiant')?.message ?? erreur?.message);
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
      <div className={`field${message ? ' field--error' : ''}`}>
        <label className="field__label" htmlFor="champ-identifiant">
          Identifiant de communication (sur {LONGUEUR_IDENTIFIANT} caractères)
        </label>
        <p className="field__help" id="champ-identifiant-aide">
          S'il est plus court, il est complété par des zéros à gauche : « 12345 » devient «
          00000012345 ».
        </p>
        {message ? (
          <p className="field__error" id="champ-identifiant-erreur">
            <span className="sr-only">Erreur : </span>
            {message}
          </p>
        ) : null}
        <input
          id="champ-identifiant"
          className="field__input"
          type="text"
          autoComplete="off"
          spellCheck={false}
          maxLength={LONGUEUR_IDENTIFIANT + 4}
          value={identifiant}
          aria-invalid={message ? true : undefined}
          aria-describedby={`champ-identifiant-aide${message ? ' champ-identifiant-erreur' : ''}`}
          onChange={(e) => setIdentifiant(e.target.value)}
        />
      </div>
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
