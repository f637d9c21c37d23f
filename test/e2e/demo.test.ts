/**
 * The demo world of `npm start` (no ESAT_SEED) in the browser: the Esat space of issue #4 on the
 * accounts the README gives — two Caf, the identifiant de communication of the Hauts-de-Seine
 * (R-AC-7), the list, a selection across pages, a radié file blocked.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/demo.ts';
import { navigation, shot, verifierAxe } from './harness.ts';

const n = navigation(
  { ESAT_SEED: '' },
  { email: 'sophie.bernard@ateliers-villette.test', password: DEMO_PASSWORD },
);

const tile = (name: RegExp) => n.page.getByRole('button', { name });

describe('the demo world (README accounts)', () => {
  it('accueil with two Caf; the Hauts-de-Seine asks for the identifiant 92101, then lists its 6 workers', async () => {
    await n.page.getByRole('heading', { level: 1, name: 'Espace Esat' }).waitFor();
    await n.page.getByText(/30 travailleurs connus par la Caf de Paris/).waitFor();
    await n.page
      .getByLabel(/choisissez la Caf concernée/)
      .selectOption({ label: 'Caf des Hauts-de-Seine' });
    await n.page.getByRole('textbox', { name: /Identifiant de communication/ }).fill('92101');
    await n.page.getByRole('button', { name: 'Valider' }).click();
    await n.page.getByText(/6 travailleurs connus par la Caf des Hauts-de-Seine/).waitFor();
    await n.page.getByRole('button', { name: 'Mes travailleurs' }).click();
    await n.page.getByText(/^6 travailleurs/).waitFor();
    await shot(n.page, 'demo-hauts-de-seine');
    await verifierAxe(n.page, 'demo-hauts-de-seine');
  });

  it('Paris: 30 workers over 3 pages, a selection kept across pages and filters, a radié file in red and not selectable', async () => {
    await n.page
      .getByRole('combobox', { name: /Caf concernée/ })
      .selectOption({ label: 'Caf de Paris' });
    await n.page.getByText(/^30 travailleurs/).waitFor();
    await tile(/ANDRÉ Mathis/).click();
    await n.page.getByRole('button', { name: 'Page 3' }).click();
    await n.page.getByText('Page 3 sur 3').waitFor();
    await n.page.getByLabel(/Rechercher/).fill('tran');
    const tran = tile(/TRAN Minh/);
    await tran.waitFor();
    expect(await tran.isDisabled()).toBe(true);
    await n.page
      .getByText(/Le dossier de ce travailleur est radié/)
      .first()
      .waitFor();
    await shot(n.page, 'demo-radie');
    await verifierAxe(n.page, 'demo-radie');
    await n.page.getByRole('button', { name: 'Effacer le filtre' }).click();
    await n.page.getByText(/^30 travailleurs · 1 sélectionné/).waitFor();
    await n.page.getByRole('button', { name: /Déclarer/ }).click();
    await n.page.getByRole('button', { name: "Certificat d'emploi" }).click();
    await n.page.getByRole('heading', { level: 1, name: 'Fiche travailleur' }).waitFor();
    await n.page.getByText('ANDRÉ', { exact: true }).first().waitFor();
    await shot(n.page, 'demo-fiche');
    await verifierAxe(n.page, 'demo-fiche');
  });
});
