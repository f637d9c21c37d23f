import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, shot, startServer, verifierAxe, type Running } from './harness.ts';

let server: Running;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({
    acceptDownloads: true,
    locale: 'fr-FR',
    viewport: { width: 1280, height: 900 },
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });

async function saisir(values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) {
    await page.getByLabel(label).fill(value);
  }
}

/** Text of a PDF as a reader sees it (pdftotext from Debian's poppler-utils, installed by .ci/run). */
function pdfText(file: string): string {
  expect(existsSync('/usr/bin/pdftotext'), 'apt-get install poppler-utils').toBe(true);
  return execFileSync('pdftotext', ['-layout', file, '-']).toString();
}

describe('certificat d’emploi in the browser, for two workers', () => {
  it('logs in, accepts both CGU and reaches the accueil', async () => {
    await page.goto(server.url);
    await heading("Bienvenue sur l'Espace Esat").waitFor();
    await shot(page, '01-connexion');
    await verifierAxe(page, '01-connexion');
    await page.getByLabel('Identifiant (adresse e-mail)').fill('claire.martin@ateliers-canal.test');
    await page.getByLabel('Mot de passe').fill('mauvais-mot-de-passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('Connexion impossible').waitFor();
    await verifierAxe(page, 'connexion impossible');
    await page.getByLabel('Mot de passe').fill('Canal-Essai-2026!');
    await page.getByRole('button', { name: 'Se connecter' }).click();

    await heading("Conditions générales d'utilisation").waitFor();
    await shot(page, '02-cgu');
    await verifierAxe(page, '02-cgu');
    const valider = page.getByRole('button', { name: 'Valider' });
    expect(await valider.isDisabled()).toBe(true);
    await page
      .getByLabel(/j'accepte les conditions générales d'utilisation de « Mon Compte Partenaire »/)
      .check();
    await page
      .getByLabel(/j'accepte les conditions générales d'utilisation de « l'Espace Esat »/)
      .check();
    await valider.click();

    await heading('Espace Esat').waitFor();
    await page.getByText('Esat Les Ateliers du Canal').waitFor();
    await page.getByText(/travailleurs? connus? par la Caf de Paris/).waitFor();
    await shot(page, '03-accueil');
    await verifierAxe(page, '03-accueil');
  });

  it('selects two workers and chooses the certificat in December', async () => {
    await page.getByRole('button', { name: 'Mes travailleurs' }).click();
    await heading('Mes travailleurs').waitFor();
    await page.getByRole('button', { name: /LEFÈVRE Anne/ }).click();
    await page.getByRole('button', { name: /BENALI Karim/ }).click();
    expect(
      await page.getByRole('button', { name: /LEFÈVRE Anne/ }).getAttribute('aria-pressed'),
    ).toBe('true');
    await shot(page, '04-travailleurs');
    await verifierAxe(page, '04-travailleurs');
    await page.getByRole('button', { name: 'Déclarer (2)' }).click();
    await page
      .getByRole('heading', { name: 'Quelle déclaration souhaitez-vous faire ?' })
      .waitFor();
    await shot(page, '05-choix');
    await verifierAxe(page, '05-choix');
    await page.getByRole('button', { name: "Certificat d'emploi" }).click();
    await heading('Fiche travailleur').waitFor();
    await page.getByText('Travailleur 1 sur 2').waitFor();
    await page.getByText("Aucune déclaration n'a été faite").waitFor();
    await shot(page, '06-fiche');
    await verifierAxe(page, '06-fiche');
  });

  it('refuses bad input with French messages at the field and in the summary, keeping what was typed', async () => {
    await page.getByRole('button', { name: 'Commencer la déclaration' }).click();
    await heading(/Certificat d'emploi/).waitFor();
    await verifierAxe(page, 'saisie');
    await saisir({
      "Nombre de mois de perception de la rémunération garantie sur l'année": '13',
      "Montant net de l'aide au poste (novembre)": '1 500,555',
    });
    await page.getByRole('button', { name: 'Continuer' }).click();
    const summary = page
      .getByRole('alert')
      .filter({ hasText: 'Le formulaire comporte des erreurs' });
    await summary.waitFor();
    await expect(summary.textContent()).resolves.toContain(
      'Le nombre de mois est compris entre 1 et 12.',
    );
    await expect(summary.textContent()).resolves.toContain(
      'Le montant comporte au plus 2 décimales.',
    );
    expect(await page.getByLabel(/Montant net de l'aide au poste/).inputValue()).toBe('1 500,555');
    await shot(page, '07-saisie-erreurs');
    await verifierAxe(page, '07-saisie-erreurs');
  });

  it('goes to the récapitulatif, back with the pencil (values kept), and validates', async () => {
    await saisir({
      "Nombre de mois de perception de la rémunération garantie sur l'année": '12',
      'Montant net de la rémunération garantie (novembre)': '1 234,56',
      "Montant net de l'aide au poste (novembre)": '700',
      'Salaire direct en pourcentage du Smic': '',
    });
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByText('Vérifiez les informations saisies').waitFor();
    await page.getByText(/1\s234,56\s€/).waitFor();
    await shot(page, '08-recapitulatif');
    await verifierAxe(page, '08-recapitulatif');
    await page.getByRole('button', { name: 'Modifier la saisie' }).click();
    expect(await page.getByLabel(/Montant net de la rémunération garantie/).inputValue()).toBe(
      '1 234,56',
    );
    await page.getByRole('button', { name: 'Continuer' }).click();

    await page.getByRole('button', { name: 'Quitter' }).last().click();
    await page.getByRole('alertdialog', { name: 'Voulez-vous quitter la déclaration ?' }).waitFor();
    await shot(page, '09-quitter-recapitulatif');
    await verifierAxe(page, '09-quitter-recapitulatif');
    await page.getByRole('button', { name: 'Annuler' }).click();
    await page.getByText('Vérifiez les informations saisies').waitFor();

    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('Votre déclaration a bien été enregistrée').waitFor();
    await shot(page, '10-fin');
    await verifierAxe(page, '10-fin');
  });

  it('downloads the PDF récapitulatif showing what was declared', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Télécharger/ }).click(),
    ]);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(file);
    expect(text).toContain('LEFÈVRE');
    expect(text).toContain('7510001');
    expect(text).toMatch(/1\s234,56\s€/);
    expect(text).toMatch(/700,00\s€/);
  });

  it('gives an avis, continues to the second worker and ends on « Valider » → Mes travailleurs', async () => {
    await page.getByRole('radio', { name: /4/ }).check({ force: true });
    await page.getByRole('button', { name: 'Envoyer mon avis' }).click();
    await page.getByText('Merci pour votre avis').waitFor();
    await verifierAxe(page, 'fin, avis envoyé');
    await page.getByRole('button', { name: 'Continuer' }).click();

    await page.getByText('Travailleur 2 sur 2').waitFor();
    await page.getByRole('button', { name: 'Commencer la déclaration' }).click();
    await saisir({
      "Nombre de mois de perception de la rémunération garantie sur l'année": '11',
      "Montant net de l'aide au poste (novembre)": '650',
      'Salaire direct en pourcentage du Smic': '12,5',
    });
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('Votre déclaration a bien été enregistrée').waitFor();
    expect(await page.getByRole('button', { name: 'Continuer' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Valider' }).click();
    await heading('Mes travailleurs').waitFor();
  });

  it('R-CE-6: the history now lists the certificat, and a second one is refused', async () => {
    await page.getByRole('button', { name: /LEFÈVRE Anne/ }).click();
    await page.getByRole('button', { name: 'Déclarer (1)' }).click();
    await page.getByRole('button', { name: "Certificat d'emploi" }).click();
    await heading('Fiche travailleur').waitFor();
    await page.getByText(/Certificat d'emploi — déclaré le/).waitFor();
    await page.getByRole('button', { name: 'Commencer la déclaration' }).click();
    await saisir({
      "Nombre de mois de perception de la rémunération garantie sur l'année": '12',
      "Montant net de l'aide au poste (novembre)": '650',
      'Salaire direct en pourcentage du Smic': '12',
    });
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText("La déclaration n'a pas été enregistrée").waitFor();
    await expect(page.getByText(/déjà été enregistré/).count()).resolves.toBeGreaterThan(0);
    await shot(page, '11-deja-declare');
    await verifierAxe(page, '11-deja-declare');
  });

  it('R-FL-5: a Caf agent reads the avis given on the Fin page', async () => {
    const agent = await browser.newPage({ locale: 'fr-FR' });
    await agent.goto(server.url);
    await agent.getByLabel('Identifiant (adresse e-mail)').fill('agent@caf-paris.test');
    await agent.getByLabel('Mot de passe').fill('Agent-Essai-2026!');
    await agent.getByRole('button', { name: 'Se connecter' }).click();
    await agent.getByRole('heading', { level: 1, name: 'Avis des établissements' }).waitFor();
    const row = agent.getByRole('row').filter({ hasText: 'Esat Les Ateliers du Canal' });
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain('4');
    await shot(agent, '12-agent-avis');
    await verifierAxe(agent, '12-agent-avis');
    await agent.close();
  });
});
