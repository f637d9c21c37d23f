/**
 * R-IM-3/4: the report of an import, before anything is sent. Each row is matched to a worker of
 * the chosen Caf and of the user's Esat — by n° allocataire, else by nom + prénom + date de
 * naissance, accents and case aside — and checked with the certificat's one validator
 * (forms/import.ts), then against R-WK (the file can take a declaration) and R-CE-6 (not
 * declared yet in this campaign). The Esat's workers that no row names are listed too.
 */
import {
  champsImport,
  colonneDe,
  normaliserEntete,
  verifierLigne,
  type Cellule,
  type ChampImport,
} from '../../forms/import.ts';
import { jour, jourDe } from '../../forms/dates.ts';
import { blocageDossier } from '../../forms/dossiers.ts';
import { campagne } from '../../forms/calendrier.ts';
import type {
  ComptesImport,
  LigneImport,
  RapportImport,
  TravailleurImport,
} from '../../machines/import.types.ts';
import type {
  Data,
  Reader,
  DeclarationRecord,
  ImportRecord,
  ImportRow,
  ImportRowStatus,
  WorkerRecord,
} from '../store/index.ts';

/** The idempotency key of a row's certificat: a resumed envoi replays it, never declares twice. */
export const cleLigne = (record: Pick<ImportRecord, 'id'>, n: number) => `import:${record.id}:${n}`;

/** A worker as the report names it (the contract's type, machines/import.types.ts). */
export type TravailleurRapport = TravailleurImport;

/** One row of the report: the contract's row, and the certificat to declare once it reads right. */
export interface LigneRapport extends LigneImport {
  /** The certificat to declare (numbers), once the row reads right. */
  data: Record<string, unknown>;
}

export type Comptes = ComptesImport;

/** R-IM-4/5: the report, and the récapitulatif's totals of what is ready (the contract's). */
export interface Rapport extends Omit<RapportImport, 'lignes'> {
  lignes: LigneRapport[];
}

const travailleur = (w: WorkerRecord): TravailleurRapport => ({
  id: w.id,
  nom: w.nom,
  prenom: w.prenom,
  numeroAllocataire: w.numeroAllocataire,
  dateNaissance: w.dateNaissance,
});

/** Names compared without accents, case or punctuation; a compound name contains the short one. */
function memeNom(a: string, b: string): boolean {
  const x = normaliserEntete(a).split(' ');
  const y = normaliserEntete(b).split(' ');
  const [court, long] = x.length <= y.length ? [x, y] : [y, x];
  return court.every((mot) => long.includes(mot));
}

const sansZeros = (numero: string) => numero.replace(/^0+/, '');
const cleIdentite = (nom: string, prenom: string, date: string) =>
  `${normaliserEntete(nom)}|${normaliserEntete(prenom)}|${date}`;

/** The value of each field in a row: the user's correction, else the mapped column's cell. */
export function valeursLigne(
  row: ImportRow,
  mapping: ImportRecord['mapping'],
): Partial<Record<ChampImport, Cellule>> {
  const valeurs: Partial<Record<ChampImport, Cellule>> = {};
  for (const champ of champsImport) {
    if (row.corrections && champ in row.corrections) valeurs[champ] = row.corrections[champ];
    else {
      const i = mapping[champ];
      valeurs[champ] = i === null || i === undefined ? null : (row.cells[i] ?? null);
    }
  }
  return valeurs;
}

/** A value as the page's widget shows it: a decimal comma, a date as JJ/MM/AAAA. */
function texte(champ: ChampImport, value: Cellule | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  if (champ === 'dateNaissance' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return jour(value);
  return value;
}

const nommer = (ws: WorkerRecord[]) => ws.map((w) => `${w.nom} ${w.prenom}`).join(', ');

/** The worker a row names, or why none: the matching of R-IM-3. */
function rapprocheur(workers: WorkerRecord[], cafName: string) {
  const parNumero = new Map<string, WorkerRecord[]>();
  const parIdentite = new Map<string, WorkerRecord[]>();
  for (const w of workers) {
    const n = sansZeros(w.numeroAllocataire);
    parNumero.set(n, [...(parNumero.get(n) ?? []), w]);
    const k = cleIdentite(w.nom, w.prenom, w.dateNaissance);
    parIdentite.set(k, [...(parIdentite.get(k) ?? []), w]);
  }
  type Identite = ReturnType<typeof verifierLigne>['identite'];
  return (
    id: Identite,
  ):
    | { worker: WorkerRecord }
    | { statut: 'introuvable' | 'ambigu'; message: string }
    | { discordance: string } => {
    const concorde = (w: WorkerRecord) =>
      (!id.nom || memeNom(id.nom, w.nom)) &&
      (!id.prenom || memeNom(id.prenom, w.prenom)) &&
      (!id.dateNaissance || id.dateNaissance === w.dateNaissance);
    if (id.numeroAllocataire) {
      const memes = parNumero.get(sansZeros(id.numeroAllocataire)) ?? [];
      if (memes.length > 0) {
        const retenus = memes.filter(concorde);
        if (retenus.length === 1) return { worker: retenus[0] };
        if (retenus.length > 1) {
          return {
            statut: 'ambigu',
            message: `Plusieurs travailleurs ont ce n° allocataire (${nommer(retenus)}) : indiquez le prénom.`,
          };
        }
        return {
          discordance: `Ce n° allocataire est celui de ${nommer(memes)} : vérifiez le n° allocataire, le nom, le prénom et la date de naissance.`,
        };
      }
    }
    if (id.nom && id.prenom && id.dateNaissance) {
      const memes = parIdentite.get(cleIdentite(id.nom, id.prenom, id.dateNaissance)) ?? [];
      if (memes.length === 1) return { worker: memes[0] };
      if (memes.length > 1) {
        return {
          statut: 'ambigu',
          message:
            'Plusieurs travailleurs ont ces nom, prénom et date de naissance : indiquez le n° allocataire.',
        };
      }
    }
    if (!id.numeroAllocataire && !(id.nom && id.prenom && id.dateNaissance)) {
      return {
        statut: 'introuvable',
        message:
          'La ligne n’indique ni le n° allocataire, ni les nom, prénom et date de naissance : le travailleur ne peut pas être reconnu.',
      };
    }
    const par = [
      id.numeroAllocataire && 'ce n° allocataire',
      id.nom && id.prenom && id.dateNaissance && 'ces nom, prénom et date de naissance',
    ]
      .filter(Boolean)
      .join(' ni à ');
    return {
      statut: 'introuvable',
      message: `Aucun travailleur de votre établissement dépendant de la ${cafName} ne correspond à ${par}.`,
    };
  };
}

/** The header of each field's column in this file (the messages name the user's columns). */
export function colonnesFichier(record: Pick<ImportRecord, 'entetes' | 'mapping'>) {
  const colonnes: Partial<Record<ChampImport, string>> = {};
  for (const champ of champsImport) {
    const i = record.mapping[champ];
    if (i !== null && i !== undefined && record.entetes[i]) colonnes[champ] = record.entetes[i];
  }
  return colonnes;
}

/**
 * What `verifierImport` needs of the store for one import: the workers of its Esat and Caf, the
 * Esat's certificats of the campaign, the Caf's name — read by indexed selections only.
 */
export async function mondeImport(
  reader: Reader,
  record: Pick<ImportRecord, 'esat' | 'caf'>,
  today: string,
): Promise<Pick<Data, 'workers' | 'declarations' | 'cafs'>> {
  const year = campagne(today).year;
  const [workers, declarations, caf] = await Promise.all([
    reader.find('workers', { esat: record.esat, caf: record.caf }),
    reader.find(
      'declarations',
      { esat: record.esat, campaignYear: year, kind: 'certificat' },
      { orderBy: { field: 'submittedAt' } },
    ),
    reader.get('cafs', record.caf),
  ]);
  return { workers, declarations, cafs: caf ? [caf] : [] };
}

/**
 * Checks every row of an import against the data as it is now (a certificat declared since, a
 * file closed since): each row's new status, and the report. Pure: `record` is not changed.
 */
export function verifierImport(
  record: ImportRecord,
  db: Pick<Data, 'workers' | 'declarations' | 'cafs'>,
  today: string,
): { rows: ImportRow[]; rapport: Rapport } {
  const year = campagne(today).year;
  const workers = db.workers.filter((w) => w.esat === record.esat && w.caf === record.caf);
  const ids = new Set(workers.map((w) => w.id));
  const certificats = new Map<string, DeclarationRecord>();
  const prefix = cleLigne(record, 0).slice(0, -1);
  const parCle = new Map<string, DeclarationRecord>();
  const parWorker = new Map(workers.map((w) => [w.id, w]));
  for (const d of db.declarations) {
    if (d.kind !== 'certificat' || d.campaignYear !== year || !ids.has(d.workerId)) continue;
    if (!certificats.has(d.workerId)) certificats.set(d.workerId, d);
    if (d.idempotencyKey?.startsWith(prefix)) parCle.set(d.idempotencyKey, d);
  }
  const parId = (id: string) => db.declarations.find((d) => d.id === id);
  const cafName = db.cafs.find((k) => k.code === record.caf)?.name ?? `Caf ${record.caf}`;
  const rapprocher = rapprocheur(workers, cafName);
  const colonnes = colonnesFichier(record);
  const vus = new Map<string, number>();
  const rows: ImportRow[] = [];
  const lignes: LigneRapport[] = [];

  for (const row of record.rows) {
    const valeurs = valeursLigne(row, record.mapping);
    const lu = verifierLigne(valeurs, colonnes, today);
    const ligne: LigneRapport = {
      n: row.n,
      statut: 'pret',
      travailleur: null,
      valeurs: Object.fromEntries(champsImport.map((c) => [c, texte(c, valeurs[c])])) as Record<
        ChampImport,
        string
      >,
      data: lu.data,
      erreurs: [],
      corrigee: !!row.corrections && Object.keys(row.corrections).length > 0,
    };
    const next: ImportRow = { ...row };
    delete next.workerId;
    const sent =
      parCle.get(cleLigne(record, row.n)) ??
      (row.statut === 'envoye' && row.declarationId ? parId(row.declarationId) : undefined);
    if (sent) {
      // Sent by this import (also when the answer was lost in a crash): it stays sent.
      next.statut = 'envoye';
      next.declarationId = sent.id;
      next.workerId = sent.workerId;
      delete next.echec;
      const w = parWorker.get(sent.workerId);
      ligne.travailleur = w ? travailleur(w) : null;
      ligne.data = sent.data;
      ligne.declarationId = sent.id;
      ligne.reference = sent.reference;
      vus.set(sent.workerId, row.n);
    } else if (row.ignoree) {
      next.statut = 'ignoree';
      ligne.erreurs = lu.erreurs;
    } else {
      const match = rapprocher(lu.identite);
      if ('worker' in match) {
        const w = match.worker;
        next.workerId = w.id;
        ligne.travailleur = travailleur(w);
        const premier = vus.get(w.id);
        const certificat = certificats.get(w.id);
        const blocage = blocageDossier(w.dossier);
        if (premier !== undefined) {
          next.statut = 'erreur';
          ligne.erreurs = [
            {
              champ: 'numeroAllocataire',
              colonne: colonnes.numeroAllocataire ?? colonneDe('numeroAllocataire').entete,
              message: `Ce travailleur figure déjà à la ligne ${premier} du fichier : une seule ligne par travailleur.`,
            },
            ...lu.erreurs,
          ];
        } else if (certificat) {
          // R-CE-6: shown, not sent again.
          next.statut = 'deja-declare';
          ligne.message = `Un certificat d'emploi a déjà été enregistré pour ce travailleur le ${jourDe(certificat.submittedAt)}.`;
          ligne.declarationId = certificat.id;
          ligne.reference = certificat.reference;
        } else if (blocage) {
          next.statut = 'dossier-bloque';
          ligne.message = blocage;
        } else if (lu.erreurs.length > 0) {
          next.statut = 'erreur';
          ligne.erreurs = lu.erreurs;
        } else if (row.echec) {
          next.statut = 'erreur';
          ligne.message = row.echec;
        } else next.statut = 'pret';
        vus.set(w.id, premier ?? row.n);
      } else if ('discordance' in match) {
        next.statut = 'erreur';
        ligne.erreurs = [
          {
            champ: 'numeroAllocataire',
            colonne: colonnes.numeroAllocataire ?? colonneDe('numeroAllocataire').entete,
            message: match.discordance,
          },
          ...lu.erreurs,
        ];
      } else {
        next.statut = match.statut;
        ligne.message = match.message;
        ligne.erreurs = lu.erreurs;
      }
    }
    ligne.statut = next.statut;
    rows.push(next);
    lignes.push(ligne);
  }

  const manquants = workers
    .filter((w) => w.dossier === 'actif' && !certificats.has(w.id) && !vus.has(w.id))
    .map(travailleur);
  const compte = (s: ImportRowStatus) => rows.filter((r) => r.statut === s).length;
  const prets = lignes.filter((l) => l.statut === 'pret');
  const somme = (champ: string) =>
    Math.round(
      prets.reduce(
        (t, l) => t + (typeof l.data[champ] === 'number' ? (l.data[champ] as number) : 0),
        0,
      ) * 100,
    ) / 100;
  return {
    rows,
    rapport: {
      comptes: {
        lignes: rows.length,
        prets: prets.length,
        erreurs: compte('erreur'),
        dejaDeclares: compte('deja-declare'),
        bloques: compte('dossier-bloque'),
        introuvables: compte('introuvable'),
        ambigus: compte('ambigu'),
        ignorees: compte('ignoree'),
        envoyes: compte('envoye'),
        manquants: manquants.length,
      },
      totaux: {
        remunerationGarantie: somme('remunerationGarantie'),
        aideAuPoste: somme('aideAuPoste'),
        salaireDirect: prets.filter((l) => typeof l.data.salaireDirectPct === 'number').length,
      },
      lignes,
      manquants,
    },
  };
}
