import { champsImport, colonneDe } from '../../../forms/import.ts';
import { Button } from '../../components/index.ts';
import { Messages } from '../../components/Messages.tsx';
import { errorAt, FieldFrame } from '../../form/FieldFrame.tsx';
import type { EcranImport } from './types.ts';

/** R-IM-2: each field and the file's column that holds it, as recognised; the user may change it. */
export function Correspondance({ state, send }: EcranImport) {
  const { vue, correspondance, erreur } = state.context;
  const enregistrement = state.matches({ correspondance: 'enregistrement' });
  if (!vue || !correspondance) return null;
  const trouvees = champsImport.filter((c) => correspondance[c] !== null).length;
  const messageDe = (champ: string) => errorAt(erreur?.fields ?? [], `/mapping/${champ}`);
  return (
    <section className="card form-stack" aria-labelledby="import-colonnes">
      <h2 id="import-colonnes">Les colonnes de votre fichier</h2>
      <p>
        Fichier « {vue.fichier.nom} » : {vue.report.comptes.lignes} ligne
        {vue.report.comptes.lignes > 1 ? 's' : ''}, en-tête à la ligne {vue.fichier.ligneEntete}.{' '}
        {trouvees} colonne{trouvees > 1 ? 's' : ''} sur {champsImport.length} reconnue
        {trouvees > 1 ? 's' : ''}. Vérifiez chaque correspondance et corrigez-la si besoin.
      </p>
      <Messages erreur={erreur} />
      <div className="form-stack">
        {champsImport.map((champ) => {
          const id = `colonne-${champ}`;
          const message = messageDe(champ);
          return (
            <FieldFrame key={champ} id={id} label={colonneDe(champ).entete} error={message} inline>
              {(aria) => (
                <select
                  {...aria}
                  className="field__input"
                  value={correspondance[champ] ?? ''}
                  disabled={enregistrement}
                  onChange={(e) =>
                    send({
                      type: 'correspondance.choisir',
                      champ,
                      index: e.target.value === '' ? null : Number(e.target.value),
                    })
                  }
                >
                  <option value="">Aucune colonne du fichier</option>
                  {vue.columns.map((c) => (
                    <option key={c.index} value={c.index}>
                      {c.header || `Colonne ${c.index + 1} (sans titre)`}
                    </option>
                  ))}
                </select>
              )}
            </FieldFrame>
          );
        })}
      </div>
      <div className="actions">
        <Button variant="secondary" onPress={() => send({ type: 'import.quitter' })}>
          Quitter l'import
        </Button>
        <Button
          isDisabled={enregistrement}
          onPress={() => send({ type: 'correspondance.valider' })}
        >
          {enregistrement ? 'Vérification des lignes…' : 'Confirmer les colonnes'}
        </Button>
      </div>
    </section>
  );
}
