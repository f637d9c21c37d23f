/**
 * The account side in the browser: the référent creates a user (provisional password by mail,
 * changed at first login) and deactivates one; « Mon mot de passe » changes one's password.
 */
import { describe, expect, it } from 'vitest';
import { navigation, outbox, shot, verifierAxe } from './harness.ts';

const REFERENT = 'marie.leroy@ateliers-canal.test';
const NOUVELLE = 'lea.roux@ateliers-canal.test';

const n = navigation({}, { email: REFERENT, password: 'Canal-Referent-2026!' });

const mails = () => outbox(n.server.dataDir);
const heading = (name: string | RegExp) => n.page.getByRole('heading', { level: 1, name });

describe('the référent and « Mon mot de passe »', () => {
  it('the référent lists its Esat’s users, creates one, and deactivates one after confirming', async () => {
    await n.page.getByRole('button', { name: 'Gérer les utilisateurs' }).click();
    await heading("Utilisateurs de l'établissement").waitFor();
    await n.page
      .getByRole('cell', { name: 'claire.martin@ateliers-canal.test', exact: true })
      .waitFor();
    expect(await n.page.getByRole('cell', { name: 'paul.durand@esat-du-parc.test' }).count()).toBe(
      0,
    );
    await shot(n.page, 'utilisateurs');
    await verifierAxe(n.page, 'utilisateurs');

    await n.page.getByRole('button', { name: 'Créer un compte' }).click();
    await n.page.getByLabel('Adresse e-mail de la personne').fill('lea.roux@');
    await n.page.getByRole('button', { name: 'Créer le compte' }).click();
    await n.page.getByRole('alert').filter({ hasText: 'adresse e-mail valide' }).first().waitFor();
    await shot(n.page, 'utilisateurs-creation-refusee');
    await verifierAxe(n.page, 'création de compte refusée');
    await n.page.getByLabel('Adresse e-mail de la personne').fill(NOUVELLE);
    await n.page.getByRole('button', { name: 'Créer le compte' }).click();
    await n.page.getByText(`Le compte ${NOUVELLE} a été créé`).waitFor();
    await n.page.getByRole('cell', { name: NOUVELLE, exact: true }).waitFor();
    expect(mails().some((m) => m.to === NOUVELLE)).toBe(true);

    await n.page
      .getByRole('button', { name: 'Désactiver claire.martin@ateliers-canal.test' })
      .click();
    await n.page.getByRole('alertdialog', { name: 'Désactiver ce compte ?' }).waitFor();
    await verifierAxe(n.page, 'désactivation, confirmation');
    await n.page.getByRole('button', { name: 'Désactiver', exact: true }).click();
    await n.page.getByText(/claire.martin@ateliers-canal.test est désactivé/).waitFor();
    await n.page
      .getByRole('button', { name: 'Réactiver claire.martin@ateliers-canal.test' })
      .waitFor();
    await shot(n.page, 'utilisateurs-desactive');
  });

  it('the new user logs in with the provisional password of the mail and must change it', async () => {
    const password = /Mot de passe provisoire : (\S+)/.exec(
      mails().find((m) => m.to === NOUVELLE)!.text,
    )![1];
    const other = await n.browser.newPage({ locale: 'fr-FR' });
    await other.goto(n.server.url);
    await other.getByLabel('Identifiant (adresse e-mail)').fill(NOUVELLE);
    await other.getByLabel('Mot de passe').fill(password);
    await other.getByRole('button', { name: 'Valider' }).click();
    await other.getByRole('heading', { level: 1, name: 'Changez votre mot de passe' }).waitFor();
    await other.close();
  });

  it('« Mon mot de passe »: a refused one says why at the field; a good one brings back the accueil with a confirmation', async () => {
    await n.page.getByRole('button', { name: "Retour à l'accueil" }).click();
    await heading('Espace Esat').waitFor();
    await n.page.getByRole('button', { name: 'Mon mot de passe' }).click();
    await heading('Changer mon mot de passe').waitFor();
    await n.page.getByLabel('Mot de passe actuel').fill('Canal-Referent-2026!');
    await n.page.getByLabel('Nouveau mot de passe', { exact: true }).fill('court');
    await n.page.getByLabel('Confirmez le nouveau mot de passe').fill('court');
    await n.page.getByRole('button', { name: 'Valider' }).click();
    await n.page.getByRole('alert').filter({ hasText: '12 caractères' }).first().waitFor();
    await verifierAxe(n.page, 'mon mot de passe, refusé');
    const nouveau = 'Trois mots bien choisis pour Marie';
    await n.page.getByLabel('Nouveau mot de passe', { exact: true }).fill(nouveau);
    await n.page.getByLabel('Confirmez le nouveau mot de passe').fill(nouveau);
    await n.page.getByRole('button', { name: 'Valider' }).click();
    await n.page.getByText('Votre mot de passe a été changé.').waitFor();
    await shot(n.page, 'mot-de-passe-change');
    // The session goes on after the change (the server drew a new one for this n.page).
    await n.page.getByRole('button', { name: 'Mes travailleurs' }).click();
    await heading('Mes travailleurs').waitFor();
  });
});
