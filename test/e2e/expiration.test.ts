/**
 * R-SE-1 + R-SE-2 in the browser: the session expires in the middle of a saisie (idle limit of
 * 1 minute, on the page's clock moved by the test); after « Quitter » and a new login, the
 * declaration is offered back with its values.
 */
import { describe, expect, it } from 'vitest';
import { navigation, shot, verifierAxe } from './harness.ts';

const EMAIL = 'claire.martin@ateliers-canal.test';
const PASSWORD = 'Canal-Essai-2026!';

const n = navigation(
  { ESAT_SESSION_IDLE_MINUTES: '1' },
  { email: EMAIL, password: PASSWORD },
  { horloge: true },
);

describe('R-SE-2: nothing typed is lost when the session expires', () => {
  it('expires during the saisie; after logging in again the declaration is resumed as typed', async () => {
    await n.page.getByRole('button', { name: 'Mes travailleurs' }).click();
    await n.page.getByRole('button', { name: /BENALI Karim/ }).click();
    await n.page.getByRole('button', { name: 'Déclarer (1)' }).click();
    await n.page.getByRole('button', { name: "Certificat d'emploi" }).click();
    await n.page.getByRole('button', { name: 'Commencer la déclaration' }).click();
    await n.page.getByLabel(/Nombre de mois/).fill('10');
    // The draft is kept on the server (at most 400 ms after the last keystroke): that answer is
    // the last activity.
    const garde = n.page.waitForResponse(
      (r) =>
        r.request().method() === 'PUT' &&
        r.url().includes('/api/drafts/') &&
        (r.request().postData() ?? '').includes('987,65'),
    );
    await n.page.getByLabel(/Montant net de la rémunération garantie/).fill('987,65');
    expect((await garde).ok()).toBe(true);

    // No more activity: the warning, then the expiry (1 minute without a request).
    const expiree = n.page.getByRole('alertdialog', { name: 'Votre session a expiré' });
    await n.page.clock.runFor(30_000);
    await n.page.getByRole('alertdialog', { name: 'Votre session va expirer' }).waitFor();
    await n.page.clock.runFor(30_000);
    await expiree.waitFor();
    await shot(n.page, 'expiration-saisie');
    await verifierAxe(n.page, 'session expirée pendant la saisie');
    await expiree.getByRole('button', { name: 'Quitter' }).click();

    await n.page.getByLabel('Identifiant (adresse e-mail)').fill(EMAIL);
    await n.page.getByLabel('Mot de passe').fill(PASSWORD);
    await n.page.getByRole('button', { name: 'Valider' }).click();
    await n.page.getByText(/BENALI Karim \(certificat d'emploi, modifiée le /).waitFor();
    await n.page.getByRole('button', { name: 'Mes travailleurs' }).click();
    await n.page.getByRole('button', { name: /BENALI Karim/ }).click();
    await n.page.getByRole('button', { name: 'Déclarer (1)' }).click();
    await n.page.getByRole('button', { name: "Certificat d'emploi" }).click();
    await n.page.getByRole('button', { name: 'Reprendre la déclaration' }).click();
    expect(await n.page.getByLabel(/Nombre de mois/).inputValue()).toBe('10');
    expect(await n.page.getByLabel(/Montant net de la rémunération garantie/).inputValue()).toBe(
      '987,65',
    );
  });
});
