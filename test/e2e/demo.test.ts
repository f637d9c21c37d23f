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

  it('R-CS-5: the couple LEFÈVRE — behind the dialog the fiche shows the certificat just made, « Oui » prefills Thomas’s saisie; the header’s « Mon mot de passe » and « Quitter » ask first during the declaration', async () => {
    const heading = (name: string | RegExp) => n.page.getByRole('heading', { level: 1, name });
    await n.page.getByRole('button', { name: 'Retour à Mes travailleurs' }).click();
    await heading('Mes travailleurs').waitFor();
    await n.page.getByRole('button', { name: 'Tout désélectionner' }).click();
    await n.page.getByLabel(/Rechercher/).fill('lefèvre');
    await tile(/LEFÈVRE Anne/).click();
    await n.page.getByRole('button', { name: 'Déclarer (1)' }).click();
    await n.page.getByRole('button', { name: "Certificat d'emploi" }).click();
    await n.page.getByRole('button', { name: 'Commencer la déclaration' }).click();
    const valeurs = {
      "Nombre de mois de perception de la rémunération garantie sur l'année": '12',
      'Montant net de la rémunération garantie (novembre)': '1 150',
      "Montant net de l'aide au poste (novembre)": '640',
    };
    for (const [label, value] of Object.entries(valeurs))
      await n.page.getByLabel(label).fill(value);
    await n.page.getByRole('button', { name: 'Valider' }).click();
    await n.page.getByText('Vérifiez les informations saisies').waitFor();
    await n.page.getByRole('button', { name: 'Valider' }).click();
    await n.page.getByText('Votre déclaration a bien été enregistrée').waitFor();
    await n.page.getByRole('button', { name: 'Valider' }).click();

    const dialog = n.page.getByRole('alertdialog', { name: 'Déclarer aussi pour son conjoint ?' });
    await dialog.getByText(/faire la même déclaration pour Thomas LEFÈVRE/).waitFor();
    // Behind it, Anne's fiche is up to date: her certificat is there, no « Commencer ».
    await n.page.getByText("Certificat d'emploi de cette campagne déjà déclaré").waitFor();
    await n.page.getByText(/Certificat d'emploi — déclaré le 02\/12\/2026/).waitFor();
    expect(await n.page.getByText("Aucune déclaration n'a été faite").count()).toBe(0);
    await shot(n.page, 'demo-couple-dialogue');
    await verifierAxe(n.page, 'demo-couple-dialogue');
    await dialog.getByRole('button', { name: 'Oui, déclarer pour Thomas LEFÈVRE' }).click();

    await n.page.getByText('Travailleur 2 sur 2').waitFor();
    await n.page.getByRole('heading', { level: 2, name: 'LEFÈVRE Thomas' }).waitFor();
    await n.page.getByRole('button', { name: 'Commencer la déclaration' }).click();
    await n.page.getByText('Saisie reprise de la déclaration précédente').waitFor();
    await n.page.getByText(/Les valeurs déclarées pour Anne LEFÈVRE ont été reprises/).waitFor();
    for (const [label, value] of Object.entries(valeurs))
      expect(await n.page.getByLabel(label).inputValue(), label).toBe(value);
    await shot(n.page, 'demo-couple-saisie-reprise');
    await verifierAxe(n.page, 'demo-couple-saisie-reprise');

    // Issue 12 point 6: the header during a declaration, with the quit confirmation.
    const quitter = n.page.getByRole('alertdialog', {
      name: 'Voulez-vous quitter la déclaration ?',
    });
    await n.page.getByRole('banner').getByRole('button', { name: 'Mon mot de passe' }).click();
    await quitter.getByText('Vous irez au changement de votre mot de passe.').waitFor();
    await quitter.getByRole('button', { name: 'Annuler' }).click();
    await quitter.waitFor({ state: 'hidden' });
    await n.page.getByRole('banner').getByRole('button', { name: 'Quitter' }).click();
    await quitter.getByText("Vous retournerez à l'accueil.").waitFor();
    await quitter.getByText(/conservé comme brouillon/).waitFor();
    await shot(n.page, 'demo-couple-quitter-entete');
    await quitter.getByRole('button', { name: 'Confirmer' }).click();
    await heading('Espace Esat').waitFor();
  });
});
