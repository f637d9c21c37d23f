import { useEffect, useRef } from 'react';
import {
  champsCertificat,
  champsImport,
  colonneDe,
  libellesStatut,
  type ChampImport,
} from '../../../forms/import.ts';
import { formDefinition, type FieldDef, type FormDefinition } from '../../../forms/index.ts';
import { ligneDe } from '../../../machines/import.machine.ts';
import type { LigneImport } from '../../../machines/import.types.ts';
import { Button, DownloadIcon, ErrorSummary, LinkButton, Notice } from '../../components/index.ts';
import { Messages } from '../../components/Messages.tsx';
import { FormRenderer } from '../../form/FormRenderer.tsx';
import { fieldId } from '../../form/ids.ts';
import { liensImport } from '../../api-import.ts';
import { jour, jourDe } from '../../../forms/dates.ts';
import type { EcranImport } from './types.ts';

const pluriel = (n: number, mot: string) => `${n} ${mot}${n > 1 ? 's' : ''}`;

/** The id of a row's header cell, target of the error summary's links (`champ-ligne-12`). */
const idLigne = (n: number) => fieldId(`ligne-${n}`);

const widgetsIdentite: Record<string, FieldDef['widget']> = {
  numeroAllocataire: 'entier',
  dateNaissance: 'date',
};

/** The row fix: the worker's identity, then the certificat's own fields (the saisie's widgets). */
const formulaireLigne: FormDefinition = (() => {
  const certificat = formDefinition('certificat');
  const identite: FieldDef[] = champsImport
    .filter((c) => !(champsCertificat as readonly string[]).includes(c))
    .map((c) => ({
      name: c,
      label: colonneDe(c).entete,
      widget: widgetsIdentite[c] ?? 'texte',
      required: false,
    }));
  return {
    ...certificat,
    notices: [],
    fields: [
      ...identite,
      ...certificat.fields.filter((f) => (champsCertificat as readonly string[]).includes(f.name)),
    ],
  };
})();

/** Who a row names: the worker recognised, else what the file says. */
function nomLigne(l: LigneImport) {
  if (l.travailleur)
    return `${l.travailleur.nom.toUpperCase()} ${l.travailleur.prenom} (n° ${l.travailleur.numeroAllocataire})`;
  const { nom, prenom, numeroAllocataire } = l.valeurs;
  return [nom, prenom, numeroAllocataire && `(n° ${numeroAllocataire})`].filter(Boolean).join(' ');
}

/** R-IM-4: the counts of the report, each kind of row said in words. */
function Comptes({ state }: Pick<EcranImport, 'state'>) {
  const c = state.context.vue!.report.comptes;
  const lignes: [string, number][] = [
    ['Lignes prêtes à envoyer', c.prets],
    ['Lignes à corriger', c.erreurs],
    ['Travailleurs déjà déclarés pour cette campagne', c.dejaDeclares],
    ['Dossiers ne pouvant pas recevoir de déclaration', c.bloques],
    ['Lignes sans travailleur reconnu', c.introuvables],
    ['Lignes correspondant à plusieurs travailleurs', c.ambigus],
    ['Lignes ignorées', c.ignorees],
    ['Certificats déjà envoyés par cet import', c.envoyes],
    ['Travailleurs de la Caf absents du fichier', c.manquants],
  ];
  return (
    <dl className="import-comptes">
      <div className="import-comptes__ligne">
        <dt>Lignes lues dans le fichier</dt>
        <dd>{c.lignes}</dd>
      </div>
      {lignes
        .filter(([, n]) => n > 0)
        .map(([libelle, n]) => (
          <div className="import-comptes__ligne" key={libelle}>
            <dt>{libelle}</dt>
            <dd>{n}</dd>
          </div>
        ))}
    </dl>
  );
}

/** One row of the report's table: its number, worker, status, why, and what can be done. */
function Ligne({ ligne: l, state, send }: EcranImport & { ligne: LigneImport }) {
  const detail =
    l.erreurs.length > 0 ? (
      <ul className="import-erreurs">
        {l.erreurs.map((e) => (
          <li key={`${e.champ}-${e.message}`}>
            Colonne « {e.colonne} » : {e.message}
          </li>
        ))}
      </ul>
    ) : (
      (l.message ?? '')
    );
  const modifiable = state.can({ type: 'ligne.corriger', n: l.n });
  return (
    <tr className={`import-ligne import-ligne--${l.statut}`}>
      <th scope="row" id={idLigne(l.n)} tabIndex={-1}>
        {l.n}
      </th>
      <td>{nomLigne(l) || <span className="muted">non renseigné</span>}</td>
      <td>
        {libellesStatut[l.statut]}
        {l.corrigee ? <span className="muted"> (corrigée)</span> : null}
      </td>
      <td>{detail}</td>
      <td>
        {modifiable ? (
          <div className="import-ligne__actions">
            {l.statut !== 'deja-declare' && l.statut !== 'dossier-bloque' ? (
              <Button
                variant="link"
                aria-label={`Corriger la ligne ${l.n}`}
                onPress={() => send({ type: 'ligne.corriger', n: l.n })}
              >
                Corriger
              </Button>
            ) : null}
            <Button
              variant="link"
              aria-label={
                l.statut === 'ignoree' ? `Reprendre la ligne ${l.n}` : `Ignorer la ligne ${l.n}`
              }
              onPress={() =>
                send({ type: 'ligne.ignorer', n: l.n, ignorer: l.statut !== 'ignoree' })
              }
            >
              {l.statut === 'ignoree' ? 'Reprendre' : 'Ignorer'}
            </Button>
          </div>
        ) : null}
      </td>
    </tr>
  );
}

/** R-IM-4: one row retyped in the page with the saisie's widgets, its messages beside its fields. */
function Correction({ state, send }: EcranImport) {
  const { ligne: n, saisie, erreur } = state.context;
  const ligne = ligneDe(state.context, n);
  const titre = useRef<HTMLHeadingElement>(null);
  useEffect(() => titre.current?.focus(), [n]);
  const enregistrement = state.matches({ rapport: 'enregistrement' });
  if (!ligne || !saisie) return null;
  const erreurs = ligne.erreurs.map((e) => ({ path: `/${e.champ}`, message: e.message }));
  return (
    <section className="card form-stack" aria-labelledby="correction-titre">
      <h2 id="correction-titre" ref={titre} tabIndex={-1}>
        Corriger la ligne {ligne.n}
      </h2>
      <p className="muted">
        Ce que vous saisissez ici remplace la valeur du fichier pour cette ligne seulement ; votre
        fichier n'est pas modifié.
      </p>
      {ligne.message ? (
        <Notice type="warning">
          <p>{ligne.message}</p>
        </Notice>
      ) : null}
      <Messages erreur={erreur} />
      <form
        className="form-stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          send({ type: 'correction.enregistrer' });
        }}
      >
        <FormRenderer
          definition={formulaireLigne}
          saisie={saisie}
          errors={erreurs}
          showErrors
          onChange={(champ, valeur) =>
            send({ type: 'correction.changer', champ: champ as ChampImport, valeur })
          }
        />
        <div className="actions">
          <Button variant="secondary" onPress={() => send({ type: 'correction.annuler' })}>
            Annuler
          </Button>
          <Button type="submit" isDisabled={enregistrement}>
            {enregistrement ? 'Vérification…' : 'Enregistrer la ligne'}
          </Button>
        </div>
      </form>
    </section>
  );
}

/** R-IM-4: the report before anything is sent — counts, errors, the table of rows, next steps. */
export function Rapport({ state, send }: EcranImport) {
  const { vue, erreur, succes } = state.context;
  if (!vue) return null;
  if (
    state.matches({ rapport: 'correction' }) ||
    (state.matches({ rapport: 'enregistrement' }) && state.context.modification?.valeurs)
  )
    return <Correction state={state} send={send} />;
  const { report } = vue;
  const resume = report.lignes
    .filter((l) => l.statut === 'erreur' || l.statut === 'introuvable' || l.statut === 'ambigu')
    .map((l) => ({
      path: `/ligne-${l.n}`,
      message: `Ligne ${l.n} : ${
        l.erreurs.length > 0
          ? l.erreurs.map((e) => `colonne « ${e.colonne} », ${e.message}`).join(' ; ')
          : (l.message ?? libellesStatut[l.statut])
      }`,
    }));
  return (
    <>
      <Messages succes={succes} erreur={erreur} />
      <section className="card form-stack" aria-labelledby="rapport-titre">
        <h2 id="rapport-titre">Rapport de vérification</h2>
        <p>
          Rien n'est encore envoyé à la Caf. Fichier « {vue.fichier.nom} », importé le{' '}
          {jourDe(vue.createdAt)}.
        </p>
        <Comptes state={state} />
        <div className="actions actions--start">
          <LinkButton href={liensImport.rapportCsv(vue.id)} download icon={<DownloadIcon />}>
            Télécharger le rapport (CSV)
          </LinkButton>
          {state.can({ type: 'rapport.correspondance' }) ? (
            <Button variant="secondary" onPress={() => send({ type: 'rapport.correspondance' })}>
              Modifier les colonnes
            </Button>
          ) : null}
          <Button variant="secondary" onPress={() => send({ type: 'rapport.autreFichier' })}>
            Importer un autre fichier
          </Button>
        </div>
      </section>
      <ErrorSummary
        errors={resume}
        title={`${pluriel(resume.length, 'ligne')} à corriger ou à ignorer`}
      />
      <section className="card" aria-labelledby="lignes-titre">
        <h2 id="lignes-titre">Les lignes du fichier</h2>
        {/* Scrolled by keyboard too when it is wider than the screen. */}
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="lignes-titre">
          <table className="table import-table">
            <caption className="sr-only">
              Lignes du fichier {vue.fichier.nom}, avec leur statut et les erreurs à corriger
            </caption>
            <thead>
              <tr>
                <th scope="col">Ligne</th>
                <th scope="col">Travailleur</th>
                <th scope="col">Statut</th>
                <th scope="col">Détail</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {report.lignes.map((l) => (
                <Ligne key={l.n} ligne={l} state={state} send={send} />
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {report.manquants.length > 0 ? (
        <section className="card" aria-labelledby="manquants-titre">
          <h2 id="manquants-titre">
            {pluriel(report.manquants.length, 'travailleur')} de la Caf absent
            {report.manquants.length > 1 ? 's' : ''} du fichier
          </h2>
          <p className="muted">
            Leur certificat d'emploi reste à déclarer : dans un autre fichier, ou un par un depuis
            Mes travailleurs.
          </p>
          <details>
            <summary>Voir la liste</summary>
            <ul>
              {report.manquants.map((t) => (
                <li key={t.id}>
                  {t.nom.toUpperCase()} {t.prenom} — n° allocataire {t.numeroAllocataire}, né(e) le{' '}
                  {jour(t.dateNaissance)}
                </li>
              ))}
            </ul>
          </details>
        </section>
      ) : null}
      <div className="actions actions--sticky">
        <Button variant="secondary" onPress={() => send({ type: 'import.quitter' })}>
          Quitter l'import
        </Button>
        <Button
          isDisabled={!state.can({ type: 'rapport.continuer' })}
          onPress={() => send({ type: 'rapport.continuer' })}
        >
          Continuer avec {report.comptes.prets} ligne{report.comptes.prets > 1 ? 's' : ''} prête
          {report.comptes.prets > 1 ? 's' : ''}
        </Button>
      </div>
    </>
  );
}
