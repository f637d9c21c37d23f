import { useEffect, useRef, type MouseEvent } from 'react';
import type { FieldError } from '../../forms/index.ts';
import { fieldIdFromPath } from '../form/ids.ts';

export interface ErrorSummaryProps {
  errors: FieldError[];
  /** Whether an error's path names a field drawn on the page (else it is listed without a link). */
  isLinkable?: (path: string) => boolean;
  title?: string;
  /** Changes at each refused attempt: the focus comes back to the summary even with the same errors. */
  tentative?: number;
}

function focusField(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const field = document.getElementById(id);
  if (!field) return;
  // Stay in the app (no hash in the URL) and show the label with the field, not just the input.
  event.preventDefault();
  field.focus();
  const label = (field as HTMLInputElement).labels?.[0];
  (label ?? field).scrollIntoView?.({ block: 'start' });
}

/**
 * « Le formulaire comporte des erreurs »: one link per error, to its field. Takes focus when it
 * appears and whenever the errors change, so keyboard and screen-reader users land on it.
 */
export function ErrorSummary({
  errors,
  isLinkable = () => true,
  title = 'Le formulaire comporte des erreurs',
  tentative = 0,
}: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const signature = errors.map((e) => `${e.path}\u0000${e.message}`).join('\u0001');

  const nombre = errors.length;
  useEffect(() => {
    if (nombre > 0) ref.current?.focus();
    // The signature stands for the errors: a new array with the same content must not steal focus
    // (only a new attempt does). The count changes only with the signature.
  }, [signature, nombre, tentative]);

  if (errors.length === 0) return null;
  return (
    <div
      className="error-summary"
      role="alert"
      tabIndex={-1}
      ref={ref}
      aria-labelledby="error-summary-title"
    >
      <h2 className="error-summary__title" id="error-summary-title">
        {title}
      </h2>
      <ul className="error-summary__list">
        {errors.map((error) => {
          const id = fieldIdFromPath(error.path);
          return (
            <li key={`${error.path}-${error.message}`}>
              {id && isLinkable(error.path) ? (
                <a href={`#${id}`} onClick={(event) => focusField(event, id)}>
                  {error.message}
                </a>
              ) : (
                error.message
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
