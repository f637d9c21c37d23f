import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connecter, navigation, shot, verifierAxe } from './harness.ts';

const n = navigation({});

const heading = (name: string | RegExp) => n.page.getByRole('heading', { level: 1, name });

async function saisir(values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) {
    await n.page.getByLabel(label).fill(value);
  }
}

/** Text of a PDF as a reader sees it (pdftotext from Debian's poppler-utils, installed by .ci/run). */
function pdfText(file: string): string {
  expect(existsSync('/usr/bin/pdftotext'), 'apt-get install poppler-utils').toBe(true);
  return execFileSync('pdftotext', ['-layout', file, '-']).toString();
}

describe('certificat d’emploi in the browser, for two workers', () => {
  it('logs in, accepts both CGU and reaches the accueil', async () => {
    await n.page.goto(n.server.url);
    await heading("Bienvenue sur l'Espace Esat").waitFor();
    await shot(n.page, '01-connexion');
    await verifierAxe(n.page, '01-connexion');
    await n.page
      .getByLabel('Identifiant (adresse e-mail)')
      .fill('claire.martin@ateliers-canal.test');
    await n.page.getByLabel('Mot de passe').fill('mauvais-mot-de-passe');
    await n.page.getByRole('button', { name: 'Valider' }).click();
    await n.page.getByText('Connexion impossible').waitFor();
    await verifierAxe(n.page, 'connexion impossible');
    await n.page.getByLabel('Mot de passe').fill('Canal-Essai-2026!');
    await n.page.getByRole('button', { name: 'Valider' }).click();

    await heading("Conditions générales d'utilisation").waitFor();
    await shot(n.page, '02-cgu');
    // Issue 12: the scrollable texts take the focus as named regions (not a labelled plain div).
    for (const name of [
      'Texte des conditions de Mon Compte Partenaire',
      "Texte des conditions de l'Espace Esat",
    ]) {
      const region = n.page.getByRole('region', { name, exact: true });
      await region.focus();
      expect(await region.evaluate((el) => el === document.activeElement)).toBe(true);
    }
    await verifierAxe(n.page, '02-cgu');
    const valider = n.page.getByRole('button', { name: 'Valider' });
    expect(await valider.isDisabled()).toBe(true);
    await n.page
      .getByLabel(/j'accepte les conditions générales d'utilisation de « Mon Compte Partenaire »/)
      .check();
    await n.page
      .getByLabel(/j'accepte les conditions générales d'utilisation de « l'Espace Esat »/)
      .check();
    await valider.click();

    await heading('Espace Esat').waitFor();
    await n.page.getByText('Esat Les Ateliers du Canal').waitFor();
    await n.page.getByText(/travailleurs? connus? par la Caf de Paris/).waitFor();
    await shot(n.page, '03-accueil');
    await verifierAxe(n.page, '03-accueil');
  });

  it('selects two workers and chooses the certificat in December', async () => {
    await n.page.getByRole('button', { name: 'Mes travailleurs' }).click();
    await heading('Mes travailleurs').waitFor();
    await n.page.getByRole('button', { name: /LEFÈVRE Anne/ }).click();
    await n.page.getByRole('button', { name: /BENALI Karim/ }).click();
    expect(
      await n.page.getByRole('button', { name: /LEFÈVRE Anne/ }).getAttribute('aria-pressed'),
    ).toBe('true');
    await shot(n.page, '04-travailleurs');
    await verifierAxe(n.page, '04-travailleurs');
    await n.page.getByRole('button', { name: 'Déclarer (2)' }).click();
    await n.page
      .getByRole('heading', { name: 'Quelle déclaration souhaitez-vous faire ?' })
      .waitFor();
    await shot(n.page, '05-choix');
    await verifierAxe(n.page, '05-choix');
    await n.page.getByRole('button', { name: "Certificat d'emploi" }).click();
    await heading('Fiche travailleur').waitFor();
    await n.page.getByText('Travailleur 1 sur 2').waitFor();
    await n.page.getByText("Aucune déclaration n'a été faite").waitFor();
    await shot(n.page, '06-fiche');
    await verifierAxe(n.page, '06-fiche');
  });

  it('refuses bad input with French messages at the field and in the summary, keeping what was typed', async () => {
    await n.page.getByRole('button', { name: 'Commencer la déclaration' }).click();
    await heading(/Certificat d'emploi/).waitFor();
    await verifierAxe(n.page, 'saisie');
    await saisir({
      "Nombre de mois de perception de la rémunération garantie sur l'année": '13',
      "Montant net de l'aide au poste (novembre)": '1 500,555',
    });
    await n.page.getByRole('button', { name: 'Valider' }).click();
    const summary = n.page
      .getByRole('alert')
      .filter({ hasText: 'Le formulaire comporte des erreurs' });
    await summary.waitFor();
    await expect(summary.textContent()).resolves.toContain(
      'Le nombre de mois est compris entre 1 et 12.',
    );
    await expect(summary.textContent()).resolves.toContain(
      'Le montant comporte au plus 2 décimales.',
    );
    expect(await n.page.getByLabel(/Montant net de l'aide au poste/).inputValue()).toBe(
      '1 500,555',
    );
    await shot(n.page, '07-saisie-erreurs');
    await verifierAxe(n.page, '07-saisie-erreurs');
  });

  it('goes to the récapitulatif, back with the pencil (values kept), and validates', async () => {
    await saisir({
      "Nombre de mois de perception de la rémunération garantie sur l'année": '12',
      'Montant net de la rémunération garantie (novembre)': '1 234,56',
      "Montant net de l'aide au poste (novembre)": '700',
      'Salaire direct en pourcentage du Smic': '',
    });
    await n.page.getByRole('button', { name: 'Valider' }).click();
    await n.page.getByText('Vérifiez les informations saisies').waitFor();
    await n.page.getByText(/1\s234,56\s€/).waitFor();
    await shot(n.page, '08-recapitulatif');
    await verifierAxe(n.page, '08-recapitulatif');
    await n.page.getByRole('button', { name: 'Modifier la saisie' }).click();
    expect(await n.page.getByLabel(/Montant net de la rémunération garantie/).inputValue()).toBe(
      '1 234,56',
    );
    await n.page.getByRole('button', { name: 'Valider' }).click();

    await n.page.getByRole('button', { name: 'Quitter' }).last().click();
    await n.page
      .getByRole('alertdialog', { name: 'Voulez-vous quitter la déclaration ?' })
      .waitFor();
    await shot(n.page, '09-quitter-recapitulatif');
    await verifierAxe(n.page, '09-quitter-recapitulatif');
    await n.page.getByRole('button', { name: 'Annuler' }).click();
    await n.page.getByText('Vérifiez les informations saisies').waitFor();

    await n.page.getByRole('button', { name: 'Valider' }).click();
    await n.page.getByText('Votre déclaration a bien été enregistrée').waitFor();
    await shot(n.page, '10-fin');
    await verifierAxe(n.page, '10-fin');
  });

  it('downloads the PDF récapitulatif showing what was declared', async () => {
    const [download] = await Promise.all([
      n.page.waitForEvent('download'),
      n.page.getByRole('link', { name: /Télécharger/ }).click(),
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
    await n.page.getByRole('radio', { name: /4/ }).check({ force: true });
    await n.page.getByRole('button', { name: 'Envoyer mon avis' }).click();
    await n.page.getByText('Merci pour votre avis').waitFor();
    await verifierAxe(n.page, 'fin, avis envoyé');
    await n.page.getByRole('button', { name: 'Continuer' }).click();

    await n.page.getByText('Travailleur 2 sur 2').waitFor();
    await n.page.getByRole('button', { name: 'Commencer la déclaration' }).click();
    await saisir({
      "Nombre de mois de perception de la rémunération garantie sur l'année": '11',
      "Montant net de l'aide au poste (novembre)": '650',
      'Salaire direct en pourcentage du Smic': '12,5',
    });
    await n.page.getByRole('button', { name: 'Valider' }).click();
    await n.page.getByRole('button', { name: 'Valider' }).click();
    await n.page.getByText('Votre déclaration a bien été enregistrée').waitFor();
    expect(await n.page.getByRole('button', { name: 'Continuer' }).count()).toBe(0);
    await n.page.getByRole('button', { name: 'Valider' }).click();
    await heading('Mes travailleurs').waitFor();
  });

  it('R-CE-6: a worker already declared says so on its tile and its fiche, with the PDF, and offers no « Commencer »', async () => {
    // The second certificat is refused by the server too (test/server/declarations.test.ts);
    // here the user is told before typing anything.
    const lefevre = n.page.getByRole('button', { name: /LEFÈVRE Anne/ });
    await n.page
      .locator('.worker-tile')
      .filter({ has: lefevre })
      .getByText('Certificat déclaré le 02/12')
      .waitFor();
    // A screen reader hears it with the tile (its description).
    const description = await lefevre.evaluate((b) =>
      (b.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(description).toContain('Certificat déclaré le 02/12');
    await lefevre.click();
    await n.page.getByRole('button', { name: 'Déclarer (1)' }).click();
    await n.page.getByRole('button', { name: "Certificat d'emploi" }).click();
    await heading('Fiche travailleur').waitFor();
    await n.page.getByText("Certificat d'emploi de cette campagne déjà déclaré").waitFor();
    await n.page.getByText(/^Déclaré le 02\/12\/2026/).waitFor();
    await n.page.getByText(/pour corriger celui-ci, contactez votre Caf/).waitFor();
    // The history lists it too.
    await n.page.getByText(/Certificat d'emploi — déclaré le 02\/12\/2026/).waitFor();
    expect(await n.page.getByRole('button', { name: /Commencer la déclaration/ }).count()).toBe(0);
    expect(await n.page.getByRole('button', { name: /Reprendre la déclaration/ }).count()).toBe(0);
    await n.page.getByRole('button', { name: 'Déclarer un changement de situation' }).waitFor();
    const [download] = await Promise.all([
      n.page.waitForEvent('download'),
      n.page.getByRole('link', { name: 'Télécharger le récapitulatif (PDF)' }).click(),
    ]);
    const text = pdfText(await download.path());
    expect(text).toContain('LEFÈVRE');
    expect(text).toMatch(/1\s234,56\s€/);
    await shot(n.page, '11-deja-declare');
    await verifierAxe(n.page, '11-deja-declare');
  });

  it('R-FL-5: a Caf agent reads the avis given on the Fin page', async () => {
    const agent = await n.browser.newPage({ locale: 'fr-FR' });
    // The agent accepts the CGU at its first login too (R-AC-5), then opens the avis tab.
    await connecter(agent, n.server.url, 'agent@caf-paris.test', 'Agent-Essai-2026!');
    await agent.getByRole('button', { name: 'Avis des Esat' }).click();
    await agent.getByRole('heading', { level: 1, name: 'Avis des établissements' }).waitFor();
    const row = agent.getByRole('row').filter({ hasText: 'Esat Les Ateliers du Canal' });
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain('4');
    await shot(agent, '12-agent-avis');
    await verifierAxe(agent, '12-agent-avis');
    await agent.close();
  });
});
