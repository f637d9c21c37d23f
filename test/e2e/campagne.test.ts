/**
 * Issue 12 in the browser — « who is left » (R-CA-8): an Esat of 3 workers declares 2 certificats,
 * comes back the next day (the same data, « today » one day later), reads that 1 is left and
 * filters the list to it; a certificat already declared offers no « Commencer ».
 * Needs the server's part of R-CA-8 (`suivi` in GET /api/cafs, `certificat` in the workers,
 * `sansCertificat=1`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connecter,
  launchBrowser,
  root,
  shot,
  startServer,
  verifierAxe,
  type Running,
} from './harness.ts';

const compte = { email: 'claire.martin@ateliers-canal.test', password: 'Canal-Essai-2026!' };
const dataDir = mkdtempSync(join(tmpdir(), 'esat-campagne-'));
const env = (today: string) => ({
  ESAT_DATA_DIR: dataDir,
  ESAT_SEED: join(root, 'test/e2e/world-campagne.json'),
  ESAT_TODAY: today,
});

let server: Running | undefined;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function session(today: string) {
  await server?.stop();
  server = await startServer(env(today));
  page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  await connecter(page, server.url, compte.email, compte.password);
  await page.getByRole('heading', { level: 1, name: 'Espace Esat' }).waitFor();
}

const tile = (name: RegExp) => page.getByRole('button', { name });

async function certificat() {
  await page.getByRole('button', { name: 'Commencer la déclaration' }).click();
  await page.getByLabel(/Nombre de mois/).fill('12');
  await page.getByLabel(/Montant net de la rémunération garantie/).fill('1100');
  await page.getByLabel(/Montant net de l'aide au poste/).fill('600');
  await page
    .getByRole('button', { name: /^(Continuer|Valider)$/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Valider' }).click();
  await page.getByText('Votre déclaration a bien été enregistrée').waitFor();
}

describe('R-CA-8: who is left, over two days', () => {
  it('day 1: 0 of 3 declared; two certificats declared in one run', async () => {
    await session('2026-12-10');
    await page
      .getByText(/0 certificat déclaré sur 3 — il reste 3 travailleurs, date limite le 15 janvier/)
      .waitFor();
    await page.getByRole('button', { name: 'Mes travailleurs' }).click();
    await tile(/LEFÈVRE Anne/).click();
    await tile(/BENALI Karim/).click();
    await page.getByRole('button', { name: /^Déclarer/ }).click();
    await page.getByRole('button', { name: "Certificat d'emploi" }).click();
    await certificat();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await certificat();
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes travailleurs' }).waitFor();
    await tile(/LEFÈVRE Anne.*Certificat déclaré le 10\/12/).waitFor();
    await page.close();
  });

  it('day 2: 2 of 3 declared, 1 left; the filter shows only that one', async () => {
    await session('2026-12-11');
    await page
      .getByText(/2 certificats déclarés sur 3 — il reste 1 travailleur, date limite le 15 janvier/)
      .waitFor();
    await shot(page, 'campagne-01-accueil-il-reste-1');
    await verifierAxe(page, 'accueil, il reste 1 travailleur');
    await page.getByRole('button', { name: 'Mes travailleurs' }).click();
    await page.getByLabel(/sans certificat pour cette campagne/).check();
    await page.waitForURL(/sans-certificat=1/);
    // The address follows the checkbox at once; the list is the filtered one once it says so.
    await page.getByText(/^1 travailleur trouvé sans certificat · 0 sélectionné$/).waitFor();
    await tile(/NGUYEN Linh/).waitFor();
    expect(await tile(/LEFÈVRE Anne/).count()).toBe(0);
    expect(await tile(/BENALI Karim/).count()).toBe(0);
    await shot(page, 'campagne-02-sans-certificat');
    await verifierAxe(page, 'mes travailleurs, sans certificat');
  });

  it('a certificat already declared: its fiche says so, with no « Commencer »', async () => {
    await page.getByLabel(/sans certificat pour cette campagne/).uncheck();
    await tile(/BENALI Karim/).click();
    await page.getByRole('button', { name: /^Déclarer/ }).click();
    await page.getByRole('button', { name: "Certificat d'emploi" }).click();
    await page.getByText("Certificat d'emploi de cette campagne déjà déclaré").waitFor();
    expect(await page.getByRole('button', { name: 'Commencer la déclaration' }).count()).toBe(0);
    await page.getByText(/contactez votre Caf/).waitFor();
    await page.getByRole('button', { name: 'Déclarer un changement de situation' }).waitFor();
    await shot(page, 'campagne-03-fiche-deja-declare');
    await verifierAxe(page, 'fiche, certificat déjà déclaré');
  });
});
