/**
 * The demo world of `npm start` (no ESAT_SEED) in the browser: the Esat space of issue #4 on the
 * accounts the README gives — two Caf, the identifiant de communication of the Hauts-de-Seine
 * (R-AC-7), the list, a selection across pages, a radié file blocked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/demo.ts';
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
  server = await startServer({ ESAT_SEED: '' });
  browser = await launchBrowser();
  page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(8000);
  await connecter(page, server.url, 'sophie.bernard@ateliers-villette.test', DEMO_PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const tile = (name: RegExp) => page.getByRole('button', { name });

describe('the demo world (README accounts)', () => {
  it('accueil with two Caf; the Hauts-de-Seine asks for the identifiant 92101, then lists its 6 workers', async () => {
    await page.getByRole('heading', { level: 1, name: 'Espace Esat' }).waitFor();
    await page.getByText(/30 travailleurs connus par la Caf de Paris/).waitFor();
    await page
      .getByLabel(/choisissez la Caf concernée/)
      .selectOption({ label: 'Caf des Hauts-de-Seine' });
    await page.getByRole('textbox', { name: /Identifiant de communication/ }).fill('92101');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText(/6 travailleurs connus par la Caf des Hauts-de-Seine/).waitFor();
    await page.getByRole('button', { name: 'Mes travailleurs' }).click();
    await page.getByText(/^6 travailleurs/).waitFor();
    await shot(page, 'demo-hauts-de-seine');
    await verifierAxe(page, 'demo-hauts-de-seine');
  });

  it('Paris: 30 workers over 3 pages, a selection kept across pages and filters, a radié file in red and not selectable', async () => {
    await page
      .getByRole('combobox', { name: /Caf concernée/ })
      .selectOption({ label: 'Caf de Paris' });
    await page.getByText(/^30 travailleurs/).waitFor();
    await tile(/ANDRÉ Mathis/).click();
    await page.getByRole('button', { name: 'Page 3' }).click();
    await page.getByText('Page 3 sur 3').waitFor();
    await page.getByLabel(/Rechercher/).fill('tran');
    const tran = tile(/TRAN Minh/);
    await tran.waitFor();
    expect(await tran.isDisabled()).toBe(true);
    await page
      .getByText(/Le dossier de ce travailleur est radié/)
      .first()
      .waitFor();
    await shot(page, 'demo-radie');
    await verifierAxe(page, 'demo-radie');
    await page.getByRole('button', { name: 'Effacer le filtre' }).click();
    await page.getByText(/^30 travailleurs · 1 sélectionné/).waitFor();
    await page.getByRole('button', { name: /Déclarer/ }).click();
    await page.getByRole('button', { name: "Certificat d'emploi" }).click();
    await page.getByRole('heading', { level: 1, name: 'Fiche travailleur' }).waitFor();
    await page.getByText('ANDRÉ', { exact: true }).first().waitFor();
    await shot(page, 'demo-fiche');
    await verifierAxe(page, 'demo-fiche');
  });
});
