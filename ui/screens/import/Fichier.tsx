import { useRef, useState, type DragEvent } from 'react';
import { colonnesImport } from '../../../forms/import.ts';
import { Button, DownloadIcon, LinkButton, Notice } from '../../components/index.ts';
import { liensImport } from '../../api-import.ts';
import type { EcranImport } from './types.ts';

/** R-IM-1: the template to download, then the file chosen (a real file input, a drop zone too). */
export function Fichier({ state, send }: EcranImport) {
  const input = useRef<HTMLInputElement>(null);
  const [survol, setSurvol] = useState(false);
  const envoi = state.matches({ fichier: 'envoi' });
  const { erreur } = state.context;
  const choisir = (fichier: File | undefined) => {
    if (!fichier) return;
    send({
      type: 'fichier.choisir',
      fichier: { nom: fichier.name, type: fichier.type, contenu: fichier },
    });
  };
  const deposer = (e: DragEvent) => {
    e.preventDefault();
    setSurvol(false);
    if (!envoi) choisir(e.dataTransfer.files[0]);
  };
  return (
    <>
      <section className="card form-stack" aria-labelledby="import-modele">
        <h2 id="import-modele">1. Préparez votre fichier</h2>
        <p>
          Exportez de votre logiciel de paie la rémunération garantie de novembre, une ligne par
          travailleur, ou remplissez le modèle. Colonnes attendues :{' '}
          {colonnesImport.map((c) => c.entete).join(', ')}.
        </p>
        <p className="muted">
          Fichier CSV (séparateur point-virgule ou virgule) ou Excel (.xlsx), 2 Mo et 2 000 lignes
          au plus. Les montants peuvent s'écrire « 1 234,56 » ; la ligne d'en-tête peut être
          précédée de lignes de titre.
        </p>
        <div className="actions actions--start">
          <LinkButton href={liensImport.modeleXlsx} download icon={<DownloadIcon />}>
            Télécharger le modèle Excel (.xlsx)
          </LinkButton>
          <LinkButton href={liensImport.modeleCsv} download icon={<DownloadIcon />}>
            Télécharger le modèle CSV
          </LinkButton>
        </div>
      </section>
      <section className="card form-stack" aria-labelledby="import-choix">
        <h2 id="import-choix">2. Choisissez le fichier</h2>
        {erreur ? (
          <Notice type="error" title="Le fichier n'a pas pu être importé" live>
            <p id="fichier-erreur">{erreur.message}</p>
          </Notice>
        ) : null}
        <div
          className={`depot${survol ? ' depot--survol' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setSurvol(true);
          }}
          onDragLeave={() => setSurvol(false)}
          onDrop={deposer}
        >
          <div className="field">
            <label className="field__label" htmlFor="fichier-paie">
              Fichier de paie (CSV ou Excel)
            </label>
            <p className="field__help" id="fichier-aide">
              Choisissez le fichier, ou déposez-le dans ce cadre.
            </p>
            <input
              ref={input}
              id="fichier-paie"
              name="fichier"
              type="file"
              className="depot__input"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              disabled={envoi}
              aria-describedby={erreur ? 'fichier-aide fichier-erreur' : 'fichier-aide'}
              aria-invalid={erreur ? true : undefined}
              onChange={(e) => {
                choisir(e.target.files?.[0]);
                // The same file chosen again (once corrected) must fire a change too.
                e.target.value = '';
              }}
            />
          </div>
          {envoi ? (
            <p role="status" className="muted">
              Lecture du fichier en cours…
            </p>
          ) : null}
        </div>
      </section>
      <div className="actions">
        <Button variant="secondary" onPress={() => send({ type: 'import.quitter' })}>
          Retour à Mes travailleurs
        </Button>
      </div>
    </>
  );
}
