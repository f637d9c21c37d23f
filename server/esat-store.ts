/**
 * The Espace Esat's named queries over the store: the campaign's follow-up of a Caf (R-CA-8,
 * R-CA-6), the certificat of the campaign of each worker (R-CE-6) and a worker's history with its
 * état (R-CA-5), over the store contract: each reads through indexed selections only (the Esat's
 * certificats of one campaign, one worker's declarations), whichever the engine.
 */
import { campagne, isoToday, type IsoDate } from '../forms/calendrier.ts';
import type { Etat, SuiviEsat } from '../machines/caf.types.ts';
import type { DeclarationRecord, Store } from './store/index.ts';

/** R-CA-8 / R-CE-6: the certificat of the current campaign for a worker, once declared
 * (the UI's type is derived from the answers: machines/types.ts). */
export interface CertificatCampagne {
  id: string;
  reference?: string;
  submittedAt: string;
  etat: Etat;
}

/** One declaration of a worker's history (R-FL-4), with its état (R-CA-5). */
export interface Historique {
  id: string;
  kind: string;
  submittedAt: string;
  /** The short reference read on the phone, e.g. `CE-2026-000123`. */
  reference?: string;
  etat?: Etat;
  traiteeLe?: string | null;
}

/** R-CA-8: the date by which the Caf expects the certificats of campaign N: 15 January N+1. */
export const dateLimite = (year: number): IsoDate => `${year + 1}-01-15`;

/** R-CA-5: the état of a declaration, « à traiter » until an agent marks it. */
const etatDe = (d: DeclarationRecord) => d.etat ?? 'a-traiter';

/** R-CA-5: when it was marked « traitée » (the last such change), while it still is. */
function traiteeLe(d: DeclarationRecord): string | null {
  if (etatDe(d) !== 'traitee') return null;
  const last = [...(d.etatHistory ?? [])].reverse().find((h) => h.etat === 'traitee');
  return last?.at ?? null;
}

/** The year of the certificat campaign open on `day`, or undefined outside it (R-CE-1). */
export function campagneOuverte(day: IsoDate): number | undefined {
  const c = campagne(day);
  return c.certificatOpen ? c.year : undefined;
}

/**
 * R-CE-6 / R-CA-8: the certificat of campaign `year` of each worker of the Esat (or of these
 * workers of it only: a page of the list), by worker id.
 */
export async function certificatsDeCampagne(
  store: Store,
  { siret, year, workerIds }: { siret: string; year: number; workerIds?: readonly string[] },
): Promise<Map<string, CertificatCampagne>> {
  const byWorker = new Map<string, CertificatCampagne>();
  if (workerIds?.length === 0) return byWorker;
  const certificats = await store.find(
    'declarations',
    {
      esat: siret,
      campaignYear: year,
      kind: 'certificat',
      ...(workerIds ? { workerId: workerIds } : {}),
    },
    { orderBy: { field: 'submittedAt' } },
  );
  for (const d of certificats) {
    if (byWorker.has(d.workerId)) continue;
    byWorker.set(d.workerId, {
      id: d.id,
      ...(d.reference ? { reference: d.reference } : {}),
      submittedAt: d.submittedAt,
      etat: etatDe(d),
    });
  }
  return byWorker;
}

/**
 * R-CA-8 / R-CA-6: during the campaign, for one Caf of the Esat, how many of its workers with a
 * file `actif` are expected, how many certificats are declared, and the Caf's last reminder while
 * some are missing. Null outside the campaign.
 */
export async function suiviEsat(
  store: Store,
  { siret, caf, day }: { siret: string; caf: string; day: IsoDate },
): Promise<SuiviEsat | null> {
  const year = campagneOuverte(day);
  if (year === undefined) return null;
  const [workers, certificats, relances] = await Promise.all([
    store.find('workers', { esat: siret, caf }),
    store.find('declarations', { esat: siret, campaignYear: year, kind: 'certificat' }),
    store.find('relances', { caf, siret, year }, { orderBy: { field: 'at', direction: 'desc' } }),
  ]);
  const attendus = new Set(workers.filter((w) => w.dossier === 'actif').map((w) => w.id));
  const declaresIds = new Set<string>();
  for (const d of certificats) if (attendus.has(d.workerId)) declaresIds.add(d.workerId);
  const declares = declaresIds.size;
  const restants = attendus.size - declares;
  const derniere = relances[0];
  return {
    year,
    deadline: dateLimite(year),
    attendus: attendus.size,
    declares,
    restants,
    relance: restants > 0 && derniere ? { at: derniere.at, manquants: derniere.manquants } : null,
  };
}

/**
 * R-FL-4: a worker's declarations submitted since `since` (a Paris day), newest first, with
 * their reference and état (R-CA-5).
 */
export async function historique(
  store: Store,
  { workerId, since }: { workerId: string; since: IsoDate },
): Promise<Historique[]> {
  return (
    await store.find(
      'declarations',
      { workerId },
      { orderBy: { field: 'submittedAt', direction: 'desc' } },
    )
  )
    .filter((d) => isoToday(new Date(d.submittedAt)) >= since)
    .map((d) => ({
      id: d.id,
      kind: d.kind,
      submittedAt: d.submittedAt,
      ...(d.reference ? { reference: d.reference } : {}),
      etat: etatDe(d),
      traiteeLe: traiteeLe(d),
    }));
}
