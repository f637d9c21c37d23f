/**
 * The generated paths in a real browser: each event of a path as the user's action in Chromium
 * (playwright-core), and the expectations of attendus.ts checked on the page. The server calls'
 * done/error events and the delays are not actions: the page waits for the state they lead to.
 */
import type { Locator, Page } from 'playwright-core';
import type { EventObject } from 'xstate';
import { questionsChangement } from '../../forms/changement.ts';
import { formDefinition, type DeclarationKind } from '../../forms/index.ts';
import type { Adresse } from '../../machines/types.ts';
import { fieldId } from '../../ui/form/ids.ts';
import { chemin } from '../../ui/routing.ts';
import type { Attendu, Texte } from './attendus.ts';
import type { Snapshot } from './generateur.ts';
import { cocherLesCgu } from '../e2e/gestes.ts';

type Action = (
  page: Page,
  event: EventObject & Record<string, never>,
  avant: Snapshot,
) => Promise<void>;

const bouton = (scope: Page | Locator, name: Texte) =>
  scope.getByRole('button', typeof name === 'string' ? { name, exact: true } : { name });
const cliquer = (name: Texte) => async (page: Page) => {
  await bouton(page, name).click();
};
const dialogueOuvert = (page: Page) => page.locator('[role=dialog],[role=alertdialog]');
const dansDialogue = (name: string) => async (page: Page) => {
  await bouton(dialogueOuvert(page), name).click();
};

/** The label of a question's yes/no group (a situation is its own group). */
function legende(id: string): string {
  const [qid, sid] = id.split('.');
  const q = questionsChangement.find((x) => x.id === qid)!;
  if (q.type === 'situations') return q.situations.find((x) => x.id === sid)!.libelle;
  return q.libelle;
}

/**
 * The server's id of a worker of the model (mondeE2e names them by their allocataire number):
 * the address of a fiche or a declaration holds the server's id.
 */
async function idServeur(page: Page, avant: Snapshot, numero: string): Promise<string> {
  const caf = (avant.context as { caf?: string }).caf ?? '';
  const id = await page.evaluate(
    async ({ caf, numero }) => {
      const query = new URLSearchParams({ caf, q: numero, page: '1', pageSize: '1' });
      const r = await fetch(`/api/workers?${query}`);
      const { items } = (await r.json()) as { items: { id: string; numeroAllocataire: string }[] };
      return items.find((t) => t.numeroAllocataire === numero)?.id;
    },
    { caf, numero },
  );
  if (!id) throw new Error(`no worker n° ${numero} in the Caf ${caf} (navigateur.ts)`);
  return id;
}

/** Event type → what the user does in the browser. */
export const actions: Record<string, Action> = {
  'connexion.soumettre': async (page, e) => {
    await page.getByLabel('Identifiant (adresse e-mail)').fill(e.email as unknown as string);
    await page.getByLabel('Mot de passe', { exact: true }).fill(e.password as unknown as string);
    await bouton(page, 'Valider').click();
  },
  'cgu.accepter': async (page) => {
    await cocherLesCgu(page);
    await bouton(page, 'Valider').click();
  },
  'cgu.refuser': cliquer('Refuser'),
  'accueil.travailleurs': cliquer('Mes travailleurs'),
  'accueil.choisirCaf': async (page, e) => {
    await page.getByLabel(/choisissez la Caf concernée/).selectOption(e.code as unknown as string);
  },
  'travailleurs.basculer': async (page, e) => {
    const t = e.travailleur as unknown as { nom: string; prenom: string };
    await bouton(page, new RegExp(`${t.nom.toUpperCase()} ${t.prenom}`)).click();
  },
  'travailleurs.declarer': cliquer(/^Déclarer/),
  'travailleurs.accueil': cliquer("Retour à l'accueil"),
  'choix.choisir': async (page, e) => {
    const nom =
      e.teleprocedure === ('certificat' as never)
        ? "Certificat d'emploi"
        : /^Changement de situation/;
    await bouton(dialogueOuvert(page), nom).click();
  },
  'choix.fermer': dansDialogue('Annuler'),
  'fiche.declarer': cliquer(/^(Commencer|Reprendre) la déclaration$/),
  'fiche.passer': cliquer('Passer au travailleur suivant'),
  'fiche.retour': cliquer('Retour à Mes travailleurs'),
  'portail.quitter': cliquer('Quitter'),
  'quitter.annuler': dansDialogue('Annuler'),
  'quitter.confirmer': dansDialogue('Confirmer'),
  'question.repondre': async (page, e) => {
    await page
      .getByRole('group', { name: legende(e.id as unknown as string), exact: true })
      .getByLabel(e.valeur === ('oui' as never) ? 'Oui' : 'Non', { exact: true })
      .check();
  },
  'question.continuer': cliquer('Continuer'),
  'question.precedente': cliquer('Précédent'),
  'saisie.changer': async (page, e, avant) => {
    const kind = (avant.context as { kind: DeclarationKind }).kind;
    const name = e.name as unknown as string;
    const champ = page.locator(`#${fieldId(name)}`);
    const field = formDefinition(kind).fields.find((f) => f.name === name);
    if (field?.widget === 'choix') await champ.selectOption(e.value as unknown as string);
    else await champ.fill(e.value as unknown as string);
  },
  'saisie.valider': cliquer('Valider'),
  'saisie.quitter': cliquer('Quitter'),
  'saisie.questions': cliquer('Modifier mes réponses'),
  'recapitulatif.valider': cliquer('Valider'),
  'recapitulatif.modifier': cliquer(/^Modifier/),
  'recapitulatif.quitter': cliquer('Quitter'),
  'fin.valider': cliquer('Valider'),
  'fin.continuer': cliquer('Continuer'),
  'fin.quitter': cliquer('Quitter'),
  // The browser's Back onto that address: the entry is put behind the current one, then the user
  // presses Back (the page hears `popstate`, as for any entry of its history). A reload (with a
  // `reprise`) is not a Back: historique.test.ts plays it.
  'navigation.aller': async (page, e, avant) => {
    if ((e as Record<string, unknown>).reprise)
      throw new Error('a reload is not played here (test/e2e/historique.test.ts)');
    const adresse = { ...(e.adresse as unknown as Adresse) };
    if ('id' in adresse) adresse.id = await idServeur(page, avant, adresse.id);
    const cible = chemin(adresse);
    await page.evaluate((c) => {
      const ici = location.pathname + location.search;
      history.pushState(null, '', c);
      history.pushState(null, '', ici);
    }, cible);
    await page.goBack();
  },
};

/** Plays one event of a path in the browser (nothing for the server's answers and delays). */
export async function agir(page: Page, event: EventObject, avant: Snapshot) {
  if (event.type.startsWith('xstate.')) return;
  const action = actions[event.type];
  if (!action) throw new Error(`no browser action for the event ${event.type} (navigateur.ts)`);
  await action(page, event as never, avant);
}

const options = (t: Texte) => (typeof t === 'string' ? { name: t, exact: true } : { name: t });

/** Waits until the page shows what the expectation says (heading, dialog, fields, buttons). */
export async function verifierPage(page: Page, attendu: Attendu, timeout = 10_000) {
  const dialogues = dialogueOuvert(page);
  let portee: Page | Locator = page;
  if (attendu.dialogue) {
    const d = page
      .getByRole('alertdialog', options(attendu.dialogue))
      .or(page.getByRole('dialog', options(attendu.dialogue)));
    await d.waitFor({ timeout });
    portee = d;
  } else {
    await dialogues.first().waitFor({ state: 'detached', timeout });
  }
  if (attendu.titre) {
    await page
      .getByRole('heading', {
        level: 1,
        ...options(attendu.titre),
        includeHidden: !!attendu.dialogue,
      })
      .first()
      .waitFor({ state: attendu.dialogue ? 'attached' : 'visible', timeout });
  }
  for (const label of attendu.champs ?? []) {
    await portee
      .getByLabel(label, typeof label === 'string' ? { exact: true } : {})
      .first()
      .waitFor({ timeout });
  }
  for (const legende of attendu.groupes ?? []) {
    await portee.getByRole('group', options(legende)).first().waitFor({ timeout });
  }
  for (const nom of attendu.boutons ?? []) {
    await bouton(portee, nom).first().waitFor({ timeout });
  }
  for (const texte of attendu.textes ?? []) {
    await page.getByText(texte).first().waitFor({ timeout });
  }
}
