import { estVisible, formatValeur, type FormDefinition } from '../../forms/index.ts';
import { jour } from '../../forms/dates.ts';
import { Button } from './Button.tsx';
import { PencilIcon } from './icons.tsx';

/** Who declares, to which Caf, for whom: the head of the legacy récapitulatif. */
export interface ContexteRecapitulatif {
  caf?: { code: string; name: string };
  esat?: { name: string; siret: string };
  travailleur: { nom: string; prenom: string; numeroAllocataire: string; dateNaissance: string };
}

export interface RecapitulatifProps {
  definition: FormDefinition;
  /** The checked declaration data (numbers as numbers), as `checkSaisie` returns it. */
  valeurs: Record<string, unknown>;
  /** Back to the saisie, values kept (the pencil); absent on Fin and for the Caf agent (read only). */
  onModifier?: () => void;
  /** The Caf, the Esat and the worker, shown above the values. */
  contexte?: ContexteRecapitulatif;
}

/**
 * Every field of the declaration that applies (a field whose condition does not hold, such as
 * « Date de retour prévue » for another motif, is not listed) with its value as the PDF shows it.
 */
export function Recapitulatif({ definition, valeurs, onModifier, contexte }: RecapitulatifProps) {
  const t = contexte?.travailleur;
  return (
    <section className="recap" aria-labelledby="recap-title">
      <div className="recap__header">
        <h2 className="recap__title" id="recap-title">
          {definition.titre}
        </h2>
        {onModifier ? (
          <Button
            variant="link"
            onPress={onModifier}
            icon={<PencilIcon />}
            aria-label="Modifier la saisie"
          >
            Modifier
          </Button>
        ) : null}
      </div>
      {contexte ? (
        <dl className="recap__list recap__list--contexte">
          {contexte.caf ? (
            <div className="recap__row">
              <dt className="recap__label">Caf destinataire</dt>
              <dd className="recap__value">
                {contexte.caf.name} ({contexte.caf.code})
              </dd>
            </div>
          ) : null}
          {contexte.esat ? (
            <div className="recap__row">
              <dt className="recap__label">Établissement</dt>
              <dd className="recap__value">
                {contexte.esat.name} — SIRET {contexte.esat.siret}
              </dd>
            </div>
          ) : null}
          {t ? (
            <>
              <div className="recap__row">
                <dt className="recap__label">Travailleur</dt>
                <dd className="recap__value">
                  {t.nom.toUpperCase()} {t.prenom} — n° allocataire {t.numeroAllocataire}
                </dd>
              </div>
              <div className="recap__row">
                <dt className="recap__label">Date de naissance</dt>
                <dd className="recap__value">{jour(t.dateNaissance)}</dd>
              </div>
            </>
          ) : null}
        </dl>
      ) : null}
      <dl className="recap__list">
        {definition.fields
          .filter((field) => estVisible(field, valeurs))
          .map((field) => (
            <div className="recap__row" key={field.name}>
              <dt className="recap__label">{field.label}</dt>
              <dd className="recap__value">{formatValeur(field, valeurs[field.name])}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}
