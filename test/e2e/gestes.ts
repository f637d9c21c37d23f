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
