/**
 * R-IM (SPEC §12) in the browser, on the demo world of `npm start` (no ESAT_SEED), 2 December
 * 2026: the template downloaded, a 40-row CSV with 3 errors imported, one row fixed in the page,
 * one corrected too, one left out, « Valider », the progress bar, the end, and the certificats
 * seen on Mes travailleurs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/demo.ts';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { attendreMail, captures, navigation, root, verifierAxe } from './harness.ts';

const n = navigation(
  { ESAT_SEED: '' },
  { email: 'sophie.bernard@ateliers-villette.test', password: DEMO_PASSWORD },
);

const heading = (name: string | RegExp) => n.page.getByRole('heading', { name });
const bouton = (name: string | RegExp) => n.page.getByRole('button', { name });

/** Each screen kept in .tmp/ (gitignored) to look at (with ESAT_CAPTURES=1, harness.ts). */
async function ecran(nom: string) {
  if (!captures) return;
  const dossier = join(root, '.tmp');
  mkdirSync(dossier, { recursive: true });
  await n.page.screenshot({ path: join(dossier, `import-${nom}.png`), fullPage: true });
}

interface Travailleur {
  id: string;
  nom: string;
  prenom: string;
  numeroAllocataire: string;
  dateNaissance: string;
}

let entete = '';
let travailleurs: (Travailleur & { certificat: unknown; dossier?: string })[] = [];
let prets = 0;
/** The file's line of the 3 wrong rows (workers still to declare, whose file is actif). */
let erreurs: [number, number, number] = [0, 0, 0];

/** The 40 rows: the 30 Paris workers of the Villette Esat (3 of them wrong), 10 unknown people. */
function fichier40(): string {
  const jj = (iso: string) => iso.split('-').reverse().join('/');
  const aDeclarer = travailleurs.flatMap((t, i) =>
    !t.certificat && (t.dossier ?? 'actif') === 'actif' ? [i] : [],
  );
  const [a, b, c] = [aDeclarer[2], aDeclarer[8], aDeclarer[14]];
  erreurs = [a + 2, b + 2, c + 2];
  const lignes = travailleurs.map((t, i) => {
    const aide = i === a ? '1 500,00' : '680,00';
    const mois = i === b ? '13' : '12';
    const rg = i === c ? 'mille' : '1 234,56';
    return [t.numeroAllocataire, t.nom, t.prenom, jj(t.dateNaissance), mois, rg, aide, ''].join(
      ';',
    );
  });
  for (let i = 0; i < 10; i++)
    lignes.push(
      [`99000${10 + i}`, 'INCONNU', `Personne${i}`, '01/01/1980', '12', '1000', '500', ''].join(
        ';',
      ),
    );
  return [entete, ...lignes].join('\r\n');
}

// Each step waits on the real server and browser of a loaded 2-core machine.
describe('R-IM: a payroll file imported in the browser (demo world)', { timeout: 60_000 }, () => {
  it('opens « Importer un fichier de paie » from Mes travailleurs and downloads the template', async () => {
    await heading('Espace Esat').waitFor();
    const r = await n.page.request.get(`${n.server.url}/api/workers?caf=751&pageSize=100`);
    expect(r.status()).toBe(200);
    travailleurs = ((await r.json()) as { items: typeof travailleurs }).items;
    expect(travailleurs).toHaveLength(30);

    await bouton('Mes travailleurs').click();
    await heading('Mes travailleurs').waitFor();
    await bouton('Importer un fichier de paie').click();
    await heading('Importer un fichier de paie').waitFor();
    await ecran('1-fichier');
    await verifierAxe(n.page, 'import: fichier');

    const [telechargement] = await Promise.all([
      n.page.waitForEvent('download'),
      n.page.getByRole('link', { name: 'Télécharger le modèle CSV' }).click(),
    ]);
    const modele = readFileSync((await telechargement.path())!, 'utf8').replace(/^\uFEFF/, '');
    entete = modele.split(/\r?\n/)[0];
    expect(entete.split(';')).toHaveLength(8);
    expect(entete).toMatch(/^N° allocataire;/);
  });

  it('imports the 40-row file with the keyboard-reachable file input, and confirms the columns', async () => {
    const input = n.page.getByLabel('Fichier de paie (CSV ou Excel)');
    await input.focus();
    expect(await input.evaluate((e) => e === document.activeElement)).toBe(true);
    await input.setInputFiles({
      name: 'paie-novembre.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(fichier40(), 'utf8'),
    });
    await heading('Les colonnes de votre fichier').waitFor();
    await n.page
      .getByText(/40 lignes, en-tête à la ligne 1\. 8 colonnes sur 8 reconnues/)
      .waitFor();
    await ecran('2-colonnes');
    await verifierAxe(n.page, 'import: colonnes');
    await bouton('Confirmer les colonnes').click();
    await heading('Rapport de vérification').waitFor();
  });

  it('shows the report: 3 errors linked from the summary to their rows, déjà déclarés, dossiers bloqués, unknown people', async () => {
    const resume = n.page.getByRole('alert').filter({ hasText: 'à corriger ou à ignorer' });
    await resume.waitFor();
    // Rows are numbered as in the file (the header is line 1).
    const [a, b, c] = erreurs;
    await resume
      .getByRole('link', { name: new RegExp(`^Ligne ${a} : colonne « Aide au poste »`) })
      .waitFor();
    await resume.getByRole('link', { name: new RegExp(`^Ligne ${b} : colonne « Mois`) }).waitFor();
    await resume
      .getByRole('link', { name: new RegExp(`^Ligne ${c} : colonne « Rémunération garantie »`) })
      .waitFor();
    // 3 errors and the 10 people no worker matches.
    await resume.getByText('13 lignes à corriger ou à ignorer').waitFor();
    const table = n.page.getByRole('table', { name: /Lignes du fichier/ });
    expect(await table.getByRole('row').count()).toBe(41);
    await table
      .getByText(/a déjà été enregistré pour ce travailleur le 0[12]\/12\/2026/)
      .first()
      .waitFor();
    await table.getByText('Dossier bloqué').first().waitFor();
    await table.getByText('Travailleur non reconnu').first().waitFor();
    await ecran('3-rapport');
    await verifierAxe(n.page, 'import: rapport');
    // The summary's link takes the focus to its row.
    await resume.getByRole('link', { name: new RegExp(`^Ligne ${a} :`) }).click();
    expect(await n.page.evaluate(() => document.activeElement?.id)).toBe(`champ-ligne-${a}`);
  });

  it('fixes a row in the page with the saisie’s widgets, corrects a second, leaves the third out', async () => {
    const [a, b, c] = erreurs;
    await bouton(`Corriger la ligne ${a}`).click();
    await heading(`Corriger la ligne ${a}`).waitFor();
    const aide = n.page.getByLabel(/Montant net de l'aide au poste/);
    expect(await aide.inputValue()).toBe('1 500,00');
    await n.page.getByRole('heading', { name: 'Le formulaire comporte des erreurs' }).waitFor();
    await ecran('4-correction');
    await verifierAxe(n.page, 'import: correction');
    // Each save waits for the server's answer: the next value is typed once the page has it back.
    const enregistrer = async () => {
      const reponse = n.page.waitForResponse(
        (r) => r.request().method() === 'PATCH' && r.url().includes('/lignes/'),
      );
      await bouton('Enregistrer la ligne').click();
      await reponse;
    };
    // Still wrong: the message comes back beside its field.
    await aide.fill('1 300');
    await enregistrer();
    await n.page
      .getByText(/ne peut pas dépasser la rémunération garantie/)
      .first()
      .waitFor();
    await heading(`Corriger la ligne ${a}`).waitFor();
    await aide.fill('680,00');
    await enregistrer();
    await n.page.getByText(`La ligne ${a} a été enregistrée : elle est prête à envoyer.`).waitFor();

    await bouton(`Corriger la ligne ${b}`).click();
    await n.page.getByLabel(/Nombre de mois/).fill('12');
    await bouton('Enregistrer la ligne').click();
    await n.page.getByText(`La ligne ${b} a été enregistrée : elle est prête à envoyer.`).waitFor();

    await bouton(`Ignorer la ligne ${c}`).click();
    await n.page.getByText(`La ligne ${c} ne sera pas envoyée.`).waitFor();
    await n.page.getByRole('alert').filter({ hasText: 'à corriger ou à ignorer' }).waitFor();
    await ecran('5-rapport-corrige');
  });

  it('the récapitulatif gives the count and totals; « Valider » sends with a live progress bar', async () => {
    const continuer = bouton(/^Continuer avec \d+ lignes? prêtes?/);
    const texte = (await continuer.textContent()) ?? '';
    prets = Number(/(\d+)/.exec(texte)![1]);
    // The workers still to declare whose file is actif, less the row left out.
    const aDeclarer = travailleurs.filter(
      (t) => !t.certificat && (t.dossier ?? 'actif') === 'actif',
    );
    expect(prets).toBe(aDeclarer.length - 1);
    await continuer.click();
    await heading('Récapitulatif avant envoi').waitFor();
    await n.page.getByText('Total des rémunérations garanties').waitFor();
    await ecran('6-recapitulatif');
    await verifierAxe(n.page, 'import: récapitulatif');

    const valeurs: string[] = [];
    await n.page.exposeFunction('noterProgression', (v: string) => valeurs.push(v));
    // Watch before clicking: one batch of 21 can finish before a watcher set up after the bar
    // shows would see it (CI saw the bar gone by then).
    await n.page.evaluate(() => {
      const noter = (window as unknown as { noterProgression(v: string): void }).noterProgression;
      const lire = (e: Element) => noter(e.getAttribute('aria-valuenow') ?? '');
      new MutationObserver((records) => {
        for (const r of records) {
          if (
            r.type === 'attributes' &&
            (r.target as Element).getAttribute('role') === 'progressbar'
          ) {
            lire(r.target as Element);
          }
          for (const ajout of r.addedNodes) {
            if (!(ajout instanceof Element)) continue;
            const barre = ajout.matches('[role="progressbar"]')
              ? ajout
              : ajout.querySelector('[role="progressbar"]');
            if (barre) lire(barre);
          }
        }
      }).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['aria-valuenow'],
      });
    });
    await bouton(`Valider et envoyer ${prets} certificats`).click();
    await n.page.getByText('Import terminé').waitFor();
    await ecran('7-fin');
    await verifierAxe(n.page, 'import: fin');
    // Batch by batch (25 a request): 0, then 21.
    expect(valeurs[0]).toBe('0');
    expect(valeurs).toContain(String(prets));
    await n.page
      .getByText(`${prets} certificats d'emploi enregistrés et transmis à la Caf.`)
      .waitFor();
    // The short reference a person reads out on the phone, the one of the PDF and the mail.
    const reference = await n.page
      .getByText(/^Référence de l'import : IM-\d{4}-\d{6}$/)
      .innerText();
    const pdf = await n.page.request.get(
      `${n.server.url}${await n.page
        .getByRole('link', { name: "Télécharger le résumé de l'import (PDF)" })
        .getAttribute('href')}`,
    );
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const mail = await attendreMail(n.server.dataDir, (m) => m.subject.startsWith('Accusé'));
    expect(mail.text).toContain(reference);
  });

  it('back on Mes travailleurs, the certificats are recorded (R-CA-8): fewer workers without one', async () => {
    await bouton('Retour à Mes travailleurs').click();
    await heading('Mes travailleurs').waitFor();
    const t = travailleurs[0];
    const tuile = n.page.getByRole('button', { name: new RegExp(`${t.nom}.*${t.prenom}`, 'i') });
    await tuile.first().waitFor();
    const r = await n.page.request.get(`${n.server.url}/api/workers?caf=751&pageSize=100`);
    const items = ((await r.json()) as { items: { certificat: unknown }[] }).items;
    const avant = travailleurs.filter((w) => w.certificat).length;
    expect(items.filter((w) => w.certificat)).toHaveLength(avant + prets);
    await n.page
      .getByLabel('Seulement les travailleurs sans certificat pour cette campagne')
      .check();
    const restants = 30 - avant - prets;
    expect(restants).toBeGreaterThan(0);
    await n.page
      .getByText(new RegExp(`^${restants} travailleurs? trouvés? sans certificat`))
      .waitFor();
    await ecran('8-travailleurs');
  });

  it('« Même montants que l’an dernier » prefills the saisie of the worker left out, to check and validate', async () => {
    const t = travailleurs[erreurs[2] - 2];
    const r = await n.page.request.get(
      `${n.server.url}/api/workers/${encodeURIComponent(t.id)}/certificat-precedent`,
    );
    await n.page.getByRole('button', { name: new RegExp(`${t.nom}.*${t.prenom}`, 'i') }).click();
    await bouton('Déclarer (1)').click();
    await bouton("Certificat d'emploi").click();
    await bouton('Commencer la déclaration').click();
    await bouton("Même montants que l'an dernier").click();
    if (r.status() === 200) {
      const precedent = (await r.json()) as { saisie: Record<string, string> };
      await n.page.getByText(/ont été repris : vérifiez-les/).waitFor();
      expect(await n.page.getByLabel(/Montant net de la rémunération garantie/).inputValue()).toBe(
        precedent.saisie.remunerationGarantie,
      );
    } else {
      expect(r.status()).toBe(404);
      await n.page
        .getByText(
          "Aucun certificat d'emploi n'a été enregistré pour ce travailleur lors de la campagne précédente.",
        )
        .waitFor();
    }
    await ecran('9-meme-montants');
    await verifierAxe(n.page, 'saisie: même montants');
  });
});
