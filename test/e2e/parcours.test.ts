/**
 * The main journeys in Chromium, GENERATED from the portal and declaration machines
 * (test/model/modeles.ts, in the world of test/e2e/world.json): each event of the path is the
 * user's action (test/model/navigateur.ts), and after each step where the user has the hand the
 * page must show what test/model/attendus.ts says — the same table the jsdom model tests check.
 * A change of the machines changes these paths; a screen that no longer matches fails here.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { AnyMachineSnapshot, EventObject } from 'xstate';
import { launchBrowser, shot, startServer, type Running } from './harness.ts';
import { PORTAIL } from '../model/attendus.ts';
import { attenduPour } from '../model/ecran.ts';
import { decrireChemin, type Snapshot } from '../model/generateur.ts';
import {
  cheminDeclaration,
  enAttente,
  enfant,
  inputDe,
  parcoursNavigateur,
} from '../model/modeles.ts';
import { mondeE2e } from '../model/mondes.ts';
import { agir, verifierPage } from '../model/navigateur.ts';
import type { IssueDeclaration } from '../model/portail.modele.ts';

const AUJOURD_HUI = '2026-12-02';
const parcours = parcoursNavigateur(mondeE2e(AUJOURD_HUI));

/** The user has the hand: no call to the server, no delay under way. */
const stable = (s: Snapshot) =>
  !s._nodes.some((n: { invoke: unknown[]; after: unknown[] }) => n.invoke.length || n.after.length);

async function verifier(page: Page, table: 'portail' | 'declaration', s: Snapshot, ou: string) {
  const attendu = attenduPour(table, s);
  if (attendu === PORTAIL) return;
  try {
    await verifierPage(page, attendu);
  } catch (error) {
    await shot(page, `parcours-echec`);
    throw new Error(
      `${ou}: the page does not show ${JSON.stringify(attendu, (_, v) => (v instanceof RegExp ? String(v) : v))}\n${(error as Error).message}`,
    );
  }
}

describe.each(parcours)('generated journey in Chromium: $nom', ({ nom, chemin, declaration }) => {
  let server: Running;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer({ ESAT_TODAY: AUJOURD_HUI });
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(decrireChemin(chemin), async () => {
    await page.goto(server.url);
    for (let i = 1; i < chemin.steps.length; i++) {
      const avant = chemin.steps[i - 1].state;
      const { event, state } = chemin.steps[i];
      const ou = `${nom}, step ${i} (${event.type})`;
      if (event.type === 'xstate.done.actor.declaration') {
        // The declaration child: its own generated path to the same ending, step by step.
        const issue = (event as EventObject & { output: { issue: IssueDeclaration } }).output.issue;
        const child = enfant(avant as AnyMachineSnapshot)!.getSnapshot() as Snapshot;
        const sous = cheminDeclaration(inputDe(child), issue, declaration);
        for (let j = 1; j < sous.steps.length; j++) {
          await agir(page, sous.steps[j].event, sous.steps[j - 1].state);
          if (stable(sous.steps[j].state))
            await verifier(
              page,
              'declaration',
              sous.steps[j].state,
              `${ou}, declaration step ${j} (${sous.steps[j].event.type})`,
            );
        }
      } else {
        await agir(page, event, avant);
      }
      if (!enAttente(state)) await verifier(page, 'portail', state, ou);
    }
    await shot(page, `parcours-${nom.split(' ')[0]}`);
  });
});
