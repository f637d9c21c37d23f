/**
 * An invented world at the scale of SPEC §11.6, built as records in a few seconds and the same at
 * every run (seeded generator): `national` is 101 Caf, 1 400 Esat, 120 000 workers and two
 * campaigns of history (certificats of 2024 and 2025 for almost every worker, plus changements),
 * ≈ 250 000 declarations; `oneCaf` is one Caf's world of §11.1 (5 000 workers, two years). Every
 * user has the same password, hashed once (argon2 is slow on purpose). Today is 2 December 2026:
 * the 2026 campaign is open and empty, so that every worker can take a new certificat.
 */
import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import {
  emptyData,
  type Data,
  type DeclarationRecord,
  type EsatRecord,
  type UserRecord,
  type WorkerRecord,
} from '../server/store/index.ts';

export const TODAY = '2026-12-02';
export const PASSWORD = 'Bench-Esat-2026!';

/** A small deterministic generator (mulberry32): the same world at every run. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOMS = ['MARTIN', 'BERNARD', 'LEFÈVRE', 'DUBOIS', 'THOMAS', 'ROBERT', 'PETIT', 'DURAND'];
const NOMS2 = ['LEROY', 'MOREAU', 'SIMON', 'GUÉRIN', 'FRANÇOIS', 'NGUYEN', 'DIALLO', 'CHÂTELAIN'];
const PRENOMS = ['Anne', 'Karim', 'Chloé', 'Loïc', 'Maëlle', 'Mamadou', 'Inès', 'João', 'Zoé'];

export interface WorldShape {
  cafs: number;
  esats: number;
  workers: number;
  /** The campaigns of history (each: a certificat for ~95 % of the workers). */
  campaigns: number[];
  /** Changements de situation per worker, on average, over the history. */
  changements: number;
}

export const NATIONAL: WorldShape = {
  cafs: 101,
  esats: 1_400,
  workers: 120_000,
  campaigns: [2024, 2025],
  changements: 0.1,
};
export const ONE_CAF: WorldShape = {
  cafs: 1,
  esats: 20,
  workers: 5_000,
  campaigns: [2024, 2025],
  changements: 0.3,
};

export interface GeneratedWorld {
  data: Data;
  /** One declarant per Esat (same index as data.esats). */
  declarants: string[];
  /** One agent per Caf, by Caf code. */
  agents: Map<string, string>;
  /** The Caf with the most workers. */
  largestCaf: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Builds the world of `shape`: Esat sizes vary (a few large ones), so do the Caf's. */
export async function generateWorld(shape: WorldShape, seed = 20261202): Promise<GeneratedWorld> {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const passwordHash = await hash(PASSWORD);
  const at = `${TODAY}T08:00:00.000Z`;
  const cafCodes = Array.from({ length: shape.cafs }, (_, i) =>
    shape.cafs === 1 ? '751' : pad(i + 1, 3),
  );
  const data = emptyData();
  data.cafs = cafCodes.map((code) => ({ code, name: `Caf ${code}` }));
  // Esat sizes: weights from a long-tailed draw, scaled to the number of workers.
  const weights = Array.from({ length: shape.esats }, () => 0.2 + random() ** 3 * 4);
  const total = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(1, Math.round((w / total) * shape.workers)));
  const esats: EsatRecord[] = [];
  const declarants: string[] = [];
  const users: UserRecord[] = [];
  const agents = new Map<string, string>();
  for (const caf of cafCodes) {
    const email = `agent@caf-${caf}.bench.test`;
    agents.set(caf, email);
    users.push({
      email,
      passwordHash,
      role: 'agent',
      caf,
      provisional: false,
      cguAccepted: true,
      passwordChangedAt: at,
    });
  }
  for (let i = 0; i < shape.esats; i++) {
    // A Caf's Esat are contiguous, with a skew so that one Caf is clearly the largest.
    const caf =
      cafCodes[
        Math.min(cafCodes.length - 1, Math.floor((i / shape.esats) ** 1.15 * cafCodes.length))
      ];
    const siret = `${pad(10_000_000 + i, 9)}${pad(i % 100_000, 5)}`;
    esats.push({
      siret,
      name: `Esat ${pick(NOMS2)} n° ${i + 1}`,
      address: `${1 + (i % 90)} rue des Ateliers, ${caf}00 Ville`,
      cafs: [caf],
      communicationIds: { [caf]: pad(i, 11) },
    });
    const email = `declarant@esat-${i + 1}.bench.test`;
    declarants.push(email);
    users.push({
      email,
      passwordHash,
      role: 'declarant',
      esat: siret,
      provisional: false,
      cguAccepted: true,
      passwordChangedAt: at,
    });
  }
  const workers: WorkerRecord[] = [];
  const perCaf = new Map<string, number>();
  let n = 0;
  esats.forEach((e, i) => {
    for (let k = 0; k < sizes[i] && n < shape.workers; k++, n++) {
      const caf = e.cafs[0];
      perCaf.set(caf, (perCaf.get(caf) ?? 0) + 1);
      workers.push({
        id: randomUUID(),
        numeroAllocataire: pad(n + 1, 7),
        caf,
        esat: e.siret,
        nom: `${pick(NOMS)}${random() < 0.3 ? `-${pick(NOMS2)}` : ''}`,
        prenom: pick(PRENOMS),
        dateNaissance: `${1965 + Math.floor(random() * 38)}-${pad(1 + Math.floor(random() * 12), 2)}-${pad(1 + Math.floor(random() * 28), 2)}`,
        dossier: random() < 0.97 ? 'actif' : 'radie',
        tauxActivite: pick([100, 80, 60, 50]),
      });
    }
  });
  const declarations: DeclarationRecord[] = [];
  const userOf = new Map(esats.map((e, i) => [e.siret, declarants[i]]));
  const sequence = new Map<string, number>();
  const reference = (prefix: string) => {
    const next = (sequence.get(prefix) ?? 0) + 1;
    sequence.set(prefix, next);
    return `${prefix}-${pad(next, 6)}`;
  };
  for (const year of shape.campaigns) {
    const start = Date.UTC(year, 11, 1, 8);
    for (const w of workers) {
      if (random() > 0.95) continue;
      const submittedAt = new Date(start + random() * 80 * 86_400_000).toISOString();
      declarations.push({
        id: randomUUID(),
        kind: 'certificat',
        workerId: w.id,
        esat: w.esat,
        caf: w.caf,
        userEmail: userOf.get(w.esat)!,
        data: {
          moisRemunerationGarantie: 12,
          remunerationGarantie: 1000 + Math.round(random() * 400),
          aideAuPoste: 600 + Math.round(random() * 200),
        },
        campaignYear: year,
        submittedAt,
        reference: reference(`CE-${year}`),
        etat: 'traitee',
      });
    }
  }
  const first = Date.UTC(shape.campaigns[0], 11, 1);
  const span = Date.parse(`${TODAY}T00:00:00Z`) - 86_400_000 - first;
  for (let i = 0; i < Math.round(shape.changements * workers.length); i++) {
    const w = pick(workers);
    const submittedAt = new Date(first + random() * span).toISOString();
    declarations.push({
      id: randomUUID(),
      kind: 'reduction',
      workerId: w.id,
      esat: w.esat,
      caf: w.caf,
      userEmail: userOf.get(w.esat)!,
      data: {
        dateEffet: submittedAt.slice(0, 10),
        tauxAvant: 80,
        tauxApres: 50,
        remunerationGarantie: 900,
        aideAuPoste: 400,
      },
      submittedAt,
      reference: reference(`CS-${submittedAt.slice(0, 4)}`),
    });
  }
  data.esats = esats;
  data.users = users;
  data.workers = workers;
  data.declarations = declarations.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  const largestCaf = [...perCaf].sort((a, b) => b[1] - a[1])[0][0];
  return { data, declarants, agents, largestCaf };
}
