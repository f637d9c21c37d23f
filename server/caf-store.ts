/**
 * The Caf's side as store operations (SPEC §10): the campaign per Esat and its daily curve
 * (R-CA-1), the fiche Esat (R-CA-2), the filtered lists (R-CA-3), the exports (R-CA-4), the
 * états (R-CA-5), the reminders (R-CA-6) and the access of the Esat (R-CA-7). Every function is
 * async and takes the Store, so that the routes never scan arrays and a PostgreSQL store (issue
 * #13) can give the same operations. Over the lowdb file, an index is built on first use and
 * rebuilt when the store's version moves (after every transaction).
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
import type {
  Data,
  DeclarationRecord,
  EsatRecord,
  ExportRecord,
  RelanceRecord,
  Store,
  UserRecord,
  WorkerRecord,
} from './store/index.ts';

/** R-CA-1: the deadline of the campaign of year N, 15 January N+1. */
export const dateLimite = (year: number) => `${year + 1}-01-15`;

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
const plat = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const alphabetique = new Intl.Collator('fr', { sensitivity: 'base' });

interface Index {
  data: Data;
  version: number;
  esats: Map<string, EsatRecord>;
  workers: Map<string, WorkerRecord>;
  /** caf → siret → its workers of that Caf, alphabetical. */
  workersOf: Map<string, Map<string, WorkerRecord[]>>;
  /** caf → the SIRET of its Esat (workers of that Caf, or the Caf in `esat.cafs`). */
  esatsOf: Map<string, Set<string>>;
  declarations: Map<string, DeclarationRecord>;
  /** caf → its declarations, newest first. */
  declarationsOf: Map<string, DeclarationRecord[]>;
  /** `${workerId}|${year}` → the certificat of that campaign (R-CE-6: one). */
  certificats: Map<string, DeclarationRecord>;
  /** The Paris day of each declaration, computed once. */
  jours: Map<string, string>;
  /** `${caf}|${siret}|${year}` → its reminders, newest first. */
  relances: Map<string, RelanceRecord[]>;
  /** Computed on demand: `${caf}|${year}`. */
  campagnes: Map<string, { lignes: LigneCampagne[]; daily: PointJournalier[] }>;
}

const indexes = new WeakMap<Store, Index>();

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function build(data: Data, version: number): Index {
  const index: Index = {
    data,
    version,
    esats: new Map(data.esats.map((e) => [e.siret, e])),
    workers: new Map(data.workers.map((w) => [w.id, w])),
    workersOf: new Map(),
    esatsOf: new Map(),
    declarations: new Map(),
    declarationsOf: new Map(),
    certificats: new Map(),
    jours: new Map(),
    relances: new Map(),
    campagnes: new Map(),
  };
  const esatsOf = (caf: string) => {
    let set = index.esatsOf.get(caf);
    if (!set) index.esatsOf.set(caf, (set = new Set()));
    return set;
  };
  for (const e of data.esats) for (const caf of e.cafs) esatsOf(caf).add(e.siret);
  for (const w of data.workers) {
    esatsOf(w.caf).add(w.esat);
    let bySiret = index.workersOf.get(w.caf);
    if (!bySiret) index.workersOf.set(w.caf, (bySiret = new Map()));
    push(bySiret, w.esat, w);
  }
  for (const bySiret of index.workersOf.values()) {
    for (const list of bySiret.values()) {
      list.sort(
        (a, b) => alphabetique.compare(a.nom, b.nom) || alphabetique.compare(a.prenom, b.prenom),
      );
    }
  }
  for (const d of data.declarations) {
    index.declarations.set(d.id, d);
    index.jours.set(d.id, jourParis(d.submittedAt));
    push(index.declarationsOf, d.caf, d);
    if (d.kind === 'certificat' && d.campaignYear !== undefined) {
      const key = `${d.workerId}|${d.campaignYear}`;
      const first = index.certificats.get(key);
      if (!first || d.submittedAt < first.submittedAt) index.certificats.set(key, d);
    }
  }
  for (const list of index.declarationsOf.values()) {
    list.sort((a, b) =>
      a.submittedAt < b.submittedAt ? 1 : a.submittedAt > b.submittedAt ? -1 : 0,
    );
  }
  for (const r of data.relances) push(index.relances, `${r.caf}|${r.siret}|${r.year}`, r);
  for (const list of index.relances.values()) list.sort((a, b) => b.at.localeCompare(a.at));
  return index;
}

/** The index of the store's current data, rebuilt when a transaction has happened since. */
function indexOf(store: Store): Index {
  const data = store.read();
  const version = store.version?.() ?? Number.NaN;
  const known = indexes.get(store);
  if (known && known.data === data && known.version === version) return known;
  const fresh = build(data, version);
  indexes.set(store, fresh);
  return fresh;
}

/** An Esat of this Caf, or undefined (another Caf's Esat is unknown to its agents). */
export async function esatDeLaCaf(store: Store, caf: string, siret: string) {
  const index = indexOf(store);
  return index.esatsOf.get(caf)?.has(siret) ? index.esats.get(siret) : undefined;
}

/** R-CA-1: workers of this Caf at this Esat whose file is `actif`. */
const attendusDe = (index: Index, caf: string, siret: string) =>
  (index.workersOf.get(caf)?.get(siret) ?? []).filter((w) => w.dossier === 'actif');

/** R-CA-1: the table and the curve of one campaign, computed once per index. */
function calculCampagne(index: Index, caf: string, year: number) {
  const key = `${caf}|${year}`;
  const known = index.campagnes.get(key);
  if (known) return known;
  const jours = new Map<string, number>();
  const lignes: LigneCampagne[] = [...(index.esatsOf.get(caf) ?? [])].map((siret) => {
    const attendus = attendusDe(index, caf, siret);
    let recus = 0;
    let dernierRecu: string | null = null;
    for (const w of attendus) {
      const certificat = index.certificats.get(`${w.id}|${year}`);
      if (!certificat || certificat.caf !== caf) continue;
      recus++;
      if (!dernierRecu || certificat.submittedAt > dernierRecu)
        dernierRecu = certificat.submittedAt;
      const jour = index.jours.get(certificat.id)!;
      jours.set(jour, (jours.get(jour) ?? 0) + 1);
    }
    return {
      siret,
      name: index.esats.get(siret)?.name ?? siret,
      attendus: attendus.length,
      recus,
      manquants: Math.max(0, attendus.length - recus),
      dernierRecu,
      derniereRelance: index.relances.get(`${caf}|${siret}|${year}`)?.[0]?.at ?? null,
    };
  });
  let cumul = 0;
  const daily = [...jours.keys()]
    .sort()
    .map((date) => ({ date, recus: (cumul += jours.get(date)!) }));
  const result = { lignes, daily };
  index.campagnes.set(key, result);
  return result;
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
  const { lignes } = calculCampagne(indexOf(store), caf, year);
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
  return calculCampagne(indexOf(store), caf, year).daily;
}

/** The lines of one Esat in the campaign table (for the reminders and the fiche). */
export async function ligneCampagne(store: Store, caf: string, year: number, siret: string) {
  return calculCampagne(indexOf(store), caf, year).lignes.find((l) => l.siret === siret);
}

/** The user of an Esat as an agent sees it (R-CA-2, R-CA-7). */
export const utilisateurVu = (u: UserRecord) => ({
  email: u.email,
  role: u.role as 'declarant' | 'referent',
  active: u.active !== false,
  provisional: u.provisional,
  lastLoginAt: u.lastLoginAt ?? null,
});

/** A declaration in a list (R-CA-3). */
function recue(index: Index, d: DeclarationRecord) {
  const w = index.workers.get(d.workerId);
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
    esat: { siret: d.esat, name: index.esats.get(d.esat)?.name ?? d.esat },
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
  const index = indexOf(store);
  const esat = index.esatsOf.get(caf)?.has(siret) ? index.esats.get(siret) : undefined;
  if (!esat) return undefined;
  const users = index.data.users
    .filter((u) => u.esat === siret && u.role !== 'agent')
    .sort((a, b) => a.email.localeCompare(b.email))
    .map(utilisateurVu);
  const workers = (index.workersOf.get(caf)?.get(siret) ?? []).map((w) => {
    const c = index.certificats.get(`${w.id}|${year}`);
    return {
      id: w.id,
      numeroAllocataire: w.numeroAllocataire,
      nom: w.nom,
      prenom: w.prenom,
      dateNaissance: w.dateNaissance,
      dossier: w.dossier,
      certificat:
        c && c.caf === caf ? { id: c.id, submittedAt: c.submittedAt, etat: etatOf(c) } : null,
    };
  });
  const changements = (index.declarationsOf.get(caf) ?? [])
    .filter((d) => d.esat === siret && d.kind !== 'certificat' && index.jours.get(d.id)! >= depuis)
    .map((d) => recue(index, d));
  const relances = (index.relances.get(`${caf}|${siret}|${year}`) ?? []).map(relanceVue);
  return {
    esat: { siret: esat.siret, name: esat.name, address: esat.address },
    year,
    users,
    workers,
    changements,
    relances,
  };
}

/** The declarations of this Caf that pass the filter (R-CA-3/4), newest first. */
function filtrer(index: Index, caf: string, filtre: FiltreDeclarations) {
  return (index.declarationsOf.get(caf) ?? []).filter((d) => {
    if (filtre.kind && d.kind !== filtre.kind) return false;
    if (filtre.esat && d.esat !== filtre.esat) return false;
    if (filtre.etat && etatOf(d) !== filtre.etat) return false;
    if (filtre.from || filtre.to) {
      const jour = index.jours.get(d.id)!;
      if (filtre.from && jour < filtre.from) return false;
      if (filtre.to && jour > filtre.to) return false;
    }
    return true;
  });
}

/** R-CA-3: one page of the declarations of this Caf that pass the filter, newest first. */
export async function declarationsCaf(
  store: Store,
  caf: string,
  filtre: FiltreDeclarations,
  { page, pageSize }: { page: number; pageSize: number },
) {
  const index = indexOf(store);
  const matches = filtrer(index, caf, filtre);
  return {
    items: matches.slice((page - 1) * pageSize, page * pageSize).map((d) => recue(index, d)),
    total: matches.length,
    page,
    pageSize,
  };
}

/** The record of a declaration of this Caf, or undefined (another Caf's is unknown). */
export async function declarationRecordCaf(store: Store, caf: string, id: string) {
  const d = indexOf(store).declarations.get(id);
  return d && d.caf === caf ? d : undefined;
}

/** R-CA-3: the whole declaration of this Caf with its values, or undefined. */
export async function declarationCaf(store: Store, caf: string, id: string) {
  const index = indexOf(store);
  const d = index.declarations.get(id);
  if (!d || d.caf !== caf) return undefined;
  const w = index.workers.get(d.workerId);
  const e = index.esats.get(d.esat);
  const history = d.etatHistory ?? [];
  const last = history.at(-1);
  return {
    ...recue(index, d),
    data: d.data,
    userEmail: d.userEmail,
    worker: {
      numeroAllocataire: w?.numeroAllocataire ?? '',
      nom: w?.nom ?? '',
      prenom: w?.prenom ?? '',
      dateNaissance: w?.dateNaissance ?? '',
    },
    esat: { siret: d.esat, name: e?.name ?? d.esat, address: e?.address ?? '' },
    caf: { code: d.caf, name: index.data.cafs.find((k) => k.code === d.caf)?.name ?? d.caf },
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
  return store.transaction(async (data, save) => {
    const ids = filtrer(indexOf(store), caf, filtre).map((d) => d.id);
    const record: ExportRecord = { id: randomUUID(), caf, ...meta, declarationIds: ids };
    data.exports.push(record);
    await save();
    return record;
  });
}

/** R-CA-4: the lines of a recorded export, one at a time, in its order (for a streamed file). */
export async function* declarationsPourExport(
  store: Store,
  caf: string,
  exportId: string,
): AsyncGenerator<LigneExport> {
  const record = store.read().exports.find((x) => x.id === exportId && x.caf === caf);
  if (!record) return;
  // The index of the start: a declaration never changes but for its état (R-CA-5), changed in
  // place, and a declaration received meanwhile is not in the export; no rebuild mid-file.
  const index = indexOf(store);
  for (const id of record.declarationIds) {
    const declaration = index.declarations.get(id);
    if (!declaration) continue;
    const w = index.workers.get(declaration.workerId);
    yield {
      declaration,
      worker: {
        numeroAllocataire: w?.numeroAllocataire ?? '',
        nom: w?.nom ?? '',
        prenom: w?.prenom ?? '',
        dateNaissance: w?.dateNaissance ?? '',
      },
      esat: { siret: declaration.esat, name: index.esats.get(declaration.esat)?.name ?? '' },
    };
  }
}

/** The ids an export of this Caf names, or undefined (unknown, or another Caf's). */
export async function idsExport(store: Store, caf: string, exportId: string) {
  return store.read().exports.find((x) => x.id === exportId && x.caf === caf)?.declarationIds;
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
  return store.transaction(async (data, save) => {
    const index = indexOf(store);
    const inconnus = ids.filter((id) => index.declarations.get(id)?.caf !== caf);
    if (inconnus.length > 0) return { inconnus };
    let updated = 0;
    for (const id of new Set(ids)) {
      const d = index.declarations.get(id)!;
      if (etatOf(d) === change.etat) continue;
      d.etat = change.etat;
      d.etatHistory = [
        ...(d.etatHistory ?? []),
        {
          etat: change.etat,
          at: change.at,
          by: change.by,
          ...(change.motif ? { motif: change.motif } : {}),
        },
      ];
      updated++;
    }
    if (updated > 0) await save();
    return { updated };
  });
}

/** R-CA-6: the Esat of this Caf with certificats missing for the campaign, most missing first. */
export async function esatsEnRetard(store: Store, caf: string, year: number) {
  return calculCampagne(indexOf(store), caf, year)
    .lignes.filter((l) => l.manquants > 0)
    .sort((a, b) => b.manquants - a.manquants || alphabetique.compare(a.name, b.name));
}

/** The active users of an Esat (the recipients of a reminder). */
export async function utilisateursActifs(store: Store, siret: string) {
  return store
    .read()
    .users.filter((u) => u.esat === siret && u.role !== 'agent' && u.active !== false)
    .map((u) => u.email)
    .sort();
}

/** R-CA-6: records reminders sent (who, when, which Esat, how many missing then). */
export async function enregistrerRelances(
  store: Store,
  relances: Omit<RelanceRecord, 'id'>[],
): Promise<RelanceRecord[]> {
  return store.transaction(async (data, save) => {
    const records = relances.map((r) => ({ id: randomUUID(), ...r }));
    data.relances.push(...records);
    await save();
    return records;
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
  return (indexOf(store).relances.get(`${caf}|${siret}|${year}`) ?? []).some(
    (r) => jourParis(r.at) === jour,
  );
}

/** R-CA-7: a user (not an agent) of an Esat of this Caf, or undefined. */
export async function utilisateurDeLaCaf(store: Store, caf: string, email: string) {
  const index = indexOf(store);
  const user = index.data.users.find((u) => u.email === email);
  if (!user || user.role === 'agent' || !user.esat) return undefined;
  return index.esatsOf.get(caf)?.has(user.esat) ? user : undefined;
}

/** R-CA-7: adds a user; false when the e-mail is already taken. */
export async function creerUtilisateur(store: Store, user: UserRecord) {
  return store.transaction(async (data, save) => {
    if (data.users.some((u) => u.email === user.email)) return false;
    data.users.push(user);
    await save();
    return true;
  });
}

/** R-CA-7: (de)activates a user; returns it as the agent sees it. */
export async function changerActivite(store: Store, email: string, active: boolean) {
  return store.transaction(async (data, save) => {
    const user = data.users.find((u) => u.email === email)!;
    user.active = active;
    await save();
    return utilisateurVu(user);
  });
}

/** The avis of the Fin page given on declarations to this Caf, newest first (R-FL-5). */
export async function avisCaf(store: Store, caf: string) {
  const index = indexOf(store);
  return index.data.avis
    .filter((a) => a.caf === caf)
    .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))
    .map((a) => {
      const d = index.declarations.get(a.declarationId);
      return {
        declarationId: a.declarationId,
        esat: d ? index.esats.get(d.esat)?.name : undefined,
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
