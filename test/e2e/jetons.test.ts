/**
 * R-API-2 in the browser: the référent creates a token for its payroll software (refused in
 * French past one year), sees its secret once with a copy button, the README's example client
 * (scripts/exemple-paie.ts) declares a certificat with it against the running server, then the
 * référent revokes it and the script is refused.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { navigation, outbox, root, shot, verifierAxe } from './harness.ts';

const REFERENT = 'marie.leroy@ateliers-canal.test';
const n = navigation({}, { email: REFERENT, password: 'Canal-Referent-2026!' });
const heading = (name: string | RegExp) => n.page.getByRole('heading', { level: 1, name });

/** The README's example client, run as a payroll software would: its exit code and output. */
async function exemplePaie(token: string) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/exemple-paie.ts',
        '--allocataire',
        '7510002',
        '--mois',
        '12',
        '--remuneration',
        '1234.56',
        '--aide',
        '700',
      ],
      { cwd: root, env: { ...process.env, ESAT_URL: n.server.url, ESAT_TOKEN: token } },
    );
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

let secret = '';

describe('R-API-2: « Accès pour votre logiciel de paie »', () => {
  it('creates a token: a refused expiry says why, then the secret is shown once with a copy button', async () => {
    await shot(n.page, 'jetons-accueil');
    await n.page.getByRole('button', { name: 'Accès pour votre logiciel de paie' }).click();
    await heading('Accès pour votre logiciel de paie').waitFor();
    await n.page.getByText("Aucun jeton pour l'instant.").waitFor();
    await verifierAxe(n.page, 'jetons, liste vide');

    await n.page.getByRole('button', { name: "Créer un jeton d'accès" }).click();
    const date = n.page.getByLabel("Date d'expiration");
    // One year by default (ESAT_TODAY is 2 December 2026).
    expect(await date.inputValue()).toBe('02/12/2027');
    await n.page.getByRole('button', { name: 'Créer le jeton' }).click();
    const resume = n.page
      .getByRole('alert')
      .filter({ hasText: 'Le formulaire comporte des erreurs' });
    await resume.waitFor();
    await n.page.getByText('Donnez un nom à ce jeton').first().waitFor();
    await verifierAxe(n.page, 'jetons, création refusée');

    await n.page.getByLabel('Nom du jeton').fill('Paie Sage');
    await date.fill('03/12/2027');
    await n.page.getByRole('button', { name: 'Créer le jeton' }).click();
    await n.page
      .getByText(
        /valable un an au plus : choisissez une date d'expiration au plus tard le 02\/12\/2027/,
      )
      .first()
      .waitFor();
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    await shot(n.page, 'jetons-creation-refusee');

    await date.fill('30/06/2027');
    await n.page.getByRole('button', { name: 'Créer le jeton' }).click();
    await n.page
      .getByRole('heading', { level: 2, name: 'Le jeton « Paie Sage » est prêt' })
      .waitFor();
    await n.page
      .getByText('Copiez ce jeton maintenant : il ne sera plus jamais affiché.')
      .waitFor();
    secret = await n.page.getByLabel("Jeton d'accès").inputValue();
    expect(secret).toMatch(/^esat_[A-Za-z0-9_-]{43}$/);
    // The heading of the secret takes the focus: a screen reader starts there.
    expect(await n.page.evaluate(() => document.activeElement?.id)).toBe('secret-titre');

    await n.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: n.server.url,
    });
    await n.page.getByRole('button', { name: 'Copier le jeton' }).click();
    await n.page.getByText('Le jeton est copié dans le presse-papiers.').waitFor();
    expect(await n.page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await verifierAxe(n.page, 'jetons, secret affiché');
    await shot(n.page, 'jetons-secret-1280');
    await n.page.setViewportSize({ width: 360, height: 800 });
    await shot(n.page, 'jetons-secret-360');
    await n.page.setViewportSize({ width: 1280, height: 900 });
  });

  it('the README’s example client declares a certificat with it; the accusé goes to the référent', async () => {
    const r = await exemplePaie(secret);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const reference = /référence (CE-2026-\d{6})/.exec(r.stdout)?.[1];
    expect(r.stdout).toMatch(/Certificat enregistré pour Karim BENALI/);
    expect(reference).toBeDefined();
    expect(
      outbox(n.server.dataDir).some((m) => m.to === REFERENT && m.text.includes(reference!)),
    ).toBe(true);
    // Run again (a retry): the same certificat, not a second one (R-FL-6).
    const again = await exemplePaie(secret);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(reference!);
  });

  it('once closed, the secret is gone from the page; the list shows its last use; revoked after a confirmation', async () => {
    await n.page.getByRole('button', { name: "J'ai copié le jeton, fermer" }).click();
    await n.page.getByText('Le jeton « Paie Sage » est créé.').waitFor();
    expect(await n.page.content()).not.toContain(secret);
    const carte = n.page.getByRole('listitem').filter({ hasText: 'Paie Sage' });
    await carte.getByText("Valable jusqu'au").waitFor();
    await expect(carte.getByText('30/06/2027').count()).resolves.toBe(1);
    // The page was loaded after the script's calls: their last use is shown.
    await expect(carte.getByText('Jamais utilisé').count()).resolves.toBe(0);
    await shot(n.page, 'jetons-liste-1280');
    await n.page.setViewportSize({ width: 360, height: 800 });
    await shot(n.page, 'jetons-liste-360');
    await n.page.setViewportSize({ width: 1280, height: 900 });

    await n.page.getByRole('button', { name: 'Révoquer le jeton Paie Sage' }).click();
    const dialog = n.page.getByRole('alertdialog', { name: 'Révoquer ce jeton ?' });
    await dialog.waitFor();
    await verifierAxe(n.page, 'jetons, confirmation de révocation');
    await shot(n.page, 'jetons-revocation');
    await n.page.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await exemplePaie(secret)).code).toBe(0);

    await n.page.getByRole('button', { name: 'Révoquer le jeton Paie Sage' }).click();
    await n.page.getByRole('button', { name: 'Révoquer le jeton', exact: true }).click();
    await n.page.getByText(/Le jeton « Paie Sage » est révoqué/).waitFor();
    await carte.getByText(/^Révoqué le/).waitFor();
    const refused = await exemplePaie(secret);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /Refusé : 401 jeton-inconnu : Ce jeton d'accès est inconnu ou a été révoqué/,
    );
  });
});
