/**
 * R-ST-4: the mail that tells of a record — the accusé of a declaration, the relance of an Esat
 * (R-CA-6) — is written in the outbox with it; a mail server that refuses it loses nothing: the
 * row waits (1, 2, 4… minutes on the simulated clock) and any sender delivers it once.
 */
import { describe, expect, it } from 'vitest';
import { createOutboxSender } from '../../server/outbox.ts';
import type { Mail, Mailer } from '../../server/mail.ts';
import { AGENT_92, call, lire, ready, VILLETTE, worker } from './helpers.ts';
import { cafSetup } from './caf-setup.ts';

/** A mail server that refuses while `down`, and keeps what it accepted. */
function serveur() {
  const recus: Mail[] = [];
  const etat = { down: true };
  const mailer: Mailer = {
    async send(mail) {
      if (etat.down) throw new Error('SMTP indisponible');
      recus.push(mail);
    },
  };
  return { recus, etat, mailer };
}

async function monde() {
  let t = Date.parse('2026-12-10T10:15:00Z');
  const clock = () => t;
  const smtp = serveur();
  const s = await cafSetup({ day: '2026-12-10', mailer: smtp.mailer, clock });
  const attendre = (ms: number) => (t += ms);
  // The sender another instance would run, over the same store and mail server.
  const autre = createOutboxSender({
    store: s.store,
    mailer: smtp.mailer,
    clock,
    logError: () => {},
  });
  return { s, smtp, attendre, autre };
}

const aEnvoyer = async (s: Awaited<ReturnType<typeof cafSetup>>) =>
  (await lire(s.store)).outbox.filter((m) => m.status === 'a-envoyer');

describe('the outbox (R-ST-4)', () => {
  it('an accusé refused by the mail server waits, then goes out once, with a growing delay', async () => {
    const { s, smtp, attendre, autre } = await monde();
    const cookie = await ready(s.app, VILLETTE.declarant);
    const r = await call(s.app, 'POST', '/api/declarations', {
      cookie,
      body: {
        workerId: worker(s.data, 'BENALI', 'Karim').id,
        kind: 'certificat',
        data: { moisRemunerationGarantie: 12, remunerationGarantie: 1234.56, aideAuPoste: 700 },
      },
    });
    expect(r.status).toBe(201);
    await expect.poll(async () => (await aEnvoyer(s))[0]?.attempts).toBe(1);
    const [row] = await aEnvoyer(s);
    expect(row.subject).toMatch(/Accusé de réception/);
    expect(await autre.sendPending()).toBe(0); // not yet due (1 minute)
    attendre(60_000);
    expect(await autre.sendPending()).toBe(0); // due, still refused: next try in 2 minutes
    expect((await aEnvoyer(s))[0].attempts).toBe(2);
    smtp.etat.down = false;
    attendre(60_000);
    expect(await autre.sendPending()).toBe(0);
    attendre(60_000);
    expect(await autre.sendPending()).toBe(1);
    expect(await autre.sendPending()).toBe(0);
    expect(smtp.recus.map((m) => m.subject)).toEqual([row.subject]);
    expect(await aEnvoyer(s)).toEqual([]);
  });

  it('a relance is recorded with its mail; the mail server down, it goes out later, once per Esat', async () => {
    const { s, smtp, attendre, autre } = await monde();
    const cookie = await ready(s.app, AGENT_92);
    const sent = await call(s.app, 'POST', '/api/caf/relances', {
      cookie,
      body: { year: 2026, esats: 'retard' },
    });
    expect(sent.status).toBe(200);
    const esats = sent.json.sent.length;
    expect(esats).toBeGreaterThan(1);
    expect((await lire(s.store)).relances).toHaveLength(esats);
    await expect
      .poll(async () => (await aEnvoyer(s)).filter((m) => m.attempts === 1).length)
      .toBe(esats);
    expect(smtp.recus).toEqual([]);
    smtp.etat.down = false;
    attendre(60_000);
    expect(await autre.sendPending()).toBe(esats);
    expect(smtp.recus.every((m) => m.subject.startsWith("Certificats d'emploi 2026"))).toBe(true);
    expect(new Set(smtp.recus.map((m) => m.text)).size).toBe(esats);
    expect(await autre.sendPending()).toBe(0);
  });

  it('a mail server that answers: the relance leaves at once, marked sent', async () => {
    const { s, smtp } = await monde();
    smtp.etat.down = false;
    const cookie = await ready(s.app, AGENT_92);
    const sent = await call(s.app, 'POST', '/api/caf/relances', {
      cookie,
      body: { year: 2026, esats: 'retard' },
    });
    expect(sent.status).toBe(200);
    await expect
      .poll(async () => (await lire(s.store)).outbox.filter((m) => m.status === 'envoye').length)
      .toBe(sent.json.sent.length);
    expect(smtp.recus).toHaveLength(sent.json.sent.length);
  });
});
