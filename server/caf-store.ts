/**
 * The Caf's side as store operations (SPEC §10): the campaign per Esat and its daily curve
 * (R-CA-1), the fiche Esat (R-CA-2), the filtered lists (R-CA-3), the exports (R-CA-4), the
 * états (R-CA-5), the reminders (R-CA-6) and the access of the Esat (R-CA-7). Every function is
 * async and takes the Store: written once over the store contract, each reads one Caf's (or one
 * Esat's) records by indexed selections, the same on the file and on PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { campagne, isoToday } from '../forms/calendrier.ts';
import type { DeclarationKind } from '../forms/index.ts';
import type {
  Etat,
  FiltreDeclarations,
  LigneCampagne,
  PointJournalier,
  Relance,
} from '../machines/caf.types.ts';
import type { Mail } from './mail.ts';
import { deposer } from './outbox.ts';
import {
  UniqueViolation,
  type DeclarationRecord,
  type EsatRecord,
  type ExportRecord,
  type OutboxRecord,
  type RelanceRecord,
  type Store,
  type UserRecord,
  type WorkerRecord,
  alphabetique,
  sansAccents,
} from './store/index.ts';

/** R-CA-1: the deadline of the campaign of year N, 15 January N+1 (one owner: esat-store.ts). */
export { dateLimite } from './esat-store.ts';

const heureDeParis = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  hour: '2-digit',
  hourCycle: 'h23',
});
/** Paris is a whole number of hours from UTC: one Intl call per UTC hour, not per declaration
 * (16 µs each made the day and time of 20 000 declarations cost 0.6 s). */
const parParis = new Map<string, { jour: string; heure: string }>();
function paris(iso: string) {
  const canonical = iso.length === 24 && iso.endsWith('Z');
  const key = canonical ? iso.slice(0, 13) : iso;
  let known = parParis.get(key);
  if (!known) {
    const at = new Date(iso);
    known = { jour: isoToday(at), heure: heureDeParis.format(at) };
    if (parParis.size > 100_000) parParis.clear();
    if (canonical) parParis.set(key, known);
  }
  return known;
}

/** The Paris day of an instant, as the Caf counts days. */
export const jourParis = (iso: string) => paris(iso).jour;

/** The Paris time of an instant, `HH:MM`. */
export const heureParis = (iso: string) =>
  `${paris(iso).heure}:${new Date(iso).toISOString().slice(14, 16)}`;

/** A declaration's état (absent means « à traiter »). */
export const etatOf = (d: DeclarationRecord): Etat => d.etat ?? 'a-traiter';

/** Lowercase without accents, for the search on a name. */
const plat = sansAccents;

/** What one Caf's pages need of the store, read by indexed selections for one request. */
interface VueCaf {
  caf: string;
  /** Its Esat: those attached to it (`esat.cafs`) and those of its workers. */
  esats: Map<string, EsatRecord>;
  /** siret → its workers of this Caf, alphabetical. */
  workersOf: Map<string, WorkerRecord[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const parNom = (a: WorkerRecord, b: WorkerRecord) =>
  alphabetique.compare(a.nom, b.nom) || alphabetique.compare(a.prenom, b.prenom);

/** The Caf's Esat and workers, for one request. */
async function vueCaf(store: Store, caf: string): Promise<VueCaf> {
  const [workers, attachees] = await Promise.all([
    store.find('workers', { caf }),
    store.find('esats', { cafs: caf }),
  ]);
  const esats = new Map(attachees.map((e) => [e.siret, e]));
  const workersOf = new Map<string, WorkerRecord[]>();
  for (const w of workers) push(workersOf, w.esat, w);
  for (const list of workersOf.values()) list.sort(parNom);
  const ailleurs = [...workersOf.keys()].filter((siret) => !esats.has(siret));
  if (ailleurs.length > 0) {
    for (const e of await store.find('esats', { siret: ailleurs })) esats.set(e.siret, e);
  }
  return { caf, esats, workersOf };
}

/** An Esat of this Caf, or undefined (another Caf's Esat is unknown to its agents). */
export async function esatDeLaCaf(store: Store, caf: string, siret: string) {
  const esat = await store.get('esats', siret);
  if (!esat) return undefined;
  if (esat.cafs.includes(caf)) return esat;
  return (await store.count('workers', { esat: siret, caf })) > 0 ? esat : undefined;
}

/** R-CE-6: the first certificat of the campaign of each worker of this Caf, by worker id. */
async function certificatsCaf(store: Store, caf: string, year: number) {
  const certificats = new Map<string, DeclarationRecord>();
  const list = await store.find(
    'declarations',
    { caf, campaignYear: year, kind: 'certificat' },
    { orderBy: { field: 'submittedAt' } },
  );
  for (const d of list) if (!certificats.has(d.workerId)) certificats.set(d.workerId, d);
  return certificats;
}

/** R-CA-1: workers of this Caf at this Esat whose file is `actif`. */
const attendusDe = (vue: VueCaf, siret: string) =>
  (vue.workersOf.get(siret) ?? []).filter((w) => w.dossier === 'actif');

/** R-CA-1: the table and the curve of one campaign. */
async function calculCampagne(store: Store, caf: string, year: number) {
  const [vue, certificats, relances] = await Promise.all([
    vueCaf(store, caf),
    certificatsCaf(store, caf, year),
    store.find('relances', { caf, year }, { orderBy: { field: 'at', direction: 'desc' } }),
  ]);
  const derniere = new Map<string, string>();
  for (const r of relances) if (!derniere.has(r.siret)) derniere.set(r.siret, r.at);
  const jours = new Map<string, number>();
  const lignes: LigneCampagne[] = [...vue.esats.keys()].map((siret) => {
    const attendus = attendusDe(vue, siret);
    let recus = 0;
    let dernierRecu: string | null = null;
    for (const w of attendus) {
      const certificat = certificats.get(w.id);
      if (!certificat) continue;
      recus++;
      if (!dernierRecu || certificat.submittedAt > dernierRecu)
        dernierRecu = certificat.submittedAt;
      const jour = jourParis(certificat.submittedAt);
      jours.set(jour, (jours.get(jour) ?? 0) + 1);
    }
    return {
      siret,
      name: vue.esats.get(siret)?.name ?? siret,
      attendus: attendus.length,
      recus,
      manquants: Math.max(0, attendus.length - recus),
      dernierRecu,
      derniereRelance: derniere.get(siret) ?? null,
    };
  });
  let cumul = 0;
  const daily = [...jours.keys()]
    .sort()
    .map((date) => ({ date, recus: (cumul += jours.get(date)!) }));
  return { lignes, daily, vue, certificats };
}

/** The sorts of the campaign table (R-CA-1); `part` (least done first) is the default. */
export const trisCampagne = ['part', '-part', 'nom', 'manquants', '-manquants'] as const;
export type TriCampagne = (typeof trisCampagne)[number];

const part = (l: LigneCampagne) => (l.attendus === 0 ? 1 : l.recus / l.attendus);

/** R-CA-1: totals of the campaign and one page of Esat, filtered by name or SIRET and sorted. */
export async function campagneCaf(
  store: Store,
  caf: string,
  year: number,
  options: { q?: string; sort?: TriCampagne; page: number; pageSize: number },
) {
  const { lignes } = await calculCampagne(store, caf, year);
  const totals = lignes.reduce(
    (t, l) => ({
      esats: t.esats + 1,
      attendus: t.attendus + l.attendus,
      recus: t.recus + l.recus,
      manquants: t.manquants + l.manquants,
    }),
    { esats: 0, attendus: 0, recus: 0, manquants: 0 },
  );
  const words = plat(options.q ?? '')
    .split(/\s+/)
    .filter(Boolean);
  const byName = (a: LigneCampagne, b: LigneCampagne) =>
    alphabetique.compare(a.name, b.name) || a.siret.localeCompare(b.siret);
  const compare: Record<TriCampagne, (a: LigneCampagne, b: LigneCampagne) => number> = {
    part: (a, b) => part(a) - part(b) || byName(a, b),
    '-part': (a, b) => part(b) - part(a) || byName(a, b),
    nom: byName,
    manquants: (a, b) => a.manquants - b.manquants || byName(a, b),
    '-manquants': (a, b) => b.manquants - a.manquants || byName(a, b),
  };
  const matches = lignes
    .filter((l) => {
      const hay = `${plat(l.name)} ${l.siret}`;
      return words.every((w) => hay.includes(w));
    })
    .sort(compare[options.sort ?? 'part']);
  const { page, pageSize } = options;
  return {
    totals,
    items: matches.slice((page - 1) * pageSize, page * pageSize),
    total: matches.length,
  };
}

/** R-CA-1: certificats received per Paris day, cumulated, one point per day with a receipt. */
export async function courbeCertificats(
  store: Store,
  caf: string,
  year: number,
): Promise<PointJournalier[]> {
  return (await calculCampagne(store, caf, year)).daily;
}

/** The lines of one Esat in the campaign table (for the reminders and the fiche). */
export async function ligneCampagne(store: Store, caf: string, year: number, siret: string) {
  return (await calculCampagne(store, caf, year)).lignes.find((l) => l.siret === siret);
}

/** The user of an Esat as an agent sees it (R-CA-2, R-CA-7). */
export const utilisateurVu = (u: UserRecord) => ({
  email: u.email,
  role: u.role as 'declarant' | 'referent',
  active: u.active !== false,
  provisional: u.provisional,
  lastLoginAt: u.lastLoginAt ?? null,
});

/** The workers and Esat a list of declarations names, fetched by their keys. */
async function nommes(store: Store, declarations: readonly DeclarationRecord[]) {
  const workerIds = [...new Set(declarations.map((d) => d.workerId))];
  const sirets = [...new Set(declarations.map((d) => d.esat))];
  const [workers, esats] = await Promise.all([
    workerIds.length ? store.find('workers', { id: workerIds }) : [],
    sirets.length ? store.find('esats', { siret: sirets }) : [],
  ]);
  return {
    workers: new Map(workers.map((w) => [w.id, w])),
    esats: new Map(esats.map((e) => [e.siret, e])),
  };
}
type Nommes = Awaited<ReturnType<typeof nommes>>;

/** A declaration in a list (R-CA-3). */
function recue(noms: Nommes, d: DeclarationRecord) {
  const w = noms.workers.get(d.workerId);
  return {
    id: d.id,
    ...(d.reference ? { reference: d.reference } : {}),
    kind: d.kind,
    submittedAt: d.submittedAt,
    etat: etatOf(d),
    worker: {
      numeroAllocataire: w?.numeroAllocataire ?? '',
      nom: w?.nom ?? '',
      prenom: w?.prenom ?? '',
    },
    esat: { siret: d.esat, name: noms.esats.get(d.esat)?.name ?? d.esat },
  };
}

const relanceVue = (r: RelanceRecord): Relance => ({
  siret: r.siret,
  year: r.year,
  at: r.at,
  by: r.by,
  manquants: r.manquants,
});

/**
 * R-CA-2: the fiche of an Esat of this Caf for a campaign — identity, users, its workers of this
 * Caf with their certificat, the changements received since `depuis` (a Paris day), the
 * reminders. Undefined for another Caf's Esat.
 */
export async function ficheEsatCaf(
  store: Store,
  caf: string,
  siret: string,
  year: number,
  depuis: string,
) {
  const esat = await esatDeLaCaf(store, caf, siret);
  if (!esat) return undefined;
  const [users, workers, certificats, declarations, relances] = await Promise.all([
    store.find('users', { esat: siret }),
    store.find('workers', { esat: siret, caf }),
    store.find('declarations', { esat: siret, caf, campaignYear: year, kind: 'certificat' }),
    store.find(
      'declarations',
      { esat: siret, caf },
      { orderBy: { field: 'submittedAt', direction: 'desc' } },
    ),
    store.find('relances', { caf, siret, year }, { orderBy: { field: 'at', direction: 'desc' } }),
  ]);
  const premier = new Map<string, DeclarationRecord>();
  for (const c of [...certificats].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))) {
    if (!premier.has(c.workerId)) premier.set(c.workerId, c);
  }
  const changements = declarations.filter(
    (d) => d.kind !== 'certificat' && jourParis(d.submittedAt) >= depuis,
  );
  const noms = { workers: new Map(workers.map((w) => [w.id, w])), esats: new Map([[siret, esat]]) };
  return {
    esat: { siret: esat.siret, name: esat.name, address: esat.address },
    year,
    users: users
      .filter((u) => u.role !== 'agent')
      .sort((a, b) => a.email.localeCompare(b.email))
      .map(utilisateurVu),
    workers: workers.sort(parNom).map((w) => {
      const c = premier.get(w.id);
      return {
        id: w.id,
        numeroAllocataire: w.numeroAllocataire,
        nom: w.nom,
        prenom: w.prenom,
        dateNaissance: w.dateNaissance,
        dossier: w.dossier,
        certificat: c ? { id: c.id, submittedAt: c.submittedAt, etat: etatOf(c) } : null,
      };
    }),
    changements: changements.map((d) => recue(noms, d)),
    relances: relances.map(relanceVue),
  };
}

/** Whether a declaration passes the filter's conditions that the store does not select on. */
function garde(filtre: FiltreDeclarations) {
  return (d: DeclarationRecord) => {
    if (filtre.etat && etatOf(d) !== filtre.etat) return false;
    if (filtre.from || filtre.to) {
      const jour = jourParis(d.submittedAt);
      if (filtre.from && jour < filtre.from) return false;
      if (filtre.to && jour > filtre.to) return false;
    }
    return true;
  };
}

/** The store's selection of a filter: the Caf, and the kind and Esat when given. */
const selection = (caf: string, filtre: FiltreDeclarations) => ({
  caf,
  ...(filtre.kind ? { kind: filtre.kind } : {}),
  ...(filtre.esat ? { esat: filtre.esat } : {}),
});
const plusRecentes = { orderBy: { field: 'submittedAt', direction: 'desc' } } as const;

/** The declarations of this Caf that pass the filter (R-CA-3/4), newest first. */
async function filtrer(store: Store, caf: string, filtre: FiltreDeclarations) {
  return (await store.find('declarations', selection(caf, filtre), plusRecentes)).filter(
    garde(filtre),
  );
}

/** R-CA-3: one page of the declarations of this Caf that pass the filter, newest first. */
export async function declarationsCaf(
  store: Store,
  caf: string,
  filtre: FiltreDeclarations,
  { page, pageSize }: { page: number; pageSize: number },
) {
  let items: DeclarationRecord[];
  let total: number;
  if (!filtre.etat && !filtre.from && !filtre.to) {
    // Only selected fields: the store cuts the page and counts (no whole history read).
    const where = selection(caf, filtre);
    [items, total] = await Promise.all([
      store.find('declarations', where, {
        ...plusRecentes,
        offset: (page - 1) * pageSize,
        limit: pageSize,
      }),
      store.count('declarations', where),
    ]);
  } else {
    const matches = await filtrer(store, caf, filtre);
    items = matches.slice((page - 1) * pageSize, page * pageSize);
    total = matches.length;
  }
  const noms = await nommes(store, items);
  return { items: items.map((d) => recue(noms, d)), total, page, pageSize };
}

/** The record of a declaration of this Caf, or undefined (another Caf's is unknown). */
export async function declarationRecordCaf(store: Store, caf: string, id: string) {
  const d = await store.get('declarations', id);
  return d && d.caf === caf ? d : undefined;
}

/** R-CA-3: the whole declaration of this Caf with its values, or undefined. */
export async function declarationCaf(store: Store, caf: string, id: string) {
  const d = await declarationRecordCaf(store, caf, id);
  if (!d) return undefined;
  const [w, e, k] = await Promise.all([
    store.get('workers', d.workerId),
    store.get('esats', d.esat),
    store.get('cafs', d.caf),
  ]);
  const noms = {
    workers: new Map(w ? [[w.id, w]] : []),
    esats: new Map(e ? [[e.siret, e]] : []),
  };
  const history = d.etatHistory ?? [];
  const last = history.at(-1);
  return {
    ...recue(noms, d),
    data: d.data,
    userEmail: d.userEmail,
    worker: {
      numeroAllocataire: w?.numeroAllocataire ?? '',
      nom: w?.nom ?? '',
      prenom: w?.prenom ?? '',
      dateNaissance: w?.dateNaissance ?? '',
    },
    esat: { siret: d.esat, name: e?.name ?? d.esat, address: e?.address ?? '' },
    caf: { code: d.caf, name: k?.name ?? d.caf },
    ...(d.campaignYear !== undefined ? { campaignYear: d.campaignYear } : {}),
    traitement: etatOf(d) === 'traitee' && last ? { at: last.at, by: last.by } : null,
    historiqueEtat: history.map((h) => ({ ...h })),
  };
}

/** One line of an export (R-CA-4): the declaration, its worker and its Esat. */
export interface LigneExport {
  declaration: DeclarationRecord;
  worker: { numeroAllocataire: string; nom: string; prenom: string; dateNaissance: string };
  esat: { siret: string; name: string };
}

/**
 * R-CA-4/5: records an export of the declarations of this Caf that pass the filter (their ids,
 * so that « marquer traitées » can name the export), before its file is written.
 */
export async function enregistrerExport(
  store: Store,
  caf: string,
  filtre: FiltreDeclarations,
  meta: { by: string; at: string; format: ExportRecord['format'] },
): Promise<ExportRecord> {
  const ids = (await filtrer(store, caf, filtre)).map((d) => d.id);
  const record: ExportRecord = { id: randomUUID(), caf, ...meta, declarationIds: ids };
  await store.transaction((tx) => tx.insert('exports', record));
  return record;
}

/** Declarations fetched by their keys a slice at a time (an export names thousands). */
const TRANCHE = 500;

/** R-CA-4: the lines of a recorded export, one at a time, in its order (for a streamed file). */
export async function* declarationsPourExport(
  store: Store,
  caf: string,
  exportId: string,
): AsyncGenerator<LigneExport> {
  const record = await store.get('exports', exportId);
  if (!record || record.caf !== caf) return;
  for (let i = 0; i < record.declarationIds.length; i += TRANCHE) {
    const ids = record.declarationIds.slice(i, i + TRANCHE);
    const found = new Map(
      (await store.find('declarations', { id: ids })).map((d) => [d.id, d] as const),
    );
    const declarations = ids.flatMap((id) => found.get(id) ?? []);
    const noms = await nommes(store, declarations);
    for (const declaration of declarations) {
      const w = noms.workers.get(declaration.workerId);
      yield {
        declaration,
        worker: {
          numeroAllocataire: w?.numeroAllocataire ?? '',
          nom: w?.nom ?? '',
          prenom: w?.prenom ?? '',
          dateNaissance: w?.dateNaissance ?? '',
        },
        esat: { siret: declaration.esat, name: noms.esats.get(declaration.esat)?.name ?? '' },
      };
    }
  }
}

/** The ids an export of this Caf names, or undefined (unknown, or another Caf's). */
export async function idsExport(store: Store, caf: string, exportId: string) {
  const record = await store.get('exports', exportId);
  return record && record.caf === caf ? record.declarationIds : undefined;
}

/**
 * R-CA-5: gives these declarations of this Caf the état `etat` (with who, when and, for a
 * reversal, the reason). Those already in that état are left as they are. Returns the number
 * changed, or the ids that are not of this Caf (then nothing is changed).
 */
export async function marquerEtat(
  store: Store,
  caf: string,
  ids: string[],
  change: { etat: Etat; by: string; at: string; motif?: string },
): Promise<{ updated: number } | { inconnus: string[] }> {
  return store.transaction(async (tx) => {
    const uniques = [...new Set(ids)];
    const found = new Map<string, DeclarationRecord>();
    for (let i = 0; i < uniques.length; i += TRANCHE) {
      for (const d of await tx.find('declarations', { id: uniques.slice(i, i + TRANCHE) }))
        found.set(d.id, d);
    }
    const inconnus = ids.filter((id) => found.get(id)?.caf !== caf);
    if (inconnus.length > 0) return { inconnus };
    let updated = 0;
    for (const id of uniques) {
      // Read again under its lock: two agents marking at once both count right.
      const d = (await tx.get('declarations', id))!;
      if (etatOf(d) === change.etat) continue;
      await tx.update('declarations', id, {
        etat: change.etat,
        etatHistory: [
          ...(d.etatHistory ?? []),
          {
            etat: change.etat,
            at: change.at,
            by: change.by,
            ...(change.motif ? { motif: change.motif } : {}),
          },
        ],
      });
      updated++;
    }
    return { updated };
  });
}

/** R-CA-6: the Esat of this Caf with certificats missing for the campaign, most missing first. */
export async function esatsEnRetard(store: Store, caf: string, year: number) {
  return (await calculCampagne(store, caf, year)).lignes
    .filter((l) => l.manquants > 0)
    .sort((a, b) => b.manquants - a.manquants || alphabetique.compare(a.name, b.name));
}

/** The active users of an Esat (the recipients of a reminder). */
export async function utilisateursActifs(store: Store, siret: string) {
  return (await store.find('users', { esat: siret }))
    .filter((u) => u.role !== 'agent' && u.active !== false)
    .map((u) => u.email)
    .sort();
}

/**
 * R-CA-6: records reminders sent (who, when, which Esat, how many missing then), and their mails
 * in the outbox within the same transaction (R-ST-4: none lost, none sent twice); returns the mails.
 */
export async function enregistrerRelances(
  store: Store,
  relances: { relance: Omit<RelanceRecord, 'id'>; mail?: Mail }[],
  at: Date,
  clock: number,
): Promise<OutboxRecord[]> {
  return store.transaction(async (tx) => {
    const mails: OutboxRecord[] = [];
    for (const { relance, mail } of relances) {
      await tx.insert('relances', { id: randomUUID(), ...relance });
      if (mail) mails.push(await deposer(tx, mail, at, clock));
    }
    return mails;
  });
}

/** R-CA-6: whether this Esat was reminded for this campaign on this Paris day. */
export async function relanceeLe(
  store: Store,
  caf: string,
  siret: string,
  year: number,
  jour: string,
) {
  return (await store.find('relances', { caf, siret, year })).some((r) => jourParis(r.at) === jour);
}

/** R-CA-7: a user (not an agent) of an Esat of this Caf, or undefined. */
export async function utilisateurDeLaCaf(store: Store, caf: string, email: string) {
  const user = await store.get('users', email);
  if (!user || user.role === 'agent' || !user.esat) return undefined;
  return (await esatDeLaCaf(store, caf, user.esat)) ? user : undefined;
}

/** R-CA-7: adds a user; false when the e-mail is already taken. */
export async function creerUtilisateur(store: Store, user: UserRecord) {
  try {
    return await store.transaction(async (tx) => {
      if (await tx.get('users', user.email)) return false;
      await tx.insert('users', user);
      return true;
    });
  } catch (e) {
    // Created at the same moment by another request.
    if (e instanceof UniqueViolation) return false;
    throw e;
  }
}

/** R-CA-7: (de)activates a user; returns it as the agent sees it. */
export async function changerActivite(store: Store, email: string, active: boolean) {
  return store.transaction(async (tx) =>
    utilisateurVu((await tx.update('users', email, { active }))!),
  );
}

/** The avis of the Fin page given on declarations to this Caf, newest first (R-FL-5). */
export async function avisCaf(store: Store, caf: string) {
  const avis = await store.find(
    'avis',
    { caf },
    { orderBy: { field: 'submittedAt', direction: 'desc' } },
  );
  const declarations = avis.length
    ? await store.find('declarations', { id: avis.map((a) => a.declarationId) })
    : [];
  const parId = new Map(declarations.map((d) => [d.id, d]));
  const noms = await nommes(store, declarations);
  return avis.map((a) => {
    const d = parId.get(a.declarationId);
    return {
      declarationId: a.declarationId,
      esat: d ? noms.esats.get(d.esat)?.name : undefined,
      kind: d?.kind as DeclarationKind | undefined,
      note: a.note,
      commentaire: a.commentaire,
      submittedAt: a.submittedAt,
    };
  });
}

/** R-CA-1: the campaign shown by default: the current one, or the last one before it opens. */
export function campagneParDefaut(today: string) {
  const c = campagne(today);
  return today < c.opens ? c.year - 1 : c.year;
}
