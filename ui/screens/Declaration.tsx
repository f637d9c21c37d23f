import { useState } from 'react';
import { useSelector } from '@xstate/react';
import { formDefinition, kindLabels } from '../../forms/index.ts';
import {
  AvisForm,
  Breadcrumb,
  Button,
  ConfirmDialog,
  DownloadIcon,
  LinkButton,
  Notice,
  Recapitulatif,
} from '../components/index.ts';
import { Aujourdhui } from '../form/aujourdhui.ts';
import { FormRenderer } from '../form/FormRenderer.tsx';
import { pdfUrl } from '../api.ts';
import { jourHeure } from '../../forms/dates.ts';
import { Compteur } from './Fiche.tsx';
import { MemeMontants } from './MemeMontants.tsx';
import { Questions, ReponsesDonnees } from './Questions.tsx';
import type { DeclarationRef, PortalSnapshot } from './types.ts';
import '../ecrans.css';

/** R-FL-5: Saisie → Récapitulatif → Fin of one declaration, with the fil d'Ariane and quit dialogs. */
export function Declaration({ portal, actor }: { portal: PortalSnapshot; actor: DeclarationRef }) {
  const state = useSelector(actor, (s) => s);
  const { send } = actor;
  const { kind, travailleur, saisie, data, errors, showErrors, erreurEnvoi, accuse, avis } =
    state.context;
  const definition = formDefinition(kind);
  /** Each « Valider » of the saisie: a refused one gives the focus to the error summary. */
  const [tentatives, setTentatives] = useState(0);
  const calendrier = portal.context.calendrier;
  const etape =
    state.matches('saisie') || state.matches('questions')
      ? 1
      : state.matches('recapitulatif')
        ? 2
        : 3;
  const titre = state.context.kindChoisi ? kindLabels[kind] : 'Changement de situation';
  const qui = `${travailleur.nom.toUpperCase()} ${travailleur.prenom} — n° ${travailleur.numeroAllocataire}`;
  const caf = portal.context.cafs.find((c) => c.code === portal.context.caf);
  const esat = portal.context.profil?.esat ?? undefined;
  const contexte = {
    caf: caf ? { code: caf.code, name: caf.name } : undefined,
    esat: esat ? { name: esat.name, siret: esat.siret } : undefined,
    travailleur,
  };

  return (
    <div className="screen">
      <Compteur state={portal} />
      <Breadcrumb etape={etape} />
      <h1>
        {titre}
        <span className="subtitle">{qui}</span>
      </h1>

      {state.matches('questions') ? <Questions state={state} actor={actor} /> : null}

      {state.matches('saisie') ? (
        <form
          className="form-stack"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setTentatives((n) => n + 1);
            send({ type: 'saisie.valider' });
          }}
        >
          {state.context.teleprocedure === 'changement' ? (
            <div className="answers-box">
              <ReponsesDonnees reponses={state.context.reponses} />
              <Button variant="link" onPress={() => send({ type: 'saisie.questions' })}>
                Modifier mes réponses
              </Button>
            </div>
          ) : null}
          {state.context.copieDe ? (
            <Notice type="info" title="Saisie reprise de la déclaration précédente">
              <p>
                Les valeurs déclarées pour {state.context.copieDe} ont été reprises : vérifiez-les
                et corrigez-les si besoin avant de valider.
              </p>
            </Notice>
          ) : null}
          {kind === 'certificat' ? (
            <MemeMontants
              workerId={travailleur.id}
              onReprendre={(repris) => {
                for (const field of definition.fields) {
                  const value = repris[field.name];
                  if (value !== undefined)
                    send({ type: 'saisie.changer', name: field.name, value });
                }
              }}
            />
          ) : null}
          <Aujourdhui.Provider value={calendrier?.today}>
            <FormRenderer
              definition={definition}
              tentative={tentatives}
              avantNotices={
                kind === 'certificat' && calendrier
                  ? `Rémunération garantie du mois de novembre ${calendrier.campaign.year}. Pour garantir le paiement de l'AAH en janvier et février, déclarez au plus tard entre le 15 et le 20 janvier.`
                  : undefined
              }
              saisie={saisie}
              errors={errors}
              showErrors={showErrors}
              onChange={(name, value) => send({ type: 'saisie.changer', name, value })}
            />
          </Aujourdhui.Provider>
          <div className="actions">
            <Button variant="secondary" onPress={() => send({ type: 'saisie.quitter' })}>
              Quitter
            </Button>
            {/* The seeds' word: « Valider » the saisie shows the récapitulatif. */}
            <Button type="submit">Valider</Button>
          </div>
          <ConfirmDialog
            isOpen={state.matches({ saisie: 'confirmationQuitter' })}
            title="Voulez-vous quitter la déclaration ?"
            onCancel={() => send({ type: 'quitter.annuler' })}
            onConfirm={() => send({ type: 'quitter.confirmer' })}
          >
            <p>
              Vous retournerez à la page « Mes travailleurs ». Cette déclaration ne sera pas
              transmise à la Caf.
            </p>
          </ConfirmDialog>
        </form>
      ) : null}

      {state.matches('recapitulatif') ? (
        <div className="form-stack">
          <p className="lead">Vérifiez les informations saisies, puis validez votre déclaration.</p>
          {erreurEnvoi ? (
            <Notice type="error" title="La déclaration n'a pas été enregistrée" live>
              <p>{erreurEnvoi.message}</p>
            </Notice>
          ) : null}
          <section className="card">
            <Recapitulatif
              definition={definition}
              valeurs={data}
              contexte={contexte}
              onModifier={() => send({ type: 'recapitulatif.modifier' })}
            />
          </section>
          <p className="attestation">
            En validant, je certifie sur l'honneur l'exactitude des renseignements déclarés. Toute
            fausse déclaration expose à des poursuites (articles L.114-13 et L.835-5 du Code de la
            sécurité sociale, article 441-1 du Code pénal).
          </p>
          <div className="actions">
            <Button variant="secondary" onPress={() => send({ type: 'recapitulatif.quitter' })}>
              Quitter
            </Button>
            <Button
              isPending={state.matches({ recapitulatif: 'envoi' })}
              isDisabled={!state.can({ type: 'recapitulatif.valider' })}
              onPress={() => send({ type: 'recapitulatif.valider' })}
            >
              Valider
            </Button>
          </div>
          <ConfirmDialog
            isOpen={state.matches({ recapitulatif: 'confirmationQuitter' })}
            title="Voulez-vous quitter la déclaration ?"
            onCancel={() => send({ type: 'quitter.annuler' })}
            onConfirm={() => send({ type: 'quitter.confirmer' })}
          >
            <p>
              Vous retournerez à la fiche du travailleur. Cette déclaration ne sera pas transmise à
              la Caf.
            </p>
          </ConfirmDialog>
        </div>
      ) : null}

      {state.matches('fin') && accuse ? (
        <div className="form-stack">
          <Notice type="success" title="Votre déclaration a bien été enregistrée" live>
            <p>
              Enregistrée le {jourHeure(accuse.submittedAt)}. Un accusé de réception a été envoyé à
              votre adresse e-mail.
            </p>
            {accuse.reference ? (
              <p>
                Référence à rappeler à la Caf :{' '}
                <span className="reference">{accuse.reference}</span>
              </p>
            ) : null}
          </Notice>
          <section className="card" aria-label="Ce que vous avez déclaré">
            <Recapitulatif definition={definition} valeurs={data} contexte={contexte} />
          </section>
          <div className="actions actions--start">
            <LinkButton href={pdfUrl(accuse.id)} download icon={<DownloadIcon />}>
              Télécharger le récapitulatif (PDF)
            </LinkButton>
          </div>
          <div>
            <AvisForm
              sent={avis === 'envoye'}
              isPending={avis === 'envoi'}
              onSubmit={(a) =>
                send({
                  type: 'fin.avis',
                  avis: { note: a.note || undefined, commentaire: a.commentaire || undefined },
                })
              }
            />
            {avis === 'erreur' ? (
              <p className="field__error" role="alert">
                Votre avis n'a pas pu être envoyé. Réessayez.
              </p>
            ) : null}
          </div>
          <div className="actions">
            <Button variant="secondary" onPress={() => send({ type: 'fin.quitter' })}>
              Quitter
            </Button>
            {state.can({ type: 'fin.continuer' }) ? (
              <Button onPress={() => send({ type: 'fin.continuer' })}>Continuer</Button>
            ) : (
              <Button onPress={() => send({ type: 'fin.valider' })}>Valider</Button>
            )}
          </div>
        </div>
      ) : null}
    </div>
  );
}
