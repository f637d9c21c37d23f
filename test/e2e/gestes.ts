/**
 * What a user does in the page, shared by the browser tests, the model's journeys and the
 * browser bench (no vitest here: scripts import it too).
 */
import type { Page } from 'playwright-core';

/** Ticks both CGU (SPEC §1.5), as on the first login; the « Valider » is the caller's. */
export async function cocherLesCgu(page: Page) {
  await page
    .getByLabel(/j'accepte les conditions générales d'utilisation de « Mon Compte Partenaire »/)
    .check();
  await page
    .getByLabel(/j'accepte les conditions générales d'utilisation de « l'Espace Esat »/)
    .check();
}

/**
 * From Mes travailleurs to the saisie of a certificat for one worker: its tile, « Déclarer (1) »,
 * « Certificat d'emploi », the fiche, « Commencer la déclaration ».
 */
export async function commencerCertificat(page: Page, travailleur: RegExp) {
  const titre = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
  await page.getByRole('button', { name: travailleur }).click();
  await page.getByRole('button', { name: 'Déclarer (1)' }).click();
  await page.getByRole('button', { name: "Certificat d'emploi" }).click();
  await titre('Fiche travailleur').waitFor();
  await page.getByRole('button', { name: 'Commencer la déclaration' }).click();
  await titre(/Certificat d'emploi/).waitFor();
}
