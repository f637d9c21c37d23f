/**
 * R-AC-7 in the browser: the Esat du Parc's SIRET is unknown to the Hauts-de-Seine Caf
 * (test/e2e/world.json, siretUnknownTo), so its user enters the identifiant de communication.
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

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  await connecter(page, server.url, 'paul.durand@esat-du-parc.test', 'Parc-Essai-2026!');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('R-AC-7: identifiant de communication', () => {
  it('asked on the accueil; malformed and unknown ones are refused with French messages; a short one is completed', async () => {
    await page.getByRole('heading', { level: 1, name: 'Espace Esat' }).waitFor();
    const champ = page.getByLabel(/Identifiant de communication \(sur 11 caractères\)/);
    await champ.waitFor();
    expect(await page.getByRole('button', { name: 'Mes travailleurs' }).count()).toBe(0);
    await shot(page, 'identifiant-demande');
    await verifierAxe(page, 'identifiant de communication demandé');

    await champ.fill('123-45');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'au plus 11 chiffres ou lettres' })
      .first()
      .waitFor();
    expect(await champ.getAttribute('aria-invalid')).toBe('true');

    await champ.fill('99999');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('Accès impossible').waitFor();
    // Not a typing error: the field is not marked, the notice says what to do.
    expect(await champ.getAttribute('aria-invalid')).toBeNull();
    await page
      .getByText(/n'est pas connu de cette Caf.*contactez votre Caf/)
      .first()
      .waitFor();
    await shot(page, 'identifiant-inconnu');
    await verifierAxe(page, 'identifiant de communication inconnu');

    await champ.fill('54321');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText(/1 travailleur connu par la Caf des Hauts-de-Seine/).waitFor();
    await page.getByRole('button', { name: 'Mes travailleurs' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes travailleurs' }).waitFor();
    expect(await page.getByRole('button', { name: /—/ }).count()).toBe(1);
  });

  it('the server refuses that Caf’s workers to a session that did not give it', async () => {
    const login = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server.url },
      body: JSON.stringify({
        email: 'paul.durand@esat-du-parc.test',
        password: 'Parc-Essai-2026!',
      }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const r = await fetch(`${server.url}/api/workers?caf=921`, { headers: { Cookie: cookie } });
    expect(r.status).toBe(403);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('identifiant-requis');
  });
});
