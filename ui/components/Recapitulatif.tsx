import { formatValeur, type FormDefinition } from '../../forms/index.ts';
import { Button } from './Button.tsx';
import { PencilIcon } from './icons.tsx';

export interface RecapitulatifProps {
  definition: FormDefinition;
  /** The checked declaration data (numbers as numbers), as `checkSaisie` returns it. */
  valeurs: Record<string, unknown>;
  /** Back to the saisie, values kept (the pencil); without it, read only (the Caf agent). */
  onModifier?: () => void;
}

/** Every field of the declaration with its value as the PDF will show it, and the pencil. */
export function Recapitulatif({ definition, valeurs, onModifier }: RecapitulatifProps) {
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
      <dl className="recap__list">
        {definition.fields.map((field) => (
          <div className="recap__row" key={field.name}>
            <dt className="recap__label">{field.label}</dt>
            <dd className="recap__value">{formatValeur(field, valeurs[field.name])}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
