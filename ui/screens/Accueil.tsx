import type { SuiviEsat } from '../../machines/caf.types.ts';
import { Button, CafSelect, ConfirmDialog, Notice, Spinner } from '../components/index.ts';
import { jourDe, jourHeure, jourLong } from '../../forms/dates.ts';
import { chargerImport } from '../import-differe.ts';
import { Identification } from './Identification.tsx';
import type { PortalSend, PortalSnapshot } from './types.ts';
import '../ecrans.css';

const pluriel = (n: number, mot: string) => `${n} ${mot}${n > 1 ? 's' : ''}`;

/** R-CA-8: « 23 certificats déclarés sur 30 — il reste 7 travailleurs, date limite le 15 janvier »,
 * and the Caf's last reminder (R-CA-6). */
function Suivi({ suivi, caf }: { suivi: SuiviEsat; caf: string }) {
  const jour = jourLong(suivi.deadline).replace(/ \d{4}$/, '');
  return (
    <section className="card form-stack" aria-labelledby="suivi-campagne">
      <h2 id="suivi-campagne">
        Certificats d'emploi {suivi.year} — {caf}
      </h2>
      <p className="campagne__chiffres">
        <strong>
          {suivi.declares} certificat{suivi.declares > 1 ? 's' : ''} déclaré
          {suivi.declares > 1 ? 's' : ''} sur {suivi.attendus}
        </strong>
        {suivi.restants > 0
          ? ` — il reste ${pluriel(suivi.restants, 'travailleur')}, date limite le ${jour}`
          : ' — tous vos certificats de cette campagne sont déclarés.'}
      </p>
      {suivi.relance && suivi.restants > 0 ? (
        <Notice type="warning" title="Relance de la Caf">
          <p>
            La Caf vous a adressé une relance le {jourDe(suivi.relance.at)} :{' '}
            {pluriel(suivi.relance.manquants, 'certificat')} manquant
            {suivi.relance.manquants > 1 ? 's' : ''}.
          </p>
        </Notice>
      ) : null}
    </section>
  );
}

/** R-FL-1: the Esat, the Caf concerned (a choice when several), its number of workers. */
export function Accueil({ state, send }: { state: PortalSnapshot; send: PortalSend }) {
  const { profil, cafs, caf, calendrier, erreur } = state.context;
  if (state.matches({ espace: { accueil: 'chargement' } }))
    return <Spinner label="Chargement de votre espace…" />;
  if (state.matches({ espace: { accueil: 'echec' } })) {
    return (
      <Notice type="error" title="Votre espace n'a pas pu être chargé" live>
        <p>{erreur?.message}</p>
      </Notice>
    );
  }
  const choisie = cafs.find((c) => c.code === caf);
  const aSupprimer = state.context.brouillons?.find(
    (b) => b.travailleur?.id === state.context.brouillonASupprimer,
  );
  return (
    <div className="screen">
      <h1>Espace Esat</h1>
      {state.context.succes ? (
        <Notice type="success" live>
          <p>{state.context.succes}</p>
        </Notice>
      ) : null}
      <section className="card" aria-labelledby="etablissement">
        <h2 id="etablissement">{profil?.esat?.name}</h2>
        <p className="address">{profil?.esat?.address}</p>
        <p className="muted">SIRET {profil?.esat?.siret}</p>
      </section>
      {state.context.brouillons?.length ? (
        <Notice type="warning" title="Des déclarations ne sont pas terminées">
          <p>Votre saisie a été conservée pour :</p>
          <ul className="brouillons">
            {state.context.brouillons.map((b) => (
              <li key={b.travailleur?.id}>
                {b.travailleur?.nom.toUpperCase()} {b.travailleur?.prenom} (
                {b.teleprocedure === 'certificat'
                  ? "certificat d'emploi"
                  : 'changement de situation'}
                , modifiée le {jourHeure(b.updatedAt)}){' '}
                {b.travailleur ? (
                  <Button
                    variant="link"
                    aria-label={`Supprimer ce brouillon (${b.travailleur.nom.toUpperCase()} ${b.travailleur.prenom})`}
                    isDisabled={
                      !state.can({ type: 'brouillon.supprimer', workerId: b.travailleur.id })
                    }
                    onPress={() =>
                      send({ type: 'brouillon.supprimer', workerId: b.travailleur!.id })
                    }
                  >
                    Supprimer ce brouillon
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
          <p>
            Sélectionnez ces travailleurs dans « Mes travailleurs » pour reprendre la saisie là où
            vous l'aviez laissée.
          </p>
        </Notice>
      ) : null}
      {state.context.imports?.length ? (
        <Notice type="warning" title="Des imports de fichier de paie ne sont pas terminés">
          <ul className="brouillons">
            {state.context.imports.map((i) => (
              <li key={i.id}>
                « {i.fichier.nom} » ({i.lignes} ligne{i.lignes > 1 ? 's' : ''},{' '}
                {i.envoyes > 0
                  ? `${i.envoyes} certificat${i.envoyes > 1 ? 's' : ''} déjà envoyé${i.envoyes > 1 ? 's' : ''}`
                  : 'rien envoyé'}
                ){' '}
                <Button
                  variant="link"
                  isDisabled={!state.can({ type: 'accueil.reprendreImport', id: i.id })}
                  onPress={() =>
                    void chargerImport().then(() =>
                      send({ type: 'accueil.reprendreImport', id: i.id }),
                    )
                  }
                >
                  Reprendre l'import du {jourHeure(i.createdAt)}
                </Button>
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {state.context.erreur ? (
        <Notice type="error" live>
          <p>{state.context.erreur.message}</p>
        </Notice>
      ) : null}
      {choisie?.suivi && !state.matches({ espace: { accueil: 'identification' } }) ? (
        <Suivi suivi={choisie.suivi} caf={choisie.name} />
      ) : null}
      {calendrier?.certificatOpen ? (
        <Notice type="info" title="Campagne des certificats d'emploi ouverte">
          <p>
            Déclarez la rémunération garantie de novembre {calendrier.campaign.year} de vos
            travailleurs jusqu'au {jourLong(calendrier.campaign.closes)}. Pour garantir le paiement
            de l'AAH de janvier et février, déclarez au plus tard entre le 15 et le 20 janvier.
          </p>
        </Notice>
      ) : null}
      <section className="card form-stack" aria-labelledby="caf-concernee">
        <h2 id="caf-concernee">Caf concernée</h2>
        {cafs.length > 1 ? (
          <CafSelect
            id="choix-caf"
            label="Vos travailleurs dépendent de plusieurs Caf : choisissez la Caf concernée"
            cafs={cafs}
            value={caf}
            onChange={(code) => send({ type: 'accueil.choisirCaf', code })}
          />
        ) : (
          <p>{choisie?.name}</p>
        )}
        {state.matches({ espace: { accueil: 'identification' } }) ? (
          <Identification state={state} send={send} />
        ) : choisie && choisie.workerCount > 0 ? (
          <p>
            <strong>{choisie.workerCount}</strong> travailleur{choisie.workerCount > 1 ? 's' : ''}{' '}
            connu
            {choisie.workerCount > 1 ? 's' : ''} par la {choisie.name} pour votre établissement.
          </p>
        ) : (
          <Notice type="error" title="Aucun travailleur" live>
            <p>
              Aucun travailleur de votre établissement n'est connu de la{' '}
              {choisie?.name ?? 'Caf choisie'}.
            </p>
          </Notice>
        )}
        <div className="actions">
          <a className="btn btn--link" href="/guide.html" target="_blank" rel="noopener">
            Guide utilisateur (nouvelle fenêtre)
          </a>
          {state.matches({ espace: { accueil: 'identification' } }) ? null : (
            <Button
              isDisabled={!state.can({ type: 'accueil.travailleurs' })}
              onPress={() => send({ type: 'accueil.travailleurs' })}
            >
              Mes travailleurs
            </Button>
          )}
        </div>
      </section>
      {profil?.user.role === 'referent' ? (
        <section className="card form-stack" aria-labelledby="gestion-utilisateurs">
          <h2 id="gestion-utilisateurs">Utilisateurs de l'établissement</h2>
          <p>
            En tant que référent, vous créez et désactivez les comptes de votre établissement, et
            les accès de son logiciel de paie.
          </p>
          <div className="actions actions--start">
            <Button
              variant="secondary"
              isDisabled={!state.can({ type: 'accueil.utilisateurs' })}
              onPress={() => send({ type: 'accueil.utilisateurs' })}
            >
              Gérer les utilisateurs
            </Button>
            <Button
              variant="secondary"
              isDisabled={!state.can({ type: 'accueil.jetons' })}
              onPress={() => send({ type: 'accueil.jetons' })}
            >
              Accès pour votre logiciel de paie
            </Button>
          </div>
        </section>
      ) : null}
      <ConfirmDialog
        isOpen={state.matches({ espace: { accueil: 'confirmationSuppression' } })}
        title="Supprimer ce brouillon ?"
        confirmLabel="Supprimer le brouillon"
        onCancel={() => send({ type: 'suppression.annuler' })}
        onConfirm={() => send({ type: 'suppression.confirmer' })}
      >
        <p>
          Ce qui a été saisi
          {aSupprimer?.travailleur
            ? ` pour ${aSupprimer.travailleur.nom.toUpperCase()} ${aSupprimer.travailleur.prenom}`
            : ''}{' '}
          sera effacé. La déclaration n'a pas été envoyée à la Caf : vous pourrez la recommencer
          depuis le début.
        </p>
      </ConfirmDialog>
    </div>
  );
}
