/**
 * R-SE-1 in the browser: the server's idle limit (shortened to 1 minute) reaches the page, whose
 * timers run on Playwright's clock: the test moves time forward instead of waiting for it.
 */
import { describe, it, expect } from 'vitest';
import { navigation, shot, verifierAxe } from './harness.ts';

// A limit of 1 minute: the alert shows after 30 s, the session expires after 60 s (page clock).
const n = navigation({ ESAT_SESSION_IDLE_MINUTES: '1' }, undefined, { horloge: true });

describe('R-SE-1: the session timeout in the browser, with a shortened idle time', () => {
  it('warns with a countdown; « Continuer » renews; then it expires and « Quitter » goes to the login', async () => {
    const page = n.page;
    await page.goto(n.server.url);
    await page.getByLabel('Identifiant (adresse e-mail)').fill('claire.martin@ateliers-canal.test');
    await page.getByLabel('Mot de passe').fill('Canal-Essai-2026!');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page
      .getByRole('heading', { level: 1, name: "Conditions générales d'utilisation" })
      .waitFor();

    const alerte = page.getByRole('alertdialog', { name: 'Votre session va expirer' });
    // Not before its time: 29 s of inactivity, no alert.
    await page.clock.runFor(29_000);
    expect(await alerte.isVisible()).toBe(false);
    await page.clock.runFor(1_000);
    await alerte.waitFor();
    // Half the server's limit before the end, counted down each second.
    expect(await alerte.textContent()).toMatch(/Votre session expire dans 30 secondes/);
    await page.clock.runFor(1_000);
    await expect.poll(() => alerte.textContent()).toMatch(/Votre session expire dans 29 secondes/);
    await shot(page, 'se-01-avertissement');
    await verifierAxe(page, 'se-01-avertissement');
    await alerte.getByRole('button', { name: 'Continuer' }).click();
    await alerte.waitFor({ state: 'hidden' });
    // Renewed on the server: the page still works.
    await page
      .getByLabel(/j'accepte les conditions générales d'utilisation de « Mon Compte Partenaire »/)
      .check();

    const expiree = page.getByRole('alertdialog', { name: 'Votre session a expiré' });
    await page.clock.runFor(60_000);
    await expiree.waitFor();
    await shot(page, 'se-02-expiree');
    await verifierAxe(page, 'se-02-expiree');
    await expiree.getByRole('button', { name: 'Quitter' }).click();
    await page.getByRole('heading', { level: 1, name: "Bienvenue sur l'Espace Esat" }).waitFor();
  });
});
