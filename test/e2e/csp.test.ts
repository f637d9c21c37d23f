/**
 * Issue 5: the built UI runs under the strict Content-Security-Policy the server sends (no
 * inline script, no eval, no inline style attribute, nothing from elsewhere). Chromium walks the
 * real screens and dialogs while every `securitypolicyviolation` event and every console or page
 * error is collected; there must be none. A control at the end shows the listener does catch a
 * violation, so that "none" means something.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { connecter, launchBrowser, shot, startServer, type Running } from './harness.ts';
import { commencerCertificat } from './gestes.ts';

let server: Running;
let browser: Browser;
let page: Page;

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  url: string;
}
const violations: Violation[] = [];
const errors: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  await page.exposeFunction('signalerViolation', (v: Violation) => violations.push(v));
  // Installed by the browser before any script of the page (not subject to the page's CSP).
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { signalerViolation(v: unknown): void }).signalerViolation({
        directive: e.violatedDirective,
        blocked: e.blockedURI,
        sample: e.sample,
        url: location.pathname,
      });
    });
  });
  page.on('console', (m) => {
    // A refused request (401 before login, 422 of a refused form) is the service speaking.
    if (m.type() === 'error' && !/Failed to load resource.*(401|403|409|422)/.test(m.text())) {
      errors.push(m.text());
    }
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const expectClean = (where: string) => {
  expect(violations, `CSP violations on ${where}`).toEqual([]);
  expect(errors, `console errors on ${where}`).toEqual([]);
};

describe('Content-Security-Policy in Chromium on the real screens', () => {
  it('the page and its script are served with the strict policy', async () => {
    const res = await page.goto(server.url);
    const csp = res!.headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    const script = await page.locator('script[src]').first().getAttribute('src');
    const js = await fetch(server.url + script);
    expect(js.headers.get('content-security-policy')).toBe(csp);
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    await heading("Bienvenue sur l'Espace Esat").waitFor();
    expectClean('connexion');
  });

  it('login refused, login, CGU, accueil, Mes travailleurs with a filter: no violation', async () => {
    await page.getByLabel('Identifiant (adresse e-mail)').fill('claire.martin@ateliers-canal.test');
    await page.getByLabel('Mot de passe').fill('mauvais-mot-de-passe');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('Connexion impossible').waitFor();
    await connecter(page, server.url, 'claire.martin@ateliers-canal.test', 'Canal-Essai-2026!');
    await heading('Espace Esat').waitFor();
    await page.getByRole('button', { name: 'Mes travailleurs' }).click();
    await heading('Mes travailleurs').waitFor();
    await page.getByRole('searchbox').or(page.getByRole('textbox')).first().fill('zzzz');
    await page.getByText(/Aucun travailleur/).waitFor();
    await page.getByRole('button', { name: 'Effacer le filtre' }).click();
    await page.getByRole('button', { name: /BENALI Karim/ }).waitFor();
    expectClean('accueil, Mes travailleurs');
  });

  it('fiche, saisie with errors, récapitulatif, the quit dialog, validation and Fin: no violation', async () => {
    await commencerCertificat(page, /BENALI Karim/);
    await page
      .getByLabel("Nombre de mois de perception de la rémunération garantie sur l'année")
      .fill('13');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Le formulaire comporte des erreurs' })
      .waitFor();
    await page
      .getByLabel("Nombre de mois de perception de la rémunération garantie sur l'année")
      .fill('12');
    await page.getByLabel("Montant net de l'aide au poste (novembre)").fill('700');
    await page.getByLabel('Salaire direct en pourcentage du Smic').fill('12');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('Vérifiez les informations saisies').waitFor();
    await page.getByRole('button', { name: 'Quitter' }).last().click();
    await page.getByRole('alertdialog', { name: 'Voulez-vous quitter la déclaration ?' }).waitFor();
    await shot(page, 'csp-dialogue');
    await page.getByRole('button', { name: 'Annuler' }).click();
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('Votre déclaration a bien été enregistrée').waitFor();
    await shot(page, 'csp-fin');
    expectClean('saisie, récapitulatif, dialog, fin');
  });

  it('the user guide page: no violation', async () => {
    const res = await page.goto(`${server.url}/guide.html`);
    expect(res!.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.getByRole('heading', { level: 1, name: /Guide utilisateur/ }).waitFor();
    expectClean('guide');
  });

  it('control: an inline style attribute and a foreign image are refused and reported', async () => {
    await page.evaluate(() => {
      document.body.insertAdjacentHTML(
        'beforeend',
        '<p style="color: red">x</p><img alt="" src="https://ailleurs.invalid/x.png">',
      );
    });
    await expect
      .poll(() => [...new Set(violations.map((v) => v.directive))].sort(), { timeout: 5000 })
      .toEqual(['img-src', 'style-src-attr']);
    violations.length = 0;
    errors.length = 0;
  });
});
