import { Button, ConfirmDialog, Spinner } from '../../components/index.ts';
import { jourHeure } from '../../../forms/dates.ts';
import { Echec, Messages } from './Messages.tsx';
import type { EcranAgent } from './types.ts';

/** The preview of R-CA-6: the mail as it will be sent, and to whom. */
function Apercu({ state, send }: EcranAgent) {
  const { apercu } = state.context;
  if (!apercu || state.matches({ relances: { apercu: 'chargement' } }))
    return <Spinner label="Préparation de l'aperçu…" />;
  const envoi =
    state.matches({ relances: { apercu: 'envoi' } }) ||
    state.matches({ relances: { apercu: 'envoiConfirme' } });
  const deja = apercu.destinataires.filter((d) => d.dejaRelanceeAujourdhui);
  return (
    <section className="card" aria-labelledby="apercu-titre">
      <h2 id="apercu-titre">Aperçu de la relance</h2>
      <p>
        <strong>Objet : </strong>
        {apercu.subject}
      </p>
      <pre className="apercu__texte">{apercu.text}</pre>
      <table className="table">
        <caption>Destinataires</caption>
        <thead>
          <tr>
            <th scope="col">Établissement</th>
            <th scope="col">Certificats manquants</th>
            <th scope="col">Comptes actifs destinataires</th>
            <th scope="col">Déjà relancé aujourd'hui</th>
          </tr>
        </thead>
        <tbody>
          {apercu.destinataires.map((d) => (
            <tr key={d.siret}>
              <th scope="row">{d.name}</th>
              <td>{d.manquants}</td>
              <td>{d.users}</td>
              <td>{d.dejaRelanceeAujourdhui ? 'Oui' : 'Non'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions actions--start">
        <Button
          variant="secondary"
          isDisabled={envoi}
          onPress={() => send({ type: 'relances.modifier' })}
        >
          Modifier la sélection
        </Button>
        <Button isPending={envoi} onPress={() => send({ type: 'relances.envoyer' })}>
          {`Envoyer la relance à ${apercu.destinataires.length} Esat`}
        </Button>
      </div>
      <ConfirmDialog
        isOpen={state.matches({ relances: { apercu: 'confirmation' } })}
        title="Relancer encore aujourd'hui ?"
        confirmLabel="Envoyer quand même"
        onCancel={() => send({ type: 'relance.annuler' })}
        onConfirm={() => send({ type: 'relance.confirmer' })}
      >
        <p>
          {deja.length > 0
            ? `${deja.map((d) => d.name).join(', ')} ${deja.length > 1 ? 'ont' : 'a'} déjà reçu une relance aujourd'hui.`
            : state.context.erreur?.message}{' '}
          Voulez-vous l'envoyer une nouvelle fois ?
        </p>
      </ConfirmDialog>
    </section>
  );
}

/** R-CA-6: pick the late Esat (or all of them), preview, send. */
export function Relances({ state, send }: EcranAgent) {
  const { enRetard, destinataires } = state.context;
  if (state.matches({ relances: 'echec' }))
    return <Echec titre="Relances" state={state} send={send} />;
  if (!enRetard) return <Spinner label="Chargement des Esat en retard…" />;
  const enRetardListe = enRetard.items.filter((l) => l.manquants > 0);
  const toutes = destinataires === 'retard';
  const choix = state.matches({ relances: 'choix' });
  const nombre = toutes ? enRetardListe.length : destinataires.length;
  return (
    <div className="screen">
      <h1>Relances — campagne {enRetard.campaign.year}</h1>
      <p className="lead">
        Chaque Esat choisi reçoit un e-mail, adressé à ses comptes actifs, avec le nombre de
        certificats manquants et la date limite. Aucun nom de travailleur ni montant n'y figure.
      </p>
      <Messages
        state={state}
        sansErreur={state.matches({ relances: { apercu: 'confirmation' } })}
      />
      {enRetardListe.length === 0 ? (
        <p>Tous les certificats attendus ont été reçus : aucun Esat n'est en retard.</p>
      ) : (
        <fieldset className="fieldset" disabled={!choix}>
          <legend className="fieldset__legend">Esat à relancer</legend>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={toutes}
              onChange={() => send({ type: 'relances.toutes' })}
            />{' '}
            {`Toutes les Esat en retard (${enRetardListe.length})`}
          </label>
          <table className="table">
            <caption className="sr-only">Esat dont des certificats manquent</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="sr-only">Choisir</span>
                </th>
                <th scope="col">Établissement</th>
                <th scope="col">Manquants</th>
                <th scope="col">Dernière relance</th>
              </tr>
            </thead>
            <tbody>
              {enRetardListe.map((l) => (
                <tr key={l.siret}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Relancer ${l.name}`}
                      checked={toutes || destinataires.includes(l.siret)}
                      disabled={toutes}
                      onChange={() => send({ type: 'relances.basculer', siret: l.siret })}
                    />
                  </td>
                  <th scope="row">{l.name}</th>
                  <td>{`${l.manquants} sur ${l.attendus}`}</td>
                  <td>{l.derniereRelance ? jourHeure(l.derniereRelance) : 'Jamais'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions actions--start">
            <Button
              isDisabled={!choix || nombre === 0}
              onPress={() => send({ type: 'relances.apercu' })}
            >
              {`Prévisualiser la relance (${nombre} Esat)`}
            </Button>
          </div>
        </fieldset>
      )}
      {state.matches({ relances: 'apercu' }) ? <Apercu state={state} send={send} /> : null}
    </div>
  );
}
