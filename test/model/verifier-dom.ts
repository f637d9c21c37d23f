/** Checks an expectation (attendus.ts) against what jsdom shows, the way a user finds things. */
import { screen, within } from '@testing-library/react';
import type { Attendu, Texte } from './attendus.ts';

const nomDe = (el: Element) =>
  (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();

const correspond = (valeur: string, t: Texte) =>
  typeof t === 'string' ? valeur === t : t.test(valeur);

/** What is on screen, for a failure message. */
function inventaire(): string {
  const h1 = screen.queryAllByRole('heading', { level: 1, hidden: true }).map(nomDe);
  const dialogues = [
    ...screen.queryAllByRole('dialog'),
    ...screen.queryAllByRole('alertdialog'),
  ].map((d) => nomDe(d.querySelector('h1,h2,h3,[slot=title]') ?? d));
  const boutons = screen.queryAllByRole('button').map(nomDe);
  return `h1 ${JSON.stringify(h1)}, dialogs ${JSON.stringify(dialogues)}, buttons ${JSON.stringify(boutons)}`;
}

/**
 * The accessible names of the elements of `role` that `dans` shows, in ONE query: asking once
 * per expected name made testing-library scan the screen and compute every name again each time
 * (most of the model tests' time). The name matcher sees each candidate's name; the elements
 * returned are those that pass the role query's other filters (not hidden).
 */
function nomsAccessibles(dans: ReturnType<typeof within>, role: 'button' | 'group'): string[] {
  const noms = new Map<Element, string>();
  const montres = dans.queryAllByRole(role, {
    name: (nom: string, el: Element | null) => {
      if (el) noms.set(el, nom);
      return true;
    },
  });
  return montres.map((el: HTMLElement) => noms.get(el) ?? '');
}

/** Hidden by the HTML user-agent stylesheet whatever their attributes (jsdom's own sheet). */
const CACHES = new Set(
  'area base basefont datalist head link meta noembed noframes param rp script style template title'.split(
    ' ',
  ),
);
/**
 * Not inline in the user-agent stylesheet (blocks, list items, tables and their parts, inline
 * blocks): their text stands apart from the text around them. Every other element is inline,
 * CSS's initial display (spans, svg's shapes, options…). Compared once with jsdom's own
 * computed display and visibility on every element of every story and of the 362 model paths:
 * the same.
 */
const PAS_EN_LIGNE = new Set(
  `html body address blockquote center div figure figcaption footer form header hr legend
  listing main p plaintext pre search xmp dialog details summary article aside h1 h2 h3 h4 h5 h6
  hgroup nav section dir dd dl dt menu ol ul li fieldset table caption colgroup col thead tbody
  tfoot tr td th button input meter progress marquee optgroup`.split(/\s+/),
);

/**
 * What an element's computed style says about being shown, read the way jsdom computes it
 * without the cost: the page's stylesheets are not loaded in jsdom, so only the user-agent
 * sheet (the `hidden` attribute, the elements never rendered, inline or block), the inline
 * style and the inherited `visibility` decide. jsdom matches its whole user-agent sheet on
 * every getComputedStyle, and the role and name queries ask it for each element and each of
 * its ancestors, again and again: a third of the model tests' time.
 */
function styleVu(el: Element, parent: (e: Element) => CSSStyleDeclaration): CSSStyleDeclaration {
  const tag = el.localName;
  const inline = (el as HTMLElement).style as CSSStyleDeclaration | undefined;
  const display =
    el.hasAttribute('hidden') || CACHES.has(tag) || (tag === 'dialog' && !el.hasAttribute('open'))
      ? 'none'
      : inline?.display || (PAS_EN_LIGNE.has(tag) ? 'block' : 'inline');
  const visibility =
    inline?.visibility ||
    (el.parentElement ? parent(el.parentElement).getPropertyValue('visibility') : 'visible');
  const valeurs: Record<string, string> = { display, visibility, content: 'normal' };
  return {
    ...valeurs,
    getPropertyValue: (p: string) => valeurs[p] ?? inline?.getPropertyValue(p) ?? '',
  } as unknown as CSSStyleDeclaration;
}

/** Runs `f` with styleVu as the window's getComputedStyle, each element's read once. */
function stylesFiges<T>(f: () => T): T {
  const original = window.getComputedStyle;
  const lus = new WeakMap<Element, CSSStyleDeclaration>();
  const lire = (el: Element): CSSStyleDeclaration => {
    let style = lus.get(el);
    if (!style) lus.set(el, (style = styleVu(el, lire)));
    return style;
  };
  window.getComputedStyle = (el: Element, pseudo?: string | null) => {
    if (pseudo)
      return { content: 'none', getPropertyValue: () => 'none' } as unknown as CSSStyleDeclaration;
    return lire(el);
  };
  try {
    return f();
  } finally {
    window.getComputedStyle = original;
  }
}

/** Fails with every difference between the expectation and the screen. */
export function verifierDom(attendu: Attendu) {
  stylesFiges(() => comparer(attendu));
}

function comparer(attendu: Attendu) {
  const manques: string[] = [];
  const dialogues = [...screen.queryAllByRole('dialog'), ...screen.queryAllByRole('alertdialog')];
  let portee: HTMLElement = document.body;
  if (attendu.dialogue) {
    const d =
      screen.queryByRole('alertdialog', { name: attendu.dialogue }) ??
      screen.queryByRole('dialog', { name: attendu.dialogue });
    if (!d) manques.push(`the dialog « ${attendu.dialogue} »`);
    else portee = d;
    if (dialogues.length > 1) manques.push(`one dialog only (${dialogues.length} open)`);
  } else if (dialogues.length) {
    manques.push(`no dialog (one is open)`);
  }
  const dans = within(portee);
  // Behind a modal the page is hidden from assistive technologies: its title is read hidden.
  if (attendu.titre === null) {
    if (screen.queryAllByRole('heading', { level: 1 }).length)
      manques.push('no h1 (a screen title is shown)');
  } else if (attendu.titre !== undefined) {
    const h1 = screen
      .queryAllByRole('heading', { level: 1, hidden: !!attendu.dialogue })
      .map(nomDe);
    if (!h1.some((n) => correspond(n, attendu.titre!))) manques.push(`the h1 ${attendu.titre}`);
  }
  if (attendu.chargement) {
    const statut = screen.queryAllByRole('status').map(nomDe);
    if (!statut.includes(attendu.chargement)) manques.push(`the loading « ${attendu.chargement} »`);
  }
  for (const label of attendu.champs ?? []) {
    if (!dans.queryAllByLabelText(label).length) manques.push(`the field ${label}`);
  }
  const groupes = attendu.groupes?.length ? nomsAccessibles(dans, 'group') : [];
  for (const legende of attendu.groupes ?? []) {
    if (!groupes.some((n) => correspond(n, legende))) manques.push(`the group ${legende}`);
  }
  const boutons = attendu.boutons?.length ? nomsAccessibles(dans, 'button') : [];
  for (const nom of attendu.boutons ?? []) {
    if (!boutons.some((n) => correspond(n, nom))) manques.push(`the button ${nom}`);
  }
  const page = (document.body.textContent ?? '').replace(/\s+/g, ' ');
  for (const texte of attendu.textes ?? []) {
    const trouve = typeof texte === 'string' ? page.includes(texte) : texte.test(page);
    if (!trouve) manques.push(`the text ${texte}`);
  }
  if (manques.length) {
    throw new Error(`missing on screen: ${manques.join('; ')}\non screen: ${inventaire()}`);
  }
}
