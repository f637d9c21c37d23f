/**
 * R-AC-7 in the browser: the Esat du Parc's SIRET is unknown to the Hauts-de-Seine Caf
 * (test/e2e/world.json, siretUnknownTo), so its user enters the identifiant de communication.
 */
import { describe, expect, it } from 'vitest';
import { navigation, shot, verifierAxe } from './harness.ts';

const n = navigation({}, { email: 'paul.durand@esat-du-parc.test', password: 'Parc-Essai-2026!' });

describe('R-AC-7: identifiant de communication', () => {
  it('asked on the accueil; malformed and unknown ones are refused with French messages; a short one is completed', async () => {
    await n.page.getByRole('heading', { level: 1, name: 'Espace Esat' }).waitFor();
    const champ = n.page.getByLabel(/Identifiant de communication \(sur 11 caractères\)/);
    await champ.waitFor();
    expect(await n.page.getByRole('button', { name: 'Mes travailleurs' }).count()).toBe(0);
    await shot(n.page, 'identifiant-demande');
    await verifierAxe(n.page, 'identifiant de communication demandé');

    await champ.fill('123-45');
    await n.page.getByRole('button', { name: 'Valider' }).click();
    await n.page
      .getByRole('alert')
      .filter({ hasText: 'au plus 11 chiffres ou lettres' })
      .first()
      .waitFor();
    expect(await champ.getAttribute('aria-invalid')).toBe('true');

    await champ.fill('99999');
    await n.page.getByRole('button', { name: 'Valider' }).click();
    await n.page.getByText('Accès impossible').waitFor();
    // Not a typing error: the field is not marked, the notice says what to do.
    expect(await champ.getAttribute('aria-invalid')).toBeNull();
    await n.page
      .getByText(/n'est pas connu de cette Caf.*contactez votre Caf/)
      .first()
      .waitFor();
    await shot(n.page, 'identifiant-inconnu');
    await verifierAxe(n.page, 'identifiant de communication inconnu');

    await champ.fill('54321');
    await n.page.getByRole('button', { name: 'Valider' }).click();
    await n.page.getByText(/1 travailleur connu par la Caf des Hauts-de-Seine/).waitFor();
    await n.page.getByRole('button', { name: 'Mes travailleurs' }).click();
    await n.page.getByRole('heading', { level: 1, name: 'Mes travailleurs' }).waitFor();
    // The heading comes before the list has loaded: wait for a worker, then count.
    await n.page.getByRole('button', { name: /—/ }).first().waitFor();
    expect(await n.page.getByRole('button', { name: /—/ }).count()).toBe(1);
  });

  it('the server refuses that Caf’s workers to a session that did not give it', async () => {
    const login = await fetch(`${n.server.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: n.server.url },
      body: JSON.stringify({
        email: 'paul.durand@esat-du-parc.test',
        password: 'Parc-Essai-2026!',
      }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const r = await fetch(`${n.server.url}/api/workers?caf=921`, { headers: { Cookie: cookie } });
    expect(r.status).toBe(403);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('identifiant-requis');
  });
});
