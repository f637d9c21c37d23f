import type { InputHTMLAttributes, ReactNode } from 'react';
import type { FieldError } from '../../forms/index.ts';

/** What a control receives from its frame: its id, and the ARIA that ties it to help and error. */
export interface FieldAria {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

export interface FieldFrameProps {
  /** The DOM id of the control (`champ-<name>`), target of the label and of the error summary. */
  id: string;
  label: ReactNode;
  help?: ReactNode;
  /** The message said at the field; the control is then `aria-invalid`. */
  error?: string;
  /** Says « (obligatoire) » after the label. */
  required?: boolean;
  /** The unit of the value, in words, for screen readers (« euros »). */
  unitWords?: string;
  /** Label and control on one line (the import's columns). */
  inline?: boolean;
  children: (aria: FieldAria) => ReactNode;
}

/**
 * The accessible frame of every field, declaration or account: label, help, the error at the
 * field, then the control, which the help and the error describe (`aria-describedby`).
 */
export function FieldFrame({
  id,
  label,
  help,
  error,
  required,
  unitWords,
  inline,
  children,
}: FieldFrameProps) {
  const helpId = `${id}-aide`;
  const errorId = `${id}-erreur`;
  const describedBy = [help ? helpId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={`field${inline ? ' field--inline' : ''}${error ? ' field--error' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
        {unitWords ? <span className="sr-only"> (en {unitWords})</span> : null}
        {required ? <span className="field__required"> (obligatoire)</span> : null}
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
      {children({
        id,
        ...(error ? { 'aria-invalid': true } : {}),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
    </div>
  );
}

/** `required` is the input's (the browser's); these screens do not say « (obligatoire) ». */
export type TextFieldProps = Omit<FieldFrameProps, 'children' | 'required'> &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'children'> & {
    value: string;
    onChange: (value: string) => void;
  };

/** A framed text input (e-mail, password, name…): the input's own attributes pass through. */
export function TextField({
  id,
  label,
  help,
  error,
  unitWords,
  value,
  onChange,
  className = 'field__input field__input--long',
  ...input
}: TextFieldProps) {
  return (
    <FieldFrame id={id} label={label} help={help} error={error} unitWords={unitWords}>
      {(aria) => (
        <input
          {...input}
          {...aria}
          className={className}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FieldFrame>
  );
}

/**
 * A refusal of the server as the fields' errors: its `fields`, else its message on the field
 * `path` (the one the error summary then links to).
 */
export function fieldErrors(
  erreur: { message: string; fields?: FieldError[] } | undefined,
  path: string,
): FieldError[] {
  return erreur?.fields ?? (erreur ? [{ path, message: erreur.message }] : []);
}

/** The first message for the field at `path`. */
export function errorAt(errors: FieldError[], path: string): string | undefined {
  return errors.find((e) => e.path === path)?.message;
}
