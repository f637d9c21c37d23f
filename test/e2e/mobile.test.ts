/**
 * On a small screen (360 × 740, a phone held upright): every screen of a certificat fits the
 * width (no sideways scrolling, WCAG 1.4.10 reflow) and axe finds nothing; a new screen starts
 * at its top, not where the previous one was scrolled to.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connecter, navigation, shot, verifierAxe } from './harness.ts';

const n = navigation();

/** Nothing wider than the viewport: the page never scrolls sideways. */
async function tientEnLargeur(page: Page, ecran: string) {
  const { scroll, largeur } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    largeur: window.innerWidth,
  }));
  expect(scroll, `${ecran} : ${scroll}px pour ${largeur}px de large`).toBeLessThanOrEqual(largeur);
  await verifierAxe(page, `${ecran} (360 px)`);
}

describe('a phone-sized screen', () => {
  it('login, accueil, Mes travailleurs, fiche, saisie with errors, récapitulatif: no sideways scrolling', async () => {
    const page = await n.browser.newPage({
      locale: 'fr-FR',
      viewport: { width: 360, height: 740 },
    });
    await page.goto(n.server.url);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await tientEnLargeur(page, 'connexion');
    await connecter(page, n.server.url, 'claire.martin@ateliers-canal.test', 'Canal-Essai-2026!');
    await page.getByRole('heading', { level: 1, name: 'Espace Esat' }).waitFor();
    await tientEnLargeur(page, 'accueil');
    await page.getByRole('button', { name: 'Mes travailleurs' }).click();
    await page.getByRole('button', { name: /BENALI Karim/ }).click();
    await tientEnLargeur(page, 'mes travailleurs');
    await shot(page, 'mobile-travailleurs');
    // Scrolled down the list, then a choice in the dialog: the fiche opens at its top.
    await page.mouse.wheel(0, 600);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Déclarer (1)' }).click();
    await page.getByRole('button', { name: "Certificat d'emploi" }).click();
    await page.getByRole('heading', { level: 1, name: 'Fiche travailleur' }).waitFor();
    await expect.poll(() => page.evaluate(() => Math.round(window.scrollY))).toBe(0);
    await page.getByRole('button', { name: 'Commencer la déclaration' }).click();
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('Le formulaire comporte des erreurs').waitFor();
    await tientEnLargeur(page, 'saisie avec erreurs');
    await shot(page, 'mobile-saisie-erreurs');
    await page.getByLabel(/Nombre de mois/).fill('12');
    await page.getByLabel(/Montant net de la rémunération garantie/).fill('1100');
    await page.getByLabel(/Montant net de l'aide au poste/).fill('600');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('Vérifiez les informations saisies').waitFor();
    await tientEnLargeur(page, 'récapitulatif');
    await shot(page, 'mobile-recapitulatif');
    // « Valider » is at the bottom of a long page: Fin starts at its top, its title focused.
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('Votre déclaration a bien été enregistrée').waitFor();
    await expect
      .poll(() =>
        page.evaluate(() => ({
          scrollY: Math.round(window.scrollY),
          focus: document.activeElement?.tagName,
        })),
      )
      .toEqual({ scrollY: 0, focus: 'H1' });
    await page.close();
  });
});

describe('the référent’s users page on a phone', () => {
  it('the accounts table scrolls inside its region, the page does not', async () => {
    const page = await n.browser.newPage({
      locale: 'fr-FR',
      viewport: { width: 360, height: 740 },
    });
    await connecter(page, n.server.url, 'marie.leroy@ateliers-canal.test', 'Canal-Referent-2026!');
    await page.getByRole('heading', { level: 1, name: 'Espace Esat' }).waitFor();
    await page.getByRole('button', { name: 'Gérer les utilisateurs' }).click();
    const region = page.getByRole('region', { name: "Comptes de l'établissement" });
    await region.getByRole('table').waitFor();
    await tientEnLargeur(page, 'utilisateurs');
    await shot(page, 'mobile-utilisateurs');
    await page.close();
  });
});

/** The cumulative layout shift of the page so far, as Chromium reports it (no input shifts). */
async function decalageCumule(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & {
            value: number;
            hadRecentInput: boolean;
          })[])
            if (!e.hadRecentInput) total += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
        // The buffered entries are delivered on the next task.
        setTimeout(() => resolve(total), 0);
      }),
  );
}

describe('a reload while logged in, on a 412 px phone', () => {
  it('the header’s user block has its place from the start: cumulative layout shift < 0.1', async () => {
    const page = await n.browser.newPage({
      locale: 'fr-FR',
      viewport: { width: 412, height: 915 },
    });
    await connecter(page, n.server.url, 'claire.martin@ateliers-canal.test', 'Canal-Essai-2026!');
    await page.getByRole('heading', { level: 1, name: 'Espace Esat' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Espace Esat' }).waitFor();
    await page.getByText('claire.martin@ateliers-canal.test').waitFor();
    await page.getByText(/travailleurs? connus? par la Caf de Paris/).waitFor();
    const cls = await decalageCumule(page);
    console.log(`CLS after a reload at 412 px: ${cls.toFixed(3)}`);
    await shot(page, 'mobile-412-rechargement');
    expect(cls).toBeLessThan(0.1);
    await page.close();
  });
});
