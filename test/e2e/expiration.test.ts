/**
 * R-SE-1 + R-SE-2 in the browser: the session expires in the middle of a saisie (idle limit of
 * 12 s); after « Quitter » and a new login, the declaration is offered back with its values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  connecter,
  launchBrowser,
  shot,
  startServer,
  verifierAxe,
  type Running,
} from './harness.ts';

let server: Running;
let browser: Browser;
let page: Page;

const EMAIL = 'claire.martin@ateliers-canal.test';
const PASSWORD = 'Canal-Essai-2026!';

beforeAll(async () => {
  server = await startServer({ ESAT_SESSION_IDLE_MINUTES: '0.2' });
  browser = await launchBrowser();
  page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  await connecter(page, server.url, EMAIL, PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('R-SE-2: nothing typed is lost when the session expires', () => {
  it('expires during the saisie; after logging in again the declaration is resumed as typed', async () => {
    await page.getByRole('button', { name: 'Mes travailleurs' }).click();
    await page.getByRole('button', { name: /BENALI Karim/ }).click();
    await page.getByRole('button', { name: 'Déclarer (1)' }).click();
    await page.getByRole('button', { name: "Certificat d'emploi" }).click();
    await page.getByRole('button', { name: 'Commencer la déclaration' }).click();
    await page.getByLabel(/Nombre de mois/).fill('10');
    await page.getByLabel(/Montant net de la rémunération garantie/).fill('987,65');

    // No more activity: the warning, then the expiry (12 s without a request).
    const expiree = page.getByRole('alertdialog', { name: 'Votre session a expiré' });
    await expiree.waitFor({ timeout: 20_000 });
    await shot(page, 'expiration-saisie');
    await verifierAxe(page, 'session expirée pendant la saisie');
    await expiree.getByRole('button', { name: 'Quitter' }).click();

    await page.getByLabel('Identifiant (adresse e-mail)').fill(EMAIL);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText(/BENALI Karim \(certificat d'emploi\)/).waitFor();
    await page.getByRole('button', { name: 'Mes travailleurs' }).click();
    await page.getByRole('button', { name: /BENALI Karim/ }).click();
    await page.getByRole('button', { name: 'Déclarer (1)' }).click();
    await page.getByRole('button', { name: "Certificat d'emploi" }).click();
    await page.getByRole('button', { name: 'Reprendre la déclaration' }).click();
    expect(await page.getByLabel(/Nombre de mois/).inputValue()).toBe('10');
    expect(await page.getByLabel(/Montant net de la rémunération garantie/).inputValue()).toBe(
      '987,65',
    );
  }, 60_000);
});
