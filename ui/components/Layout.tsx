import { useEffect, useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';

export interface LayoutProps {
  /** Which screen is shown: another one gets a new <main>, as a new page would (the browser
   * sees new content, not the old <main> moved down by a taller header). */
  ecran?: string;
  /** The Caf concerned (« Caf de la Gironde »), shown in the header. */
  caf?: ReactNode;
  /** The signed-in user's e-mail. */
  utilisateur?: ReactNode;
  /** The « Quitter » control, drawn by the screen (it knows what quitting means there). */
  quitter?: ReactNode;
  /** Someone is (or is probably, while `/api/me` is pending) logged in: the user block keeps its
   * place before its parts are known, so that nothing below it moves when they arrive. */
  session?: boolean;
  /** Extra footer content (links), after « Mentions légales ». */
  piedDePage?: ReactNode;
  children: ReactNode;
}

/**
 * When the focused control disappears with its screen (« Continuer », « Valider », a choice
 * in a dialog), the browser drops the focus on <body>: keyboard users would start again from
 * the top, and screen readers would not hear that the screen changed. Give the focus to the new
 * screen's title instead (WCAG 2.4.3). Runs a frame later, after react-aria has given the focus
 * back to a dialog's opener when that opener is still there.
 */
function useFocusKeptOnScreenChange(main: RefObject<HTMLElement | null>) {
  useEffect(() => {
    let last: Element | null = null;
    let frame = 0;
    // The focus was put on <main> while a spinner stood in for the screen: the title comes next.
    let waitingForTitle = false;
    // Whether the focused element was part of the screen (not of a dialog, rendered outside).
    let lastInMain = false;
    const onFocusIn = (e: FocusEvent) => {
      last = e.target as Element;
      lastInMain = !!main.current?.contains(last);
    };
    const lost = () =>
      (!document.activeElement || document.activeElement === document.body) &&
      last !== null &&
      !last.isConnected;
    const focusTitle = () => {
      const titre = main.current?.querySelector<HTMLElement>('h1');
      if (!titre) return false;
      titre.tabIndex = -1;
      // Scrolled into view if it is not (the dialog's opener is gone, the screen stays).
      titre.focus();
      return true;
    };
    const observer = new MutationObserver(() => {
      if (waitingForTitle && document.activeElement === main.current) {
        waitingForTitle = !focusTitle();
        return;
      }
      waitingForTitle = false;
      if (!lost()) return;
      // The screen replaced the control the user had just used: the new one starts at its top,
      // now, before the frame is drawn — not where the user had scrolled the previous one to
      // reach its button (its title out of sight), nor moved by the browser when the shorter
      // page clamps the scroll (a layout shift: CLS 0.137 from the CGU to the accueil).
      if (lastInMain) window.scrollTo(0, 0);
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (!lost() || !main.current) return;
        if (focusTitle()) return;
        // Not scrolled to: <main> starts below the header, its spinner is seen from the top.
        main.current.focus({ preventScroll: true });
        waitingForTitle = true;
      });
    });
    document.addEventListener('focusin', onFocusIn);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [main]);
}

/**
 * Another screen (a choice in a dialog, the browser's Back…) starts at its top, as a new page
 * does: put there before the browser draws it (not where the previous one was scrolled to).
 */
function useTopOnNewScreen(ecran: string | undefined) {
  const precedent = useRef(ecran);
  useLayoutEffect(() => {
    if (precedent.current === ecran) return;
    precedent.current = ecran;
    window.scrollTo(0, 0);
  }, [ecran]);
}

/** The page frame: skip link, header, `<main id="contenu">`, footer. */
export function Layout({
  ecran,
  caf,
  utilisateur,
  quitter,
  session,
  piedDePage,
  children,
}: LayoutProps) {
  const main = useRef<HTMLElement>(null);
  useFocusKeptOnScreenChange(main);
  useTopOnNewScreen(ecran);
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
          {session || caf || utilisateur || quitter ? (
            <div className="layout__session">
              {/* Each part has its place, empty until known (no layout shift, issue 12). */}
              <p className="layout__who">
                <span className="layout__caf">{caf}</span>
                <span className="layout__user">{utilisateur}</span>
              </p>
              <div className="layout__quit">{quitter}</div>
            </div>
          ) : null}
        </div>
      </header>
      <main key={ecran} id="contenu" className="layout__main container" tabIndex={-1} ref={main}>
        {children}
      </main>
      <footer className="layout__footer">
        <div className="container layout__footer-inner">
          <p>
            <a href="/mentions-legales.html">Mentions légales</a>
          </p>
          <p>
            <a href="/accessibilite.html">Accessibilité : partiellement conforme</a>
          </p>
          {piedDePage}
        </div>
      </footer>
    </div>
  );
}
