/**
 * R-API-2, example client of a payroll software: declares one certificat d'emploi with an API
 * token of the Esat (README « Déclarer depuis votre logiciel de paie »).
 *
 *   ESAT_URL=https://esat.example.org ESAT_TOKEN=esat_… npx tsx scripts/exemple-paie.ts \
 *     --allocataire 1234567 --mois 12 --remuneration 1234.56 --aide 700
 *
 * The worker is found by its numéro d'allocataire; the Idempotency-Key is derived from it and the
 * campaign, so that running the script again gives the same certificat, never a second one.
 * Prints the reference of the accusé de réception; exits 1 with the server's French message.
 */
import { parseArgs } from 'node:util';

/** The contract's error shape. */
interface Erreur {
  error: { code: string; message: string; fields?: { path: string; message: string }[] };
}
interface Travailleur {
  id: string;
  nom: string;
  prenom: string;
  numeroAllocataire: string;
}
interface Accuse {
  id: string;
  reference: string;
  kind: string;
  workerId: string;
  submittedAt: string;
}

const { values } = parseArgs({
  options: {
    allocataire: { type: 'string' },
    mois: { type: 'string' },
    remuneration: { type: 'string' },
    aide: { type: 'string' },
  },
});
const url = process.env.ESAT_URL ?? 'http://localhost:3000';
const token = process.env.ESAT_TOKEN;
if (!token || !values.allocataire || !values.mois || !values.remuneration || !values.aide) {
  console.error(
    'Usage : ESAT_URL=… ESAT_TOKEN=esat_… tsx scripts/exemple-paie.ts --allocataire N --mois 12 --remuneration 1234.56 --aide 700',
  );
  process.exit(2);
}

/** One call with the token: no cookie, no CSRF token. */
async function api<T>(method: string, path: string, body?: unknown, headers = {}): Promise<T> {
  const response = await fetch(new URL(path, url), {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as T | Erreur;
  if (!response.ok) {
    const { error } = json as Erreur;
    const details = error.fields?.map((f) => `\n  ${f.path} : ${f.message}`).join('') ?? '';
    throw new Error(`${response.status} ${error.code} : ${error.message}${details}`);
  }
  return json as T;
}

/** The campaign of a day: December N to February N+1 is campaign N (R-CE-1). */
const campagne = (d: Date) => (d.getMonth() < 6 ? d.getFullYear() - 1 : d.getFullYear());

try {
  const page = await api<{ items: Travailleur[] }>(
    'GET',
    `/api/workers?q=${encodeURIComponent(values.allocataire)}`,
  );
  const travailleur = page.items.find((w) => w.numeroAllocataire === values.allocataire);
  if (!travailleur) throw new Error(`Aucun travailleur n°${values.allocataire} dans votre Esat.`);
  const accuse = await api<Accuse>(
    'POST',
    '/api/declarations',
    {
      workerId: travailleur.id,
      kind: 'certificat',
      data: {
        moisRemunerationGarantie: Number(values.mois),
        remunerationGarantie: Number(values.remuneration),
        aideAuPoste: Number(values.aide),
      },
    },
    // The same certificat sent again (a retry) gets the first answer (R-FL-6).
    { 'Idempotency-Key': `certificat-${travailleur.id}-${campagne(new Date())}` },
  );
  console.log(
    `Certificat enregistré pour ${travailleur.prenom} ${travailleur.nom} : référence ${accuse.reference}`,
  );
} catch (e) {
  console.error(`Refusé : ${(e as Error).message}`);
  process.exit(1);
}
