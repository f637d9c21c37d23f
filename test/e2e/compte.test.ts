/**
 * The account side in the browser: the référent creates a user (provisional password by mail,
 * changed at first login) and deactivates one; « Mon mot de passe » changes one's password.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

const REFERENT = 'marie.leroy@ateliers-canal.test';
const NOUVELLE = 'lea.roux@ateliers-canal.test';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  await connecter(page, server.url, REFERENT, 'Canal-Referent-2026!');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const mails = (): { to: string; text: string }[] => {
  const file = join(server.dataDir, 'outbox.jsonl');
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
};
const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });

describe('the référent and « Mon mot de passe »', () => {
  it('the référent lists its Esat’s users, creates one, and deactivates one after confirming', async () => {
    await page.getByRole('button', { name: 'Gérer les utilisateurs' }).click();
    await heading("Utilisateurs de l'établissement").waitFor();
    await page
      .getByRole('cell', { name: 'claire.martin@ateliers-canal.test', exact: true })
      .waitFor();
    expect(await page.getByRole('cell', { name: 'paul.durand@esat-du-parc.test' }).count()).toBe(0);
    await shot(page, 'utilisateurs');
    await verifierAxe(page, 'utilisateurs');

    await page.getByRole('button', { name: 'Créer un compte' }).click();
    await page.getByLabel('Adresse e-mail de la personne').fill('lea.roux@');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await page.getByRole('alert').filter({ hasText: 'adresse e-mail valide' }).first().waitFor();
    await shot(page, 'utilisateurs-creation-refusee');
    await verifierAxe(page, 'création de compte refusée');
    await page.getByLabel('Adresse e-mail de la personne').fill(NOUVELLE);
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await page.getByText(`Le compte ${NOUVELLE} a été créé`).waitFor();
    await page.getByRole('cell', { name: NOUVELLE, exact: true }).waitFor();
    expect(mails().some((m) => m.to === NOUVELLE)).toBe(true);

    await page
      .getByRole('button', { name: 'Désactiver claire.martin@ateliers-canal.test' })
      .click();
    await page.getByRole('alertdialog', { name: 'Désactiver ce compte ?' }).waitFor();
    await verifierAxe(page, 'désactivation, confirmation');
    await page.getByRole('button', { name: 'Désactiver', exact: true }).click();
    await page.getByText(/claire.martin@ateliers-canal.test est désactivé/).waitFor();
    await page
      .getByRole('button', { name: 'Réactiver claire.martin@ateliers-canal.test' })
      .waitFor();
    await shot(page, 'utilisateurs-desactive');
  });

  it('the new user logs in with the provisional password of the mail and must change it', async () => {
    const password = /Mot de passe provisoire : (\S+)/.exec(
      mails().find((m) => m.to === NOUVELLE)!.text,
    )![1];
    const other = await browser.newPage({ locale: 'fr-FR' });
    await other.goto(server.url);
    await other.getByLabel('Identifiant (adresse e-mail)').fill(NOUVELLE);
    await other.getByLabel('Mot de passe').fill(password);
    await other.getByRole('button', { name: 'Se connecter' }).click();
    await other.getByRole('heading', { level: 1, name: 'Changez votre mot de passe' }).waitFor();
    await other.close();
  });

  it('« Mon mot de passe »: a refused one says why at the field; a good one brings back the accueil with a confirmation', async () => {
    await page.getByRole('button', { name: "Retour à l'accueil" }).click();
    await heading('Espace Esat').waitFor();
    await page.getByRole('button', { name: 'Mon mot de passe' }).click();
    await heading('Changer mon mot de passe').waitFor();
    await page.getByLabel('Mot de passe actuel').fill('Canal-Referent-2026!');
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('court');
    await page.getByLabel('Confirmez le nouveau mot de passe').fill('court');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByRole('alert').filter({ hasText: '12 caractères' }).first().waitFor();
    await verifierAxe(page, 'mon mot de passe, refusé');
    const nouveau = 'Trois mots bien choisis pour Marie';
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(nouveau);
    await page.getByLabel('Confirmez le nouveau mot de passe').fill(nouveau);
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('Votre mot de passe a été changé.').waitFor();
    await shot(page, 'mot-de-passe-change');
    // The session goes on after the change (the server drew a new one for this page).
    await page.getByRole('button', { name: 'Mes travailleurs' }).click();
    await heading('Mes travailleurs').waitFor();
  });
});
