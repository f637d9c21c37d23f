import { beforeAll, describe, expect, it } from 'vitest';
import { navigation, shot, verifierAxe } from './harness.ts';

const n = navigation(
  { ESAT_TODAY: '2027-06-15' },
  { email: 'claire.martin@ateliers-canal.test', password: 'Canal-Essai-2026!' },
);

beforeAll(async () => {
  await n.page.getByRole('button', { name: 'Mes travailleurs' }).click();
});

const heading = (name: string | RegExp) => n.page.getByRole('heading', { level: 1, name });

/** From Mes travailleurs: select one worker, choose « Changement de situation » (June: the only choice). */
async function commencer(nom: RegExp) {
  await heading('Mes travailleurs').waitFor();
  await n.page.getByRole('button', { name: nom }).click();
  await n.page.getByRole('button', { name: /^Déclarer/ }).click();
  await n.page
    .getByRole('heading', { name: 'Quelle déclaration souhaitez-vous faire ?' })
    .waitFor();
  expect(await n.page.getByRole('button', { name: "Certificat d'emploi" }).count()).toBe(0);
  await n.page.getByRole('button', { name: 'Changement de situation' }).click();
  await n.page.getByRole('button', { name: 'Commencer la déclaration' }).click();
  await heading(/Changement de situation/).waitFor();
}

async function repondre(legend: string | RegExp, valeur: 'Oui' | 'Non') {
  await n.page.getByRole('group', { name: legend }).getByLabel(valeur, { exact: true }).check();
}

const continuer = () => n.page.getByRole('button', { name: 'Continuer' }).click();
/** The saisie's « Valider » (the seeds' word), which shows the récapitulatif. */
const validerSaisie = () => n.page.getByRole('button', { name: 'Valider' }).click();

async function valider() {
  await validerSaisie();
  await n.page.getByText('Vérifiez les informations saisies').waitFor();
  await verifierAxe(n.page, 'changement, récapitulatif');
  await n.page.getByRole('button', { name: 'Valider' }).click();
  await n.page.getByText('Votre déclaration a bien été enregistrée').waitFor();
  await verifierAxe(n.page, 'changement, fin');
  await n.page.getByRole('button', { name: 'Valider' }).click();
}

describe('changement de situation in the browser', () => {
  it('réduction: the incoherent-rate message, then the month’s pay block, then validated', async () => {
    await commencer(/LEFÈVRE Anne/);
    await verifierAxe(n.page, 'changement, première question');
    await continuer();
    await n.page.getByText('Répondez à la question pour continuer.').waitFor();
    await verifierAxe(n.page, 'changement, question sans réponse');
    await repondre('Votre déclaration est-elle liée à une double activité ?', 'Non');
    await continuer();
    await continuer();
    await n.page.getByText('Cochez « Oui » pour la situation à déclarer.').waitFor();
    await repondre('A réduit son activité ?', 'Oui');
    await repondre('A quitté votre établissement ?', 'Oui');
    await continuer();
    await n.page
      .getByText(
        'Une seule situation peut être déclarée : cochez « Oui » pour une seule situation.',
      )
      .waitFor();
    await shot(n.page, 'cs-01-situations-erreur');
    await verifierAxe(n.page, 'cs-01-situations-erreur');
    await repondre('A quitté votre établissement ?', 'Non');
    await continuer();

    await heading(/réduction d'activité/).waitFor();
    await verifierAxe(n.page, 'changement, réduction');
    expect(await n.page.getByText('Rémunération du mois du changement').count()).toBe(0);
    await n.page.getByLabel(/Date d'effet/).fill('01/06/2027');
    await n.page.getByLabel(/Taux d'activité avant/).fill('50');
    await n.page.getByLabel(/Taux d'activité après/).fill('80');
    await n.page.getByText('Rémunération du mois du changement').waitFor();
    await n.page.getByText(/18,26 %/).waitFor();
    await n.page.getByLabel(/Montant net de la rémunération garantie/).fill('900');
    await n.page.getByLabel(/Montant net de l'aide au poste/).fill('400');
    await validerSaisie();
    await n.page
      .getByRole('alert')
      .filter({ hasText: "Le taux renseigné n'est pas cohérent." })
      .waitFor();
    await shot(n.page, 'cs-02-reduction-incoherente');
    await verifierAxe(n.page, 'cs-02-reduction-incoherente');
    await n.page.getByLabel(/Taux d'activité après/).fill('40');
    await valider();
  });

  it('départ for a parental leave: the return date appears only for parental motifs and must follow the departure', async () => {
    await commencer(/BENALI Karim/);
    await repondre('Votre déclaration est-elle liée à une double activité ?', 'Non');
    await continuer();
    await repondre('A quitté votre établissement ?', 'Oui');
    await continuer();
    await heading(/départ de l'établissement/).waitFor();
    // Empty, the calendar opens on the service's today (ESAT_TODAY), not the browser's clock.
    await n.page.getByRole('button', { name: 'Ouvrir le calendrier' }).click();
    await n.page
      .getByRole('dialog', { name: 'Calendrier : Date de départ' })
      .getByRole('heading', { name: /juin 2027/ })
      .waitFor();
    await n.page.keyboard.press('Escape');
    await n.page.getByLabel(/Date de départ/).fill('30/06/2027');
    // Issue 12 (9): the calendar beside the date field, by keyboard — it opens on the typed day,
    // the arrows move, Entrée writes the day into the field and gives the focus back.
    await n.page.getByLabel(/Date de départ/).press('Tab');
    await n.page.keyboard.press('Enter');
    const calendrier = n.page.getByRole('dialog', { name: 'Calendrier : Date de départ' });
    await calendrier.getByRole('heading', { name: /juin 2027/ }).waitFor();
    await expect
      .poll(() => n.page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toMatch(/30 juin 2027/);
    await shot(n.page, 'cs-03-calendrier');
    await verifierAxe(n.page, 'cs-03-calendrier');
    await n.page.keyboard.press('ArrowLeft');
    await n.page.keyboard.press('Enter');
    await calendrier.waitFor({ state: 'detached' });
    expect(await n.page.getByLabel(/Date de départ/).inputValue()).toBe('29/06/2027');
    expect(await n.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Ouvrir le calendrier',
    );
    // By mouse: the next month, the 2nd.
    await n.page.getByRole('button', { name: 'Ouvrir le calendrier' }).click();
    await calendrier.getByRole('button', { name: 'Mois suivant' }).click();
    await calendrier.getByRole('heading', { name: /juillet 2027/ }).waitFor();
    await calendrier.getByRole('button', { name: /(^|\s)2 juillet 2027/ }).click();
    expect(await n.page.getByLabel(/Date de départ/).inputValue()).toBe('02/07/2027');
    await n.page.getByLabel(/Date de départ/).fill('30/06/2027');
    await n.page.getByLabel(/Motif du départ/).selectOption({ label: 'Retraite' });
    expect(await n.page.getByLabel(/Date de retour prévue/).count()).toBe(0);
    await n.page
      .getByLabel(/Motif du départ/)
      .selectOption({ label: "Congé parental d'éducation à temps plein" });
    await n.page.getByLabel(/Date de retour prévue/).fill('01/01/2027');
    await validerSaisie();
    await n.page
      .getByRole('alert')
      .filter({ hasText: 'La date de retour prévue doit être postérieure à la date de départ.' })
      .waitFor();
    await shot(n.page, 'cs-03-depart-retour');
    await verifierAxe(n.page, 'cs-03-depart-retour');
    await n.page.getByLabel(/Date de retour prévue/).fill('01/09/2028');
    await valider();
  });

  it('début de double activité', async () => {
    await commencer(/ROUSSEAU Lucie/);
    await repondre('Votre déclaration est-elle liée à une double activité ?', 'Oui');
    await continuer();
    await repondre("S'agit-il d'un début de double activité ?", 'Oui');
    await continuer();
    await heading(/début de double activité/).waitFor();
    await n.page.getByLabel(/Date de début/).fill('02/06/2027');
    await n.page.getByLabel(/en Esat avant/).fill('100');
    await n.page.getByLabel(/en Esat après/).fill('60');
    await n.page.getByLabel(/en milieu ordinaire/).fill('40');
    await shot(n.page, 'cs-04-double-debut');
    await verifierAxe(n.page, 'cs-04-double-debut');
    await valider();
  });

  it('fin de double activité with the motif of leaving the Esat', async () => {
    await commencer(/LEFÈVRE Anne/);
    await repondre('Votre déclaration est-elle liée à une double activité ?', 'Oui');
    await continuer();
    await repondre("S'agit-il d'un début de double activité ?", 'Non');
    await continuer();
    await repondre("S'agit-il d'une fin de double activité ?", 'Oui');
    await continuer();
    await heading(/fin de double activité/).waitFor();
    await n.page.getByLabel(/Date de fin/).fill('10/06/2027');
    await n.page.getByLabel(/en Esat avant/).fill('40');
    await n.page.getByLabel(/en milieu ordinaire avant/).fill('60');
    await n.page.getByLabel(/en Esat après/).fill('0');
    await n.page.getByLabel(/en milieu ordinaire après/).fill('100');
    await validerSaisie();
    await n.page
      .getByRole('alert')
      .filter({ hasText: "Choisissez le motif du départ de l'Esat." })
      .waitFor();
    await n.page.getByLabel(/Motif du départ de l'Esat/).selectOption({ label: 'Autre' });
    await shot(n.page, 'cs-05-double-fin');
    await verifierAxe(n.page, 'cs-05-double-fin');
    await valider();
  });
});
