import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attendreMail, navigation, outbox, shot, verifierAxe } from './harness.ts';

const n = navigation(
  {},
  { email: 'claire.martin@ateliers-canal.test', password: 'Canal-Essai-2026!' },
);

const heading = (name: string | RegExp) => n.page.getByRole('heading', { level: 1, name });
const tile = (name: RegExp) => n.page.getByRole('button', { name });
const pressed = async (name: RegExp) => (await tile(name).getAttribute('aria-pressed')) === 'true';

async function certificat(valeurs = { mois: '12', aide: '600', garantie: '1100' }) {
  await n.page.getByRole('button', { name: 'Commencer la déclaration' }).click();
  await n.page.getByLabel(/Nombre de mois/).fill(valeurs.mois);
  await n.page.getByLabel(/Montant net de la rémunération garantie/).fill(valeurs.garantie);
  await n.page.getByLabel(/Montant net de l'aide au poste/).fill(valeurs.aide);
  await n.page.getByRole('button', { name: 'Valider' }).click();
  await n.page.getByRole('button', { name: 'Valider' }).click();
  await n.page.getByText('Votre déclaration a bien été enregistrée').waitFor();
}

describe('the Esat space in the browser', () => {
  it('R-FL-1: several Caf: the choice on the accueil, the count per Caf, the pencil on the list', async () => {
    await heading('Espace Esat').waitFor();
    await n.page
      .getByLabel(/choisissez la Caf concernée/)
      .selectOption({ label: 'Caf des Hauts-de-Seine' });
    await n.page.getByText(/1 travailleur connu par la Caf des Hauts-de-Seine/).waitFor();
    await verifierAxe(n.page, 'accueil, deux Caf');
    await n.page.getByRole('button', { name: 'Mes travailleurs' }).click();
    await tile(/GARNIER Élodie/).waitFor();
    await n.page.getByLabel(/Caf concernée/).selectOption({ label: 'Caf de Paris' });
    await tile(/BENALI Karim/).waitFor();
    expect(await tile(/GARNIER Élodie/).count()).toBe(0);
    await verifierAxe(n.page, 'mes travailleurs, deux Caf');
  });

  it('R-FL-2: the filter ignores case and accents, says when nothing matches, and can be cleared', async () => {
    await n.page.getByLabel(/Rechercher/).fill('lefevre');
    await n.page.getByText('1 travailleur trouvé').waitFor();
    await tile(/LEFÈVRE Anne/).waitFor();
    await n.page.getByLabel(/Rechercher/).fill('zzz');
    await n.page.getByText('Aucun travailleur ne correspond à votre recherche').waitFor();
    await shot(n.page, 'es-01-aucun-resultat');
    await verifierAxe(n.page, 'es-01-aucun-resultat');
    await n.page.getByRole('button', { name: 'Effacer le filtre' }).click();
    // The list's count (« 16 travailleurs · 0 sélectionné »), not the « Sélectionner les 16 … » button.
    await n.page.getByText(/^16 travailleurs · /).waitFor();
  });

  it('R-WK: a radié file is red and cannot be selected', async () => {
    const tran = tile(/TRAN Minh/);
    expect(await tran.isDisabled()).toBe(true);
    await n.page
      .getByText(/Le dossier de ce travailleur est radié/)
      .first()
      .waitFor();
  });

  it('R-FL-2: the selection is kept across pages', async () => {
    await tile(/BENALI Karim/).click();
    await tile(/ROUSSEAU Lucie/).click();
    await n.page
      .getByRole('button', { name: /Suivante|Page 2/ })
      .first()
      .click();
    await tile(/ZOLA Émile/).click();
    await n.page
      .getByRole('button', { name: /Précédente|Page 1/ })
      .first()
      .click();
    await tile(/BENALI Karim/).waitFor();
    expect(await pressed(/BENALI Karim/)).toBe(true);
    expect(await pressed(/ROUSSEAU Lucie/)).toBe(true);
    await shot(n.page, 'es-02-selection');
    await verifierAxe(n.page, 'es-02-selection');
    await n.page.getByRole('button', { name: 'Déclarer (3)' }).click();
  });

  it('R-FL-4: a run of three workers, the first skipped, the last ending on « Valider »', async () => {
    await n.page.getByRole('button', { name: "Certificat d'emploi" }).click();
    await n.page.getByText('Travailleur 1 sur 3').waitFor();
    await n.page.getByRole('heading', { name: /BENALI Karim/ }).waitFor();
    await verifierAxe(n.page, 'fiche, travailleur 1 sur 3');
    await n.page.getByRole('button', { name: 'Passer au travailleur suivant' }).click();
    await n.page.getByText('Travailleur 2 sur 3').waitFor();
    await n.page.getByRole('heading', { name: /ROUSSEAU Lucie/ }).waitFor();
    await certificat();
    await n.page.getByRole('button', { name: 'Continuer' }).click();
    await n.page.getByText('Travailleur 3 sur 3').waitFor();
    await n.page.getByRole('heading', { name: /ZOLA Émile/ }).waitFor();
    await certificat();
    await n.page.getByRole('button', { name: 'Valider' }).click();
    await heading('Mes travailleurs').waitFor();
  });

  it('R-FL-4: the fiche lists the history of two years, each with its PDF', async () => {
    await tile(/ROUSSEAU Lucie/).click();
    await n.page.getByRole('button', { name: 'Déclarer (1)' }).click();
    await n.page.getByRole('button', { name: 'Changement de situation' }).click();
    await n.page.getByText(/Certificat d'emploi — déclaré le/).waitFor();
    await shot(n.page, 'es-03-fiche-historique');
    await verifierAxe(n.page, 'es-03-fiche-historique');
    const [download] = await Promise.all([
      n.page.waitForEvent('download'),
      n.page
        .getByRole('link', { name: /Télécharger/ })
        .first()
        .click(),
    ]);
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await n.page.getByRole('button', { name: 'Retour à Mes travailleurs' }).click();
    await heading('Mes travailleurs').waitFor();
  });
});

describe('R-AC-2: first login with a provisional password', () => {
  it('forces the change before anything else, with the server’s messages next to the fields', async () => {
    const p = await n.browser.newPage({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    await p.goto(n.server.url);
    await p.getByLabel('Identifiant (adresse e-mail)').fill('nouveau.venu@ateliers-canal.test');
    await p.getByLabel('Mot de passe').fill('Provisoire-2026!');
    await p.getByRole('button', { name: 'Valider' }).click();
    await p.getByRole('heading', { level: 1, name: 'Changez votre mot de passe' }).waitFor();
    await verifierAxe(p, 'mot de passe provisoire');
    await p.getByLabel('Mot de passe actuel (provisoire)').fill('pas-le-bon-mot-de-passe');
    await p
      .getByLabel('Nouveau mot de passe', { exact: true })
      .fill('Une phrase assez longue 2027');
    await p.getByLabel('Confirmez le nouveau mot de passe').fill('Une phrase assez longue 2027');
    await p.getByRole('button', { name: 'Valider' }).click();
    await p.getByText('Le mot de passe actuel est incorrect.').first().waitFor();
    await p.getByLabel('Mot de passe actuel (provisoire)').fill('Provisoire-2026!');
    await p.getByLabel('Nouveau mot de passe', { exact: true }).fill('court');
    await p.getByLabel('Confirmez le nouveau mot de passe').fill('court');
    await p.getByRole('button', { name: 'Valider' }).click();
    await p.locator('#champ-newPassword-erreur').waitFor();
    await shot(p, 'se-03-mot-de-passe');
    await verifierAxe(p, 'se-03-mot-de-passe');
    await p
      .getByLabel('Nouveau mot de passe', { exact: true })
      .fill('Une phrase assez longue 2027');
    await p.getByLabel('Confirmez le nouveau mot de passe').fill('Une phrase assez longue 2027');
    await p.getByRole('button', { name: 'Valider' }).click();
    await p
      .getByRole('heading', { level: 1, name: "Conditions générales d'utilisation" })
      .waitFor();
    await p.close();
  });
});

describe('R-AC-3: « Mot de passe oublié ? »', () => {
  it('answers the same for any address, and mails a provisional password to a known one', async () => {
    const p = await n.browser.newPage({ locale: 'fr-FR' });
    for (const email of ['personne@inconnu.test', 'claire.martin@ateliers-canal.test']) {
      await p.goto(n.server.url);
      await p.getByRole('button', { name: 'Mot de passe oublié ?' }).click();
      await p.getByRole('heading', { level: 1, name: 'Mot de passe oublié' }).waitFor();
      await p.getByLabel('Identifiant (adresse e-mail)').fill(email);
      await p.getByRole('button', { name: 'Recevoir un mot de passe provisoire' }).click();
      await p.getByText('Demande enregistrée').waitFor();
    }
    await shot(p, 'es-04-mot-de-passe-oublie');
    await verifierAxe(p, 'es-04-mot-de-passe-oublie');
    await attendreMail(n.server.dataDir, (m) => m.to === 'claire.martin@ateliers-canal.test');
    expect(outbox(n.server.dataDir).some((m) => m.to === 'personne@inconnu.test')).toBe(false);
    await p.close();
  });
});

describe('R-SE-2: nothing typed is lost', () => {
  it('a declaration left in the middle is offered back after a new login, values as typed', async () => {
    await n.page.goto(n.server.url);
    await heading('Espace Esat').waitFor();
    await n.page.getByRole('button', { name: 'Mes travailleurs' }).click();
    await tile(/LEFÈVRE Anne/).click();
    await n.page.getByRole('button', { name: 'Déclarer (1)' }).click();
    await n.page.getByRole('button', { name: "Certificat d'emploi" }).click();
    await n.page.getByRole('button', { name: 'Commencer la déclaration' }).click();
    await n.page.getByLabel(/Nombre de mois/).fill('11');
    // Saved as typed (at most 400 ms after the last keystroke): its answer, then the tab is lost.
    const garde = n.page.waitForResponse(
      (r) =>
        r.request().method() === 'PUT' &&
        r.url().includes('/api/drafts/') &&
        (r.request().postData() ?? '').includes('234,5'),
    );
    await n.page.getByLabel(/Montant net de l'aide au poste/).fill('1 234,5');
    expect((await garde).ok()).toBe(true);
    await n.page.close();

    n.page = await n.browser.newPage({
      acceptDownloads: true,
      locale: 'fr-FR',
      viewport: { width: 1280, height: 900 },
    });
    await n.page.goto(n.server.url);
    await n.page
      .getByLabel('Identifiant (adresse e-mail)')
      .fill('claire.martin@ateliers-canal.test');
    await n.page.getByLabel('Mot de passe').fill('Canal-Essai-2026!');
    await n.page.getByRole('button', { name: 'Valider' }).click();
    await n.page.getByText('Des déclarations ne sont pas terminées').waitFor();
    await n.page.getByText(/LEFÈVRE Anne \(certificat d'emploi, modifiée le /).waitFor();
    // The validated ones (ROUSSEAU, ZOLA earlier in this file) left no draft behind.
    expect(await n.page.getByText(/ROUSSEAU Lucie \(certificat/).count()).toBe(0);
    expect(await n.page.getByText(/ZOLA Émile \(certificat/).count()).toBe(0);
    await shot(n.page, 'es-05-brouillons');
    await verifierAxe(n.page, 'es-05-brouillons');
    await n.page.getByRole('button', { name: 'Mes travailleurs' }).click();
    await tile(/LEFÈVRE Anne/).click();
    await n.page.getByRole('button', { name: 'Déclarer (1)' }).click();
    await n.page.getByRole('button', { name: "Certificat d'emploi" }).click();
    await n.page.getByText('Une saisie non terminée a été conservée').waitFor();
    await verifierAxe(n.page, 'fiche, brouillon conservé');
    await n.page.getByRole('button', { name: 'Reprendre la déclaration' }).click();
    expect(await n.page.getByLabel(/Nombre de mois/).inputValue()).toBe('11');
    expect(await n.page.getByLabel(/Montant net de l'aide au poste/).inputValue()).toBe('1 234,5');
  });
});
