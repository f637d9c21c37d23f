/**
 * Issue #12 in the browser, on the real build: the site sent compressed and cached (point 12),
 * no console error on the login page (its `GET /api/session`), robots.txt and the favicon, the
 * footer's Mentions légales and Déclaration d'accessibilité pages (point 8), an empty login
 * form and a refused saisie « Valider » giving the focus to the error summary (point 9), and
 * Fin's short reference with what was declared (point 7).
 */
import { describe, expect, it } from 'vitest';
import { navigation, shot, verifierAxe } from './harness.ts';

const n = navigation();
const errors: string[] = [];
const heading = (name: string | RegExp) => n.page.getByRole('heading', { name, level: 1 });
const focusedSummary = () =>
  n.page.evaluate(() => {
    const el = document.activeElement;
    return el?.classList.contains('error-summary')
      ? el.textContent
      : `not the summary: <${el?.tagName}>`;
  });

describe('the built site over HTTP', () => {
  it('sends the page and its script compressed, the script immutable, the page no-cache', async () => {
    const page = await fetch(n.server.url, { headers: { 'Accept-Encoding': 'br' } });
    expect(page.headers.get('content-encoding')).toBe('br');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const script = /src="(\/assets\/main-[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    const js = await fetch(`${n.server.url}${script}`, {
      headers: { 'Accept-Encoding': 'br, gzip' },
    });
    expect(js.headers.get('content-encoding')).toBe('br');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // What goes over the wire: a fraction of the 570 kB script.
    const wire = await fetch(`${n.server.url}${script}`, {
      headers: { 'Accept-Encoding': 'br' },
    }).then(async (r) => Number(r.headers.get('content-length')));
    expect(wire).toBeGreaterThan(0);
    expect(wire).toBeLessThan(200_000);
  });

  it('answers /robots.txt and /favicon.ico with real files', async () => {
    const robots = await fetch(`${n.server.url}/robots.txt`);
    expect(robots.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await robots.text()).toMatch(/Disallow: \//);
    const icon = await fetch(`${n.server.url}/favicon.ico`);
    expect(icon.headers.get('content-type')).toBe('image/x-icon');
  });
});

describe('the login page', () => {
  it('logs no console error while nobody is logged in', async () => {
    n.page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await n.page.goto(n.server.url);
    await heading("Bienvenue sur l'Espace Esat").waitFor();
    await n.page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
  });

  it('an empty form names both fields, the summary focused', async () => {
    await n.page.getByRole('button', { name: 'Valider' }).click();
    await n.page.getByText('Saisissez votre mot de passe.').first().waitFor();
    await expect.poll(focusedSummary).toContain('Saisissez votre identifiant (adresse e-mail).');
    await verifierAxe(n.page, 'connexion vide');
  });

  it('links to the Mentions légales and the Déclaration d’accessibilité, real pages', async () => {
    const footer = n.page.getByRole('contentinfo');
    await footer.getByRole('link', { name: 'Mentions légales' }).click();
    await heading('Mentions légales').waitFor();
    await verifierAxe(n.page, 'mentions légales');
    await n.page
      .getByRole('contentinfo')
      .getByRole('link', { name: /Accessibilité/ })
      .click();
    await heading("Déclaration d'accessibilité").waitFor();
    await n.page.getByText('partiellement conforme', { exact: true }).waitFor();
    await n.page.getByText(/un audit complet des 106 critères/).waitFor();
    await verifierAxe(n.page, 'déclaration d’accessibilité');
    await shot(n.page, 'accessibilite');
  });
});

describe('a certificat', () => {
  it('a refused « Valider » of the saisie puts the focus on the error summary', async () => {
    await n.page.goto(n.server.url);
    await n.page
      .getByLabel('Identifiant (adresse e-mail)')
      .fill('claire.martin@ateliers-canal.test');
    await n.page.getByLabel('Mot de passe').fill('Canal-Essai-2026!');
    await n.page.getByRole('button', { name: 'Valider' }).click();
    await n.page
      .getByLabel(/j'accepte les conditions générales d'utilisation de « Mon Compte Partenaire »/)
      .check();
    await n.page
      .getByLabel(/j'accepte les conditions générales d'utilisation de « l'Espace Esat »/)
      .check();
    await n.page.getByRole('button', { name: 'Valider' }).click();
    await heading('Espace Esat').waitFor();
    await n.page.getByRole('button', { name: 'Mes travailleurs' }).click();
    await n.page.getByRole('button', { name: /BENALI Karim/ }).click();
    await n.page.getByRole('button', { name: 'Déclarer (1)' }).click();
    await n.page.getByRole('button', { name: "Certificat d'emploi" }).click();
    await n.page.getByRole('button', { name: 'Commencer la déclaration' }).click();
    await heading(/Certificat d'emploi/).waitFor();
    // One information notice above the form.
    expect(await n.page.locator('.notice--info').count()).toBe(1);
    const valider = n.page.locator('form button[type="submit"]');
    await valider.click();
    await expect.poll(focusedSummary).toContain('Le formulaire comporte des erreurs');
    // Again, with the same errors: the focus goes back to the summary.
    await valider.focus();
    await valider.click();
    await expect.poll(focusedSummary).toContain('Le formulaire comporte des erreurs');
  });

  it('Fin gives the short reference and repeats what was declared', async () => {
    await n.page.getByLabel(/Nombre de mois de perception/).fill('12');
    await n.page.getByLabel(/Montant net de la rémunération garantie/).fill('1 234,56');
    await n.page.getByLabel(/Montant net de l'aide au poste/).fill('700');
    await n.page.locator('form button[type="submit"]').click();
    await n.page.getByText('Vérifiez les informations saisies').waitFor();
    await n.page.getByText('Caf destinataire').waitFor();
    await n.page.getByText('Date de naissance').waitFor();
    await n.page.getByRole('button', { name: 'Valider' }).click();
    await n.page.getByText('Votre déclaration a bien été enregistrée').waitFor();
    await n.page.getByText(/^CE-2026-\d{6}$/).waitFor();
    await n.page
      .getByRole('region', { name: 'Ce que vous avez déclaré' })
      .getByText(/1\s234,56\s€/)
      .waitFor();
    await shot(n.page, 'fin-reference');
    await verifierAxe(n.page, 'fin');
  });
});
