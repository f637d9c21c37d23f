/**
 * SPEC §11 (R-ST-2), issue 13: a browser journey through two instances of the server on one
 * PostgreSQL database, behind one port that sends each request to the next instance in turn (as
 * a load balancer without sticky sessions would). The session, the CSRF token, the declaration and
 * its one accusé de réception hold whichever instance answers; after one instance is killed with
 * `kill -9`, the same browser goes on through the other without logging in again.
 */
import { createServer, request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestDatabase } from '../store/databases.ts';
import { freePort } from '../server/process.ts';
import {
  connecter,
  launchBrowser,
  outbox,
  shot,
  startServer,
  verifierAxe,
  type Running,
} from './harness.ts';
import { commencerCertificat } from './gestes.ts';

/** One port in front of the instances: each request to the next live one; a dead one is skipped. */
async function repartiteur(cibles: string[]) {
  const vivantes = new Set(cibles);
  const servies = new Map(cibles.map((c) => [c, 0]));
  let suivante = 0;
  const envoyer = (
    cible: string,
    req: import('node:http').IncomingMessage,
    corps: Buffer,
  ): Promise<import('node:http').IncomingMessage> =>
    new Promise((resolve, reject) => {
      const url = new URL(req.url ?? '/', cible);
      const amont = request(url, { method: req.method, headers: req.headers }, resolve);
      amont.on('error', reject);
      amont.end(corps);
    });
  const server: Server = createServer(async (req, res) => {
    const morceaux: Buffer[] = [];
    for await (const m of req) morceaux.push(m as Buffer);
    const corps = Buffer.concat(morceaux);
    for (let essai = 0; essai < cibles.length; essai++) {
      const ordre = [...vivantes];
      if (ordre.length === 0) break;
      const cible = ordre[suivante++ % ordre.length];
      try {
        const reponse = await envoyer(cible, req, corps);
        servies.set(cible, servies.get(cible)! + 1);
        res.writeHead(reponse.statusCode ?? 502, reponse.headers);
        reponse.pipe(res);
        return;
      } catch {
        vivantes.delete(cible); // refused: the instance is down, the other one is tried
      }
    }
    res.writeHead(502).end();
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${port}`,
    servies,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

describe('two instances on one PostgreSQL database, behind one port', () => {
  let base: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: Running;
  let b: Running;
  let lb: Awaited<ReturnType<typeof repartiteur>>;
  let browser: Browser;
  let page: Page;
  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });

  beforeAll(async () => {
    base = await createTestDatabase();
    const env = { ESAT_DATABASE_URL: base.url };
    // Two processes, as two instances run (and one is killed below); the first creates the
    // schema and the world, the second finds them.
    a = await startServer(env, { processus: true });
    [b, browser] = await Promise.all([startServer(env, { processus: true }), launchBrowser()]);
    lb = await repartiteur([a.url, b.url]);
    page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await lb?.close();
    await a?.stop();
    await b?.stop();
    await base?.drop();
  });

  it('logs in, declares a certificat and sees it, each request answered by either instance', async () => {
    await connecter(page, lb.url, 'claire.martin@ateliers-canal.test', 'Canal-Essai-2026!');
    await heading('Espace Esat').waitFor();

    await page.getByRole('button', { name: 'Mes travailleurs' }).click();
    await heading('Mes travailleurs').waitFor();
    await commencerCertificat(page, /LEFÈVRE Anne/);
    await page
      .getByLabel("Nombre de mois de perception de la rémunération garantie sur l'année")
      .fill('12');
    await page.getByLabel('Montant net de la rémunération garantie (novembre)').fill('1 234,56');
    await page.getByLabel("Montant net de l'aide au poste (novembre)").fill('700');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('Vérifiez les informations saisies').waitFor();
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('Votre déclaration a bien été enregistrée').waitFor();
    await page
      .getByText(/CE-2026-\d{6}/)
      .first()
      .waitFor();
    await shot(page, 'instances-fin');
    await verifierAxe(page, 'fin (deux instances)');

    // Both instances served the journey (login, CSRF-checked writes, reads).
    expect(lb.servies.get(a.url)).toBeGreaterThan(3);
    expect(lb.servies.get(b.url)).toBeGreaterThan(3);
    // The browser's session works on each instance directly, and both see the certificat.
    const cookie = (await page.context().cookies()).find((c) => c.name === 'esat_session')!;
    for (const instance of [a, b]) {
      const r = await fetch(`${instance.url}/api/workers?q=lefevre`, {
        headers: { Cookie: `esat_session=${cookie.value}` },
      });
      expect(r.status).toBe(200);
      const { items } = (await r.json()) as { items: { nom: string; certificat?: unknown }[] };
      expect(items.find((w) => w.nom === 'LEFÈVRE')?.certificat).toMatchObject({
        reference: expect.stringMatching(/^CE-2026-\d{6}$/),
      });
    }
    // One accusé de réception, written by the instance that recorded it.
    const accuses = [...outbox(a.dataDir), ...outbox(b.dataDir)].filter(
      (m) => m.to === 'claire.martin@ateliers-canal.test' && /Accusé/i.test(m.subject),
    );
    expect(accuses).toHaveLength(1);
  }, 120_000);

  it('after kill -9 of one instance, the same browser goes on through the other', async () => {
    await a.crash();
    await page.reload();
    // Still logged in (the session is in the database), on the same screen.
    await page
      .getByText('Votre déclaration a bien été enregistrée')
      .or(heading(/.+/))
      .first()
      .waitFor();
    expect(await heading("Bienvenue sur l'Espace Esat").count()).toBe(0);
    await page.getByRole('button', { name: 'Mes travailleurs' }).first().click();
    await heading('Mes travailleurs').waitFor();
    await page
      .getByText(/Certificat déclaré le/)
      .first()
      .waitFor();
    await shot(page, 'instances-apres-arret');
    const servies = lb.servies.get(b.url)!;
    await page.getByRole('button', { name: /BENALI Karim/ }).click();
    expect(lb.servies.get(b.url)!).toBeGreaterThanOrEqual(servies);
  }, 120_000);
});
