import { lazy, Suspense, type ComponentType, type HTMLAttributes } from 'react';
import type { FieldDef } from '../../forms/index.ts';
import { FieldFrame } from './FieldFrame.tsx';

/** The calendar (react-aria's, ≈ 30 kB gzip) is loaded with the first date field shown. */
const BoutonCalendrier = lazy(() =>
  import('./Calendrier.tsx').then((m) => ({ default: m.BoutonCalendrier })),
);

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

interface TextOptions {
  inputMode: HTMLAttributes<HTMLInputElement>['inputMode'];
  /** Shown after the input (€, %), and said in words to screen readers. */
  unit?: { symbol: string; words: string };
  size: 'short' | 'medium' | 'long';
  /** Help given when the definition has none. */
  defaultHelp?: string;
  /** The expected format, always said, after the definition's own help (« Facultative. »). */
  formatHelp?: string;
  /** A button after the input that opens a calendar (date fields). */
  calendrier?: boolean;
}

/** A label, its help, its error, and a text input: the shape of every field of our forms. */
function textWidget({
  inputMode,
  unit,
  size,
  defaultHelp,
  formatHelp,
  calendrier,
}: TextOptions): Widget {
  function TextWidget({ field, id, value, error, onChange }: WidgetProps) {
    const help = [field.help ?? defaultHelp, formatHelp].filter(Boolean).join(' ') || undefined;
    return (
      <FieldFrame
        id={id}
        label={field.label}
        required={field.required}
        help={help}
        error={error}
        unitWords={unit?.words}
      >
        {(aria) => (
          <div className={`field__control field__control--${size}`}>
            <input
              {...aria}
              name={field.name}
              type="text"
              className="field__input"
              inputMode={inputMode}
              autoComplete="off"
              spellCheck={false}
              value={value}
              aria-required={field.required || undefined}
              onChange={(event) => onChange(event.target.value)}
            />
            {unit ? (
              <span className="field__unit" aria-hidden="true">
                {unit.symbol}
              </span>
            ) : null}
            {calendrier ? (
              <Suspense fallback={null}>
                <BoutonCalendrier label={field.label} value={value} onChange={onChange} />
              </Suspense>
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
    <FieldFrame
      id={id}
      label={field.label}
      required={field.required}
      help={field.help}
      error={error}
    >
      {(aria) => (
        <div className="field__control field__control--long">
          <select
            {...aria}
            name={field.name}
            className="field__input"
            value={value}
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
    calendrier: true,
  }),
  texte: textWidget({ inputMode: 'text', size: 'long' }),
  choix: ChoixWidget,
};
