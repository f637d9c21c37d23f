/**
 * RGAA 4.1 / WCAG 2.1 (2.1.1, 2.1.2, 2.4.3, 2.4.7, 4.1.3): a certificat d'emploi and a changement
 * de situation done with the keyboard only — Tab, Shift+Tab, Enter, Space, arrows, Escape and
 * typed text; never a click nor a fill. Every control reached by Tab must show a focus ring,
 * dialogs keep the focus inside and give it back to their opener, the error summary takes the
 * focus and is an alert, the session countdown is a live region.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, shot, startServer, type Running } from './harness.ts';

let server: Running;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  // Fail on the step that waits, with its message, before the test's own time limit.
  page.setDefaultTimeout(8000);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Focus {
  /** What a screen reader would call it: aria-label, its label, or its text. */
  nom: string;
  /** tag#id.class, to say which control failed. */
  quoi: string;
  /** A focus ring is drawn: an outline of 2 px or more, or a box-shadow. */
  anneau: boolean;
  /** The role of the dialog holding the focus, if any. */
  dialogue: string | null;
  role: string | null;
  alerte: boolean;
}

/** What has the focus now. */
function focus(p: Page = page): Promise<Focus> {
  return p.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body)
      return { nom: '', quoi: 'body', anneau: false, dialogue: null, role: null, alerte: false };
    const input = el as HTMLInputElement;
    const nom = (
      el.getAttribute('aria-label') ??
      (input.labels?.[0]?.textContent || el.textContent || '')
    )
      .replace(/\s+/g, ' ')
      .trim();
    // A visually hidden input (react-aria's Radio) draws its ring on its label.
    const rect = el.getBoundingClientRect();
    const dessine = rect.width <= 1 && rect.height <= 1 ? (el.closest('label') ?? el) : el;
    const style = getComputedStyle(dessine);
    const anneau =
      (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) ||
      style.boxShadow !== 'none';
    const cls =
      typeof el.className === 'string' && el.className ? `.${el.className.split(' ')[0]}` : '';
    return {
      nom,
      quoi: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls}${input.type ? `[${input.type}]` : ''}`,
      anneau,
      dialogue: el.closest('[role=dialog],[role=alertdialog]')?.getAttribute('role') ?? null,
      role: el.getAttribute('role'),
      alerte: el.getAttribute('role') === 'alert' || el.getAttribute('aria-live') !== null,
    };
  });
}

/** Controls reached by Tab that showed no focus ring (must stay empty). */
const sansAnneau: string[] = [];

/**
 * Presses Tab (or Shift+Tab) until the focused control's name matches `nom`; checks the focus
 * ring of every control passed on the way.
 */
async function tab(nom: string | RegExp, { arriere = false, max = 40, p = page } = {}) {
  const vus: string[] = [];
  for (let i = 0; i < max; i++) {
    await p.keyboard.press(arriere ? 'Shift+Tab' : 'Tab');
    const f = await focus(p);
    vus.push(`${f.quoi} « ${f.nom.slice(0, 40)} »`);
    if (f.quoi !== 'body' && !f.anneau) sansAnneau.push(`${f.quoi} « ${f.nom.slice(0, 60)} »`);
    if (typeof nom === 'string' ? f.nom === nom : nom.test(f.nom)) return f;
  }
  throw new Error(`No control named ${nom} reached by Tab; focus went through:\n${vus.join('\n')}`);
}

/** Tab to the control named `nom` and press Enter (a button, a link, a submit). */
async function activer(nom: string | RegExp, options?: Parameters<typeof tab>[1]) {
  await tab(nom, options);
  await (options?.p ?? page).keyboard.press('Enter');
}

/** Tab to the field labelled `nom` and type `texte` over what it holds. */
async function saisir(nom: string | RegExp, texte: string, p = page) {
  await tab(nom, { p });
  await p.keyboard.press('ControlOrMeta+A');
  await p.keyboard.type(texte);
}

/** Tab and Shift+Tab many times inside the open dialog: the focus never leaves it. */
async function focusPiege(p: Page = page) {
  const role = (await focus(p)).dialogue;
  expect(role, 'the focus is in the dialog when it opens').not.toBeNull();
  for (const touche of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < 6; i++) {
      await p.keyboard.press(touche);
      const f = await focus(p);
      expect(f.dialogue, `${touche} ×${i + 1} left the dialog for ${f.quoi}`).toBe(role);
      if (!f.anneau && f.role !== 'dialog' && f.role !== 'alertdialog')
        sansAnneau.push(`${f.quoi} « ${f.nom.slice(0, 60)} »`);
    }
  }
}

const titre = (name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

/** The focus is on the screen's title (not lost on <body>) once a screen has replaced another. */
async function focusSurTitre() {
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.tagName), {
      message: 'the new screen gives the focus to its title',
    })
    .toBe('H1');
}

/** A new screen: its title is shown and has the focus. */
async function ecran(name: string | RegExp) {
  await titre(name);
  await focusSurTitre();
}

describe('keyboard only (no mouse)', () => {
  it('logs in, accepts the CGU and reaches Mes travailleurs', async () => {
    await page.goto(server.url);
    await titre("Bienvenue sur l'Espace Esat");
    await saisir('Identifiant (adresse e-mail)', 'claire.martin@ateliers-canal.test');
    await saisir('Mot de passe', 'Canal-Essai-2026!');
    await page.keyboard.press('Enter');
    await ecran("Conditions générales d'utilisation");
    await tab(/j'accepte les conditions générales d'utilisation de « Mon Compte Partenaire »/);
    await page.keyboard.press('Space');
    await tab(/j'accepte les conditions générales d'utilisation de « l'Espace Esat »/);
    await page.keyboard.press('Space');
    await activer('Valider');
    await ecran('Espace Esat');
    await activer('Mes travailleurs');
    await ecran('Mes travailleurs');
  });

  it('certificat: selects a tile, the choice dialog traps the focus and gives it back, then fiche → saisie', async () => {
    await saisir(/Rechercher/, 'benali');
    await page.getByRole('button', { name: /BENALI Karim/ }).waitFor();
    await page.getByText('1 travailleur trouvé').waitFor();
    await tab(/BENALI Karim/);
    await page.keyboard.press('Space');
    expect(
      await page.getByRole('button', { name: /BENALI Karim/ }).getAttribute('aria-pressed'),
    ).toBe('true');
    await activer('Déclarer (1)');
    await page.getByRole('dialog', { name: 'Quelle déclaration souhaitez-vous faire ?' }).waitFor();
    await focusPiege();
    await shot(page, 'kb-00-choix');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await expect
      .poll(async () => (await focus()).nom, {
        message: 'Escape gives the focus back to the opener',
      })
      .toBe('Déclarer (1)');

    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await activer("Certificat d'emploi");
    await ecran('Fiche travailleur');
    await activer('Commencer la déclaration');
    await ecran(/Certificat d'emploi/);
  });

  it('an invalid saisie: the error summary takes the focus and is an alert; its link leads to the field', async () => {
    await saisir(/Nombre de mois de perception/, '13');
    await saisir(/Montant net de la rémunération garantie/, '1200');
    await saisir(/Montant net de l'aide au poste/, '700');
    await activer('Valider');
    await page.getByText('Le formulaire comporte des erreurs').waitFor();
    const f = await focus();
    expect(f.quoi).toContain('error-summary');
    expect(f.alerte, 'the summary is announced (role=alert)').toBe(true);
    expect(f.anneau, 'the focused summary shows a ring').toBe(true);
    await shot(page, 'kb-01-resume-erreurs');
    await activer('Le nombre de mois est compris entre 1 et 12.');
    expect((await focus()).nom).toMatch(/Nombre de mois de perception/);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('12');
    await activer('Valider');
    await page.getByText('Vérifiez les informations saisies').waitFor();
    await focusSurTitre();
  });

  it('récapitulatif: « Quitter » opens an alertdialog that traps the focus; Escape returns to « Quitter »; Valider → fin → Mes travailleurs', async () => {
    await activer('Quitter');
    await page.getByRole('alertdialog', { name: 'Voulez-vous quitter la déclaration ?' }).waitFor();
    await focusPiege();
    await page.keyboard.press('Escape');
    await page.getByRole('alertdialog').waitFor({ state: 'hidden' });
    await expect
      .poll(async () => (await focus()).nom, {
        message: 'Escape gives the focus back to the opener',
      })
      .toBe('Quitter');
    await activer('Valider');
    await page.getByText('Votre déclaration a bien été enregistrée').waitFor();
    await focusSurTitre();
    await shot(page, 'kb-02-fin');
    // The avis with the arrows: Tab into the radio group, ArrowRight moves and checks.
    await tab(/^1 sur 5/);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: /^3 sur 5/ }).isChecked()).toBe(true);
    await activer('Valider');
    await ecran('Mes travailleurs');
  });

  it('changement de situation: questions answered with Space and arrows, saisie, récapitulatif, fin', async () => {
    await saisir(/Rechercher/, 'rousseau');
    await page.getByRole('button', { name: /ROUSSEAU Lucie/ }).waitFor();
    await page.getByText('1 travailleur trouvé').waitFor();
    await tab(/ROUSSEAU Lucie/);
    await page.keyboard.press('Enter');
    await activer('Déclarer (1)');
    await activer('Changement de situation');
    await ecran('Fiche travailleur');
    await activer('Commencer la déclaration');
    await ecran(/Changement de situation/);

    // « Double activité ? » Oui / Non: Tab lands on the group, Space checks « Oui », → « Non ».
    await tab('Oui');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: 'Non' }).isChecked()).toBe(true);
    await page.keyboard.press('Enter'); // submits the question's form
    await page.getByRole('group', { name: 'A réduit son activité ?' }).waitFor();
    // The situations default to « Non »: Tab reaches the checked radio of each group.
    await tab('Non');
    await page.keyboard.press('ArrowLeft');
    expect(
      await page
        .getByRole('group', { name: 'A réduit son activité ?' })
        .getByRole('radio', { name: 'Oui' })
        .isChecked(),
    ).toBe(true);
    await activer('Continuer');
    await ecran(/réduction d'activité/);
    await saisir(/Date d'effet/, '01/12/2026');
    await saisir(/Taux d'activité avant/, '80');
    await saisir(/Taux d'activité après/, '50');
    await saisir(/Montant net de la rémunération garantie/, '900');
    await saisir(/Montant net de l'aide au poste/, '400');
    await activer('Valider');
    await page.getByText('Vérifiez les informations saisies').waitFor();
    await activer('Valider');
    await page.getByText('Votre déclaration a bien été enregistrée').waitFor();
    await activer('Valider');
    await ecran('Mes travailleurs');
  });

  it('every control reached showed a focus ring', () => {
    expect(sansAnneau).toEqual([]);
  });
});

describe('the session countdown, with the keyboard', () => {
  it('is an alertdialog with a live countdown, keeps the focus, and « Continuer » by Enter renews', async () => {
    const p = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    // The page's timers on Playwright's clock: the 30 minutes of the real limit, moved forward.
    await p.clock.install();
    await p.goto(server.url);
    await saisir('Identifiant (adresse e-mail)', 'claire.martin@ateliers-canal.test', p);
    await saisir('Mot de passe', 'Canal-Essai-2026!', p);
    await p.keyboard.press('Enter');
    // Logged in: the CGU or the user's space (whatever earlier tests of this file accepted).
    await p
      .getByRole('heading', { level: 1 })
      .filter({ hasNotText: "Bienvenue sur l'Espace Esat" })
      .waitFor();
    const alerte = p.getByRole('alertdialog', { name: 'Votre session va expirer' });
    // 25 minutes without a request: the alert, 5 minutes before the end.
    await p.clock.fastForward('25:00');
    await alerte.waitFor();
    const live = alerte.locator('[aria-live]');
    expect(await live.getAttribute('aria-live')).toBe('polite');
    await expect.poll(() => live.textContent()).toMatch(/Votre session expire dans 5 minutes\./);
    // The live region speaks once a minute, then each of the last ten seconds.
    await p.clock.runFor(1_000);
    await expect.poll(() => live.textContent()).toBe('');
    await focusPiege(p);
    await p.clock.runFor(4 * 60_000 + 49_000);
    await expect.poll(() => live.textContent()).toMatch(/Votre session expire dans 10 secondes\./);
    await activer('Continuer', { p });
    await alerte.waitFor({ state: 'hidden' });
    expect(sansAnneau).toEqual([]);
    await p.close();
  });
});
