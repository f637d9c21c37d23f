/**
 * Issue 12 in the browser: each screen has its address; Back and Forward go through the portal
 * machine (with the quit confirmation where leaving a declaration); a reload comes back to the
 * same screen with the selection and the values typed (the server's draft); a bookmark of Mes
 * travailleurs is followed after the login.
 */
import { describe, expect, it } from 'vitest';
import { navigation, shot } from './harness.ts';

const n = navigation();
const compte = { email: 'claire.martin@ateliers-canal.test', password: 'Canal-Essai-2026!' };
const heading = (name: string | RegExp) => n.page.getByRole('heading', { level: 1, name });
const tile = (name: RegExp) => n.page.getByRole('button', { name });
let brouillonGarde: Promise<unknown> | undefined;
const chemin = () => new URL(n.page.url()).pathname + new URL(n.page.url()).search;

async function login() {
  await n.page.getByLabel('Identifiant (adresse e-mail)').fill(compte.email);
  await n.page.getByLabel('Mot de passe', { exact: true }).fill(compte.password);
  await n.page.getByRole('button', { name: /^(Se connecter|Valider)$/ }).click();
}

describe('the browser’s Back, Forward and reload', () => {
  it('a bookmark of Mes travailleurs (page, filter) is followed after the login', async () => {
    await n.page.goto(`${n.server.url}/travailleurs?q=lef`);
    await login();
    const cgu = n.page.getByRole('heading', {
      level: 1,
      name: "Conditions générales d'utilisation",
    });
    // The screen after the login: the CGU (first login) or the bookmarked list.
    await heading(/^(Conditions générales d'utilisation|Mes travailleurs)$/).waitFor();
    if (await cgu.isVisible()) {
      for (const box of await n.page.getByRole('checkbox').all()) await box.check();
      await n.page.getByRole('button', { name: 'Valider' }).click();
    }
    await heading('Mes travailleurs').waitFor();
    expect(await n.page.getByLabel(/Rechercher/).inputValue()).toBe('lef');
    await tile(/LEFÈVRE Anne/).waitFor();
    expect(chemin()).toBe('/travailleurs?q=lef');
  });

  it('each screen has its address; Back and Forward move between them', async () => {
    await n.page.getByRole('button', { name: 'Effacer le filtre' }).click();
    await n.page.waitForURL((u) => u.pathname === '/travailleurs' && !u.search);
    await n.page.getByRole('button', { name: 'Page 2', exact: true }).click();
    await n.page.waitForURL(/page=2/);
    await n.page.goBack();
    await n.page.waitForURL((u) => !u.search.includes('page=2'));
    await n.page.getByRole('button', { name: "Retour à l'accueil" }).click();
    await heading('Espace Esat').waitFor();
    expect(chemin()).toBe('/accueil');
    await n.page.goBack();
    await heading('Mes travailleurs').waitFor();
    await n.page.goForward();
    await heading('Espace Esat').waitFor();
    await n.page.goBack();
    await heading('Mes travailleurs').waitFor();
  });

  it('a declaration: its steps have addresses; Back from the saisie asks first', async () => {
    await tile(/LEFÈVRE Anne/).click();
    await tile(/BENALI Karim/).click();
    await n.page.getByRole('button', { name: /^Déclarer/ }).click();
    await n.page.getByRole('button', { name: "Certificat d'emploi" }).click();
    await heading('Fiche travailleur').waitFor();
    expect(chemin()).toMatch(/^\/travailleurs\/[^/]+$/);
    await n.page.getByRole('button', { name: 'Commencer la déclaration' }).click();
    await n.page.waitForURL(/\/saisie$/);
    brouillonGarde = n.page.waitForResponse(
      (r) => r.url().includes('/api/drafts/') && r.request().method() === 'PUT',
    );
    await n.page.getByLabel(/Nombre de mois/).fill('12');
    await n.page.getByLabel(/Montant net de la rémunération garantie/).fill('1100');
    await n.page.goBack();
    const dialogue = n.page.getByRole('alertdialog', {
      name: 'Voulez-vous quitter la déclaration ?',
    });
    await dialogue.waitFor();
    await dialogue.getByText(/conservé comme brouillon/).waitFor();
    await shot(n.page, 'historique-01-retour-depuis-la-saisie');
    await dialogue.getByRole('button', { name: 'Annuler' }).click();
    expect(await n.page.getByLabel(/Montant net de la rémunération garantie/).inputValue()).toBe(
      '1100',
    );
    await n.page.waitForURL(/\/saisie$/);
  });

  it('a reload comes back to the same saisie with the values typed and the selection', async () => {
    // The draft is saved after a pause in typing (R-SE-2).
    await brouillonGarde;
    await n.page.reload();
    await n.page.getByLabel(/Montant net de la rémunération garantie/).waitFor();
    expect(await n.page.getByLabel(/Nombre de mois/).inputValue()).toBe('12');
    expect(await n.page.getByLabel(/Montant net de la rémunération garantie/).inputValue()).toBe(
      '1100',
    );
    await n.page.getByText('Travailleur 1 sur 2').waitFor();
    await n.page.waitForURL(/\/saisie$/);
  });

  it('Back to the fiche, confirmed: the fiche offers the draft back; Retour keeps the selection', async () => {
    await n.page.goBack();
    await n.page
      .getByRole('alertdialog', { name: 'Voulez-vous quitter la déclaration ?' })
      .getByRole('button', { name: 'Confirmer' })
      .click();
    await heading('Fiche travailleur').waitFor();
    await n.page.getByText('Une saisie non terminée a été conservée').waitFor();
    await n.page.getByRole('button', { name: 'Retour à Mes travailleurs' }).click();
    await heading('Mes travailleurs').waitFor();
    await n.page.getByText(/2 sélectionnés/).waitFor();
  });
});
