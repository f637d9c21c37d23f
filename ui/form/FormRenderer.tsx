import {
  champsVisibles,
  type FieldError,
  type FormDefinition,
  type Saisie,
} from '../../forms/index.ts';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { Notice } from '../components/Notice.tsx';
import { fieldId, fieldNameFromPath } from './ids.ts';
import { defaultWidgets, type Widget } from './widgets.tsx';

export interface FormRendererProps {
  definition: FormDefinition;
  /** What the user typed, by field name; shown as is. */
  saisie: Saisie;
  /** Messages by JSON pointer (`/aideAuPoste`), from the validator or the server. */
  errors: FieldError[];
  onChange: (name: string, value: string) => void;
  /** Errors are shown only once the user has tried to go on (not while typing the first time). */
  showErrors: boolean;
  /** Widgets by `FieldDef.widget`; the default registry unless a screen adds its own. */
  widgets?: Record<string, Widget>;
  /** Draw the error summary above the fields (default), or leave it to the screen. */
  summary?: boolean;
  /** A first paragraph for the form's information notice (the campaign, for a certificat). */
  avantNotices?: string;
  /** Counts the refused « Valider »: each one gives the focus to the error summary. */
  tentative?: number;
}

/** Draws any declaration's form from its definition: notices, error summary, then each field. */
export function FormRenderer({
  definition,
  saisie,
  errors,
  onChange,
  showErrors,
  widgets = defaultWidgets,
  summary = true,
  avantNotices,
  tentative,
}: FormRendererProps) {
  const notices = [...(avantNotices ? [avantNotices] : []), ...definition.notices];
  const names = new Set(definition.fields.map((f) => f.name));
  const shown = showErrors ? errors : [];
  const errorByName = new Map<string, string>();
  for (const error of shown) {
    const name = fieldNameFromPath(error.path);
    if (!errorByName.has(name)) errorByName.set(name, error.message);
  }

  return (
    <div className="form-renderer">
      {notices.length > 0 ? (
        // One notice for all the form's information (several stacked boxes were read as noise).
        <div className="form-renderer__notices">
          <Notice type="info">
            {notices.map((text) => (
              <p key={text}>{text}</p>
            ))}
          </Notice>
        </div>
      ) : null}
      {summary ? (
        <ErrorSummary
          errors={shown}
          tentative={tentative}
          isLinkable={(path) => names.has(fieldNameFromPath(path))}
        />
      ) : null}
      <div className="form-renderer__fields">
        {champsVisibles(definition, saisie).map((field) => {
          const FieldWidget = widgets[field.widget] ?? widgets.texte ?? defaultWidgets.texte;
          const widget = (
            <FieldWidget
              key={field.name}
              field={field}
              id={fieldId(field.name)}
              value={saisie[field.name] ?? ''}
              error={errorByName.get(field.name)}
              onChange={(value) => onChange(field.name, value)}
            />
          );
          if (!field.groupe) return widget;
          return (
            <div key={field.name} className="form-renderer__group">
              {field.groupe.titre ? (
                <h2 className="form-renderer__group-title">{field.groupe.titre}</h2>
              ) : null}
              {field.groupe.notices.map((text) => (
                <Notice key={text} type="info">
                  <p>{text}</p>
                </Notice>
              ))}
              {widget}
            </div>
          );
        })}
      </div>
    </div>
  );
}
