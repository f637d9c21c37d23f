import { useState } from 'react';
import type { FieldError } from '../../forms/index.ts';
import { ErrorSummary, Notice } from '../components/index.ts';
import { BoutonNatif } from '../components/BoutonNatif.tsx';
import { errorAt, TextField } from '../form/FieldFrame.tsx';
import type { PortalSnapshot, PortalSend } from './types.ts';

/** An e-mail address as it can be typed (the server has the last word). */
const ADRESSE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const messagesOubli = {
  adresseVide: 'Saisissez votre adresse e-mail.',
  adresseInvalide: 'Saisissez une adresse e-mail valide, par exemple nom@etablissement.fr.',
};

/** R-AC-3: « Mot de passe oublié ? » — the same answer for every address. */
export function Oubli({ state, send }: { state: PortalSnapshot; send: PortalSend }) {
  const [email, setEmail] = useState('');
  const [erreurs, setErreurs] = useState<FieldError[]>([]);
  const envoye = state.matches({ connexion: { oubli: 'envoye' } });
  const erreurEmail = errorAt(erreurs, '/oubliEmail');
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
              ? messagesOubli.adresseVide
              : ADRESSE.test(adresse)
                ? undefined
                : messagesOubli.adresseInvalide;
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
          <TextField
            id="champ-oubliEmail"
            label="Identifiant (adresse e-mail)"
            error={erreurEmail}
            type="email"
            autoComplete="username"
            value={email}
            onChange={setEmail}
          />
          <div className="actions">
            <BoutonNatif type="submit" isPending={state.matches({ connexion: { oubli: 'envoi' } })}>
              Recevoir un mot de passe provisoire
            </BoutonNatif>
          </div>
        </form>
      )}
      <BoutonNatif variant="link" onPress={() => send({ type: 'oubli.retour' })}>
        Retour à la connexion
      </BoutonNatif>
    </div>
  );
}
