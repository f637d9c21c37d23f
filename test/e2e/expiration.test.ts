/**
 * R-SE-1 + R-SE-2 in the browser: the session expires in the middle of a saisie (idle limit of
 * 12 s); after « Quitter » and a new login, the declaration is offered back with its values.
 */
import { describe, expect, it } from 'vitest';
import { navigation, shot, verifierAxe } from './harness.ts';

const EMAIL = 'claire.martin@ateliers-canal.test';
const PASSWORD = 'Canal-Essai-2026!';

const n = navigation({ ESAT_SESSION_IDLE_MINUTES: '0.2' }, { email: EMAIL, password: PASSWORD });

describe('R-SE-2: nothing typed is lost when the session expires', () => {
  it('expires during the saisie; after logging in again the declaration is resumed as typed', async () => {
    await n.page.getByRole('button', { name: 'Mes travailleurs' }).click();
    await n.page.getByRole('button', { name: /BENALI Karim/ }).click();
    await n.page.getByRole('button', { name: 'Déclarer (1)' }).click();
    await n.page.getByRole('button', { name: "Certificat d'emploi" }).click();
    await n.page.getByRole('button', { name: 'Commencer la déclaration' }).click();
    await n.page.getByLabel(/Nombre de mois/).fill('10');
    await n.page.getByLabel(/Montant net de la rémunération garantie/).fill('987,65');

    // No more activity: the warning, then the expiry (12 s without a request).
    const expiree = n.page.getByRole('alertdialog', { name: 'Votre session a expiré' });
    await expiree.waitFor({ timeout: 20_000 });
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
  }, 60_000);
});
