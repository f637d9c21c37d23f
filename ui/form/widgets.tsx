import type { ComponentType, HTMLAttributes, ReactNode } from 'react';
import type { FieldDef } from '../../forms/index.ts';

/** What every widget receives from the renderer. */
export interface WidgetProps {
  field: FieldDef;
  /** The DOM id of the control (`champ-<name>`), target of the error summary's links. */
  id: string;
  /** Exactly what the user typed. */
  value: string;
  /** The message to show next to the field, when errors are shown. */
  error?: string;
  onChange: (value: string) => void;
}

export type Widget = ComponentType<WidgetProps>;

/** What surrounds every control: label (« obligatoire »), help, error, then the control. */
function FieldFrame({
  field,
  id,
  help,
  error,
  unitWords,
  children,
}: {
  field: FieldDef;
  id: string;
  help?: string;
  error?: string;
  unitWords?: string;
  children: (describedBy: string | undefined) => ReactNode;
}) {
  const helpId = `${id}-aide`;
  const errorId = `${id}-erreur`;
  const describedBy = [help ? helpId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {field.label}
        {unitWords ? <span className="sr-only"> (en {unitWords})</span> : null}
        {field.required ? <span className="field__required"> (obligatoire)</span> : null}
      </label>
      {help ? (
        <p className="field__help" id={helpId}>
          {help}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId}>
          <span className="sr-only">Erreur : </span>
          {error}
        </p>
      ) : null}
      {children(describedBy || undefined)}
    </div>
  );
}

interface TextOptions {
  inputMode: HTMLAttributes<HTMLInputElement>['inputMode'];
  /** Shown after the input (€, %), and said in words to screen readers. */
  unit?: { symbol: string; words: string };
  size: 'short' | 'medium' | 'long';
  /** Help given when the definition has none. */
  defaultHelp?: string;
  /** The expected format, always said, after the definition's own help (« Facultative. »). */
  formatHelp?: string;
}

/** A label, its help, its error, and a text input: the shape of every field of our forms. */
function textWidget({ inputMode, unit, size, defaultHelp, formatHelp }: TextOptions): Widget {
  function TextWidget({ field, id, value, error, onChange }: WidgetProps) {
    const help = [field.help ?? defaultHelp, formatHelp].filter(Boolean).join(' ') || undefined;
    return (
      <FieldFrame field={field} id={id} help={help} error={error} unitWords={unit?.words}>
        {(describedBy) => (
          <div className={`field__control field__control--${size}`}>
            <input
              id={id}
              name={field.name}
              type="text"
              className="field__input"
              inputMode={inputMode}
              autoComplete="off"
              spellCheck={false}
              value={value}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
              aria-required={field.required || undefined}
              onChange={(event) => onChange(event.target.value)}
            />
            {unit ? (
              <span className="field__unit" aria-hidden="true">
                {unit.symbol}
              </span>
            ) : null}
          </div>
        )}
      </FieldFrame>
    );
  }
  return TextWidget;
}

/** A closed list (the ten motifs of R-CS-2): a native select, labelled, with its error. */
function ChoixWidget({ field, id, value, error, onChange }: WidgetProps) {
  return (
    <FieldFrame field={field} id={id} help={field.help} error={error}>
      {(describedBy) => (
        <div className="field__control field__control--long">
          <select
            id={id}
            name={field.name}
            className="field__input"
            value={value}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            aria-required={field.required || undefined}
            onChange={(event) => onChange(event.target.value)}
          >
            <option value="">Choisissez dans la liste</option>
            {field.options?.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      )}
    </FieldFrame>
  );
}

/**
 * The widgets, by `FieldDef.widget`. A new kind of field (radio choices, a date picker) is a new
 * entry here; the renderer does not change. Unknown kinds fall back to `texte`.
 */
export const defaultWidgets: Record<string, Widget> = {
  montant: textWidget({
    inputMode: 'decimal',
    unit: { symbol: '€', words: 'euros' },
    size: 'short',
  }),
  pourcentage: textWidget({
    inputMode: 'decimal',
    unit: { symbol: '%', words: 'pourcentage' },
    size: 'short',
  }),
  entier: textWidget({ inputMode: 'numeric', size: 'short' }),
  date: textWidget({
    inputMode: 'numeric',
    size: 'medium',
    formatHelp: 'Format attendu : JJ/MM/AAAA, par exemple 15/01/2027.',
  }),
  texte: textWidget({ inputMode: 'text', size: 'long' }),
  choix: ChoixWidget,
};
