/**
 * The Caf agent's journey in the browser, on the demo world (SPEC §10): the campaign with its
 * chart and table, a fiche Esat, the CSV and XLSX exports downloaded and read back, marked
 * traitées, a reminder sent (its mail in the outbox), then the Esat's user logging in.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/demo.ts';
import { connecter, navigation, outbox, shot, verifierAxe } from './harness.ts';

const AGENT = 'agent@caf-paris.test';
const VILLETTE = 'Esat Les Ateliers de la Villette';

const n = navigation({ ESAT_SEED: '' }, { email: AGENT, password: DEMO_PASSWORD });
const heading = (name: string | RegExp) => n.page.getByRole('heading', { level: 1, name });

/** Presses an export button and returns the downloaded file's path and name. */
async function telecharger(page: Page, bouton: string) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: bouton }).click(),
  ]);
  const path = await download.path();
  return { path, nom: download.suggestedFilename() };
}

/** « Le filtre actuel compte N déclarations. » → N */
async function compte(page: Page) {
  const texte = await page.getByText(/Le filtre actuel compte \d+ déclaration/).textContent();
  return Number(/(\d+)/.exec(texte ?? '')![1]);
}

describe('the Caf agent (SPEC §10) in the browser', () => {
  it('R-CA-1: after the CGU, the campaign — deadline, chart with its figures, one row per Esat', async () => {
    await heading('Suivi de la campagne 2026').waitFor();
    await n.page
      .getByText(/Date limite de déclaration : 15 janvier 2027 — il reste 44 jours/)
      .waitFor();
    await n.page.getByRole('img', { name: /Certificats reçus par jour de campagne/ }).waitFor();
    const tableau = n.page.getByRole('table', { name: /par établissement/ });
    await tableau.getByRole('row').filter({ hasText: VILLETTE }).waitFor();
    // The header and the one Esat with workers at the Caf de Paris (Suresnes has none here).
    expect(await tableau.getByRole('row').count()).toBe(2);
    expect(await tableau.getByRole('row').filter({ hasText: 'Suresnes' }).count()).toBe(0);
    await n.page.getByText('Voir les chiffres').click();
    await n.page.getByRole('table', { name: /Certificats reçus en cumul/ }).waitFor();
    await shot(n.page, 'caf-01-campagne');
    await verifierAxe(n.page, 'caf-01-campagne');
    await n.page.getByRole('button', { name: /Part réalisée/ }).click();
    await tableau
      .getByRole('columnheader', { name: /Part réalisée/ })
      .and(n.page.locator('[aria-sort="descending"]'))
      .waitFor();
  });

  it('R-CA-2: the fiche of an Esat — its users, its workers with their certificat or « manquant »', async () => {
    await n.page.getByRole('button', { name: VILLETTE }).click();
    await heading(new RegExp(VILLETTE)).waitFor();
    await n.page
      .getByRole('cell', { name: 'sophie.bernard@ateliers-villette.test', exact: true })
      .waitFor();
    expect(await n.page.getByText(/Déclaré le/).count()).toBeGreaterThan(0);
    expect(await n.page.getByText('Manquant', { exact: true }).count()).toBeGreaterThan(0);
    await shot(n.page, 'caf-02-fiche-esat');
    await verifierAxe(n.page, 'caf-02-fiche-esat');
    await n.page.getByRole('button', { name: 'Créer le référent' }).click();
    await n.page.getByRole('dialog', { name: /Créer le référent de/ }).waitFor();
    await shot(n.page, 'caf-03-creer-referent');
    await verifierAxe(n.page, 'caf-03-creer-referent');
    await n.page.getByRole('button', { name: 'Annuler' }).click();
  });

  it('R-CA-3/4/5: the declarations à traiter exported as CSV and XLSX, read back, then marked traitées', async () => {
    await n.page.getByRole('button', { name: 'Déclarations reçues' }).click();
    await heading('Déclarations reçues').waitFor();
    await n.page.getByLabel('État').selectOption('a-traiter');
    await n.page.getByRole('button', { name: 'Filtrer' }).click();
    await n.page
      .getByRole('cell', { name: 'Traitée', exact: true })
      .first()
      .waitFor({ state: 'detached' });
    const total = await compte(n.page);
    expect(total).toBeGreaterThan(0);
    await shot(n.page, 'caf-04-declarations');
    await verifierAxe(n.page, 'caf-04-declarations');

    const csv = await telecharger(n.page, 'Exporter en CSV (tableur)');
    expect(csv.nom).toMatch(/\.csv$/);
    const texte = readFileSync(csv.path, 'utf8');
    expect(texte.charCodeAt(0)).toBe(0xfeff);
    const lignes = parse(texte, { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    expect(lignes).toHaveLength(total);
    const colonnes = Object.keys(lignes[0]).join(' | ');
    expect(colonnes).toMatch(/allocataire/i);
    expect(colonnes).toMatch(/SIRET/);
    // Dates as JJ/MM/AAAA, for a French spreadsheet.
    expect(Object.values(lignes[0]).some((v) => /^\d{2}\/\d{2}\/\d{4}/.test(v))).toBe(true);
    await n.page.getByText(`Export CSV téléchargé : ${total} déclaration`).waitFor();

    const xlsx = await telecharger(n.page, 'Exporter en XLSX (Excel)');
    expect(xlsx.nom).toMatch(/\.xlsx$/);
    const classeur = new ExcelJS.Workbook();
    await classeur.xlsx.readFile(xlsx.path);
    const feuille = classeur.worksheets[0];
    expect(feuille.actualRowCount).toBe(total + 1);
    await n.page.getByText(`Export XLSX téléchargé : ${total} déclaration`).waitFor();
    await shot(n.page, 'caf-05-export');
    await verifierAxe(n.page, 'caf-05-export');

    await n.page
      .getByRole('button', { name: `Marquer ces ${total} déclarations comme traitées` })
      .click();
    await n.page.getByText(`${total} déclaration${total > 1 ? 's' : ''} marquée`).waitFor();
    await n.page.getByText(/Le filtre actuel compte 0 déclaration\./).waitFor();
    await shot(n.page, 'caf-06-traitees');

    // One of them, opened, says who marked it and when.
    await n.page.getByLabel('État').selectOption('traitee');
    await n.page.getByRole('button', { name: 'Filtrer' }).click();
    await n.page.getByRole('button', { name: "Certificat d'emploi" }).first().click();
    await n.page.getByText(new RegExp(`Traitée le .* par ${AGENT}`)).waitFor();
    await n.page.getByRole('link', { name: 'Télécharger le récapitulatif (PDF)' }).waitFor();
    await shot(n.page, 'caf-07-declaration');
    await verifierAxe(n.page, 'caf-07-declaration');
  });

  it('R-CA-6: a reminder to the Villette Esat — previewed, sent, mailed without names or amounts', async () => {
    await n.page.getByRole('button', { name: 'Relances' }).click();
    await heading('Relances — campagne 2026').waitFor();
    await n.page.getByRole('checkbox', { name: `Relancer ${VILLETTE}` }).check();
    await n.page.getByRole('button', { name: /Prévisualiser la relance/ }).click();
    await n.page.getByRole('heading', { name: 'Aperçu de la relance' }).waitFor();
    await shot(n.page, 'caf-08-apercu');
    await verifierAxe(n.page, 'caf-08-apercu');
    await n.page.getByRole('button', { name: /Envoyer la relance à 1 Esat/ }).click();
    await n.page.getByText('La relance a été envoyée à 1 Esat.').waitFor();
    const mails = outbox(n.server.dataDir).filter((m) => m.to.endsWith('@ateliers-villette.test'));
    expect(mails.length).toBeGreaterThan(0);
    expect(mails[0].text).toMatch(/15 janvier 2027|15\/01\/2027/);
    expect(mails[0].text).not.toMatch(/MÉNARD|€/);

    // A second one the same day asks for confirmation.
    await n.page.getByRole('checkbox', { name: `Relancer ${VILLETTE}` }).check();
    await n.page.getByRole('button', { name: /Prévisualiser la relance/ }).click();
    await n.page.getByRole('button', { name: /Envoyer la relance à 1 Esat/ }).click();
    await n.page.getByRole('alertdialog', { name: "Relancer encore aujourd'hui ?" }).waitFor();
    await shot(n.page, 'caf-09-deja-relancee');
    await verifierAxe(n.page, 'caf-09-deja-relancee');
    await n.page.getByRole('button', { name: 'Annuler' }).click();

    // The campaign table shows the reminder.
    await n.page.getByRole('button', { name: 'Suivi de la campagne' }).click();
    const ligne = n.page.getByRole('row').filter({ hasText: VILLETTE });
    await ligne
      .getByText(/02\/12\/2026 à/)
      .last()
      .waitFor();
  });

  it('R-CA-6, R-CA-8: the Esat’s user then sees the reminder and who is left on its accueil', async () => {
    const esat = await n.browser.newPage({ locale: 'fr-FR' });
    await connecter(esat, n.server.url, 'sophie.bernard@ateliers-villette.test', DEMO_PASSWORD);
    await esat.getByRole('heading', { level: 1, name: 'Espace Esat' }).waitFor();
    await esat
      .getByText(
        /La Caf vous a adressé une relance le 02\/12(\/2026)? : \d+ certificats? manquants?\./,
      )
      .waitFor();
    await esat
      .getByText(
        /certificats? déclarés? sur \d+ — il reste \d+ travailleurs?, date limite le 15 janvier/,
      )
      .waitFor();
    await shot(esat, 'caf-10-accueil-esat');
    await verifierAxe(esat, 'caf-10-accueil-esat');
    await esat.close();
  });
});
