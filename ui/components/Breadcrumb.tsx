/** The three steps of every declaration (SPEC R-FL-5). */
export const etapesDeclaration = ['Saisie', 'Récapitulatif', 'Fin'] as const;

export interface BreadcrumbProps {
  /** The current step, from 1. */
  etape: number;
  /** Step names; the declaration's three steps by default. */
  etapes?: readonly string[];
  /** What the steps are of (« Étapes de l'import »). */
  label?: string;
}

/** Fil d'Ariane of a declaration: « 1. Saisie », « 2. Récapitulatif », « 3. Fin ». */
export function Breadcrumb({
  etape,
  etapes = etapesDeclaration,
  label = 'Étapes de la déclaration',
}: BreadcrumbProps) {
  return (
    <nav className="breadcrumb" aria-label={label}>
      <p className="breadcrumb__status">
        Étape {etape} sur {etapes.length}
      </p>
      <ol className="breadcrumb__list">
        {etapes.map((nom, i) => {
          const numero = i + 1;
          const state = numero < etape ? 'done' : numero === etape ? 'current' : 'todo';
          return (
            <li
              key={nom}
              className={`breadcrumb__step breadcrumb__step--${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              {numero}. {nom}
              {state === 'done' ? <span className="sr-only"> (terminée)</span> : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
