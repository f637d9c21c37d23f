import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, shot, startServer, verifierAxe, type Running } from './harness.ts';

let server: Running;
let browser: Browser;
let page: Page;

// An idle limit of 6 seconds: the alert shows after 3, the session expires after 6.
beforeAll(async () => {
  server = await startServer({ ESAT_SESSION_IDLE_MINUTES: '0.1' });
  browser = await launchBrowser();
  page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('R-SE-1: the session timeout in the browser, with a shortened idle time', () => {
  it('warns with a countdown; « Continuer » renews; then it expires and « Quitter » goes to the login', async () => {
    await page.goto(server.url);
    await page.getByLabel('Identifiant (adresse e-mail)').fill('claire.martin@ateliers-canal.test');
    await page.getByLabel('Mot de passe').fill('Canal-Essai-2026!');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page
      .getByRole('heading', { level: 1, name: "Conditions générales d'utilisation" })
      .waitFor();

    const alerte = page.getByRole('alertdialog', { name: 'Votre session va expirer' });
    await alerte.waitFor({ timeout: 8000 });
    expect(await alerte.textContent()).toMatch(/Votre session expire dans \d seconde/);
    await shot(page, 'se-01-avertissement');
    await verifierAxe(page, 'se-01-avertissement');
    await alerte.getByRole('button', { name: 'Continuer' }).click();
    await alerte.waitFor({ state: 'hidden' });
    // Renewed on the server: the page still works.
    await page
      .getByLabel(/j'accepte les conditions générales d'utilisation de « Mon Compte Partenaire »/)
      .check();

    const expiree = page.getByRole('alertdialog', { name: 'Votre session a expiré' });
    await expiree.waitFor({ timeout: 10000 });
    await shot(page, 'se-02-expiree');
    await verifierAxe(page, 'se-02-expiree');
    await expiree.getByRole('button', { name: 'Quitter' }).click();
    await page.getByRole('heading', { level: 1, name: "Bienvenue sur l'Espace Esat" }).waitFor();
  });
});
