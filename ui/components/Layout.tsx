import type { ReactNode } from 'react';

export interface LayoutProps {
  /** The Caf concerned (« Caf de la Gironde »), shown in the header. */
  caf?: ReactNode;
  /** The signed-in user's e-mail. */
  utilisateur?: ReactNode;
  /** The « Quitter » control, drawn by the screen (it knows what quitting means there). */
  quitter?: ReactNode;
  /** Extra footer content (links), after « Mentions légales ». */
  piedDePage?: ReactNode;
  children: ReactNode;
}

/** The page frame: skip link, header, `<main id="contenu">`, footer. */
export function Layout({ caf, utilisateur, quitter, piedDePage, children }: LayoutProps) {
  return (
    <div className="layout">
      <nav aria-label="Accès rapide">
        <a className="skip-link" href="#contenu">
          Aller au contenu
        </a>
      </nav>
      <header className="layout__header">
        <div className="layout__bar container">
          <p className="layout__brand">
            <span className="layout__product">Espace Esat</span>
            <span className="layout__tagline">Déclarations à la Caf</span>
          </p>
          {caf || utilisateur || quitter ? (
            <div className="layout__session">
              {caf || utilisateur ? (
                <p className="layout__who">
                  {caf ? <span className="layout__caf">{caf}</span> : null}
                  {utilisateur ? <span className="layout__user">{utilisateur}</span> : null}
                </p>
              ) : null}
              {quitter ? <div className="layout__quit">{quitter}</div> : null}
            </div>
          ) : null}
        </div>
      </header>
      <main id="contenu" className="layout__main container" tabIndex={-1}>
        {children}
      </main>
      <footer className="layout__footer">
        <div className="container layout__footer-inner">
          <p>Mentions légales</p>
          {piedDePage}
        </div>
      </footer>
    </div>
  );
}
