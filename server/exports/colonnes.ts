/**
 * R-CA-4: the columns of an export for treatment, shared by the CSV and the XLSX: what
 * identifies the declaration (always there), then every field of §5–6 in its own column, taken
 * from forms/ (a field added to a schema gets its column).
 */
import { declarationKinds, formDefinition, kindLabels, type Widget } from '../../forms/index.ts';
import { etatOf, heureParis, jourParis, type LigneExport } from '../caf-store.ts';

/** What a cell holds, so that each writer types it: text, number, or a day (`YYYY-MM-DD`). */
export type Valeur =
  | { type: 'texte'; value: string }
  | { type: 'nombre'; value: number }
  | { type: 'date'; value: string }
  | null;

export interface Colonne {
  key: string;
  header: string;
  /** Excel's width, in characters. */
  width: number;
  value: (ligne: LigneExport) => Valeur;
}

const texte = (value: string | undefined): Valeur =>
  value === undefined || value === '' ? null : { type: 'texte', value };

export const etatLabels = { 'a-traiter': 'À traiter', traitee: 'Traitée' } as const;

/** The columns every export has (R-CA-4). */
const identite: Colonne[] = [
  {
    key: 'id',
    header: 'Identifiant de la déclaration',
    width: 38,
    value: (l) => texte(l.declaration.id),
  },
  {
    key: 'reference',
    header: 'Référence',
    width: 16,
    value: (l) => texte(l.declaration.reference),
  },
  {
    key: 'etat',
    header: 'État',
    width: 10,
    value: (l) => texte(etatLabels[etatOf(l.declaration)]),
  },
  {
    key: 'kind',
    header: 'Code de la déclaration',
    width: 20,
    value: (l) => texte(l.declaration.kind),
  },
  {
    key: 'libelle',
    header: 'Déclaration',
    width: 40,
    value: (l) => texte(kindLabels[l.declaration.kind]),
  },
  {
    key: 'campagne',
    header: 'Campagne',
    width: 10,
    value: (l) =>
      l.declaration.campaignYear === undefined
        ? null
        : { type: 'nombre', value: l.declaration.campaignYear },
  },
  {
    key: 'dateDepot',
    header: 'Date de dépôt',
    width: 12,
    value: (l) => ({ type: 'date', value: jourParis(l.declaration.submittedAt) }),
  },
  {
    key: 'heureDepot',
    header: 'Heure de dépôt',
    width: 8,
    value: (l) => texte(heureParis(l.declaration.submittedAt)),
  },
  {
    key: 'declarant',
    header: 'E-mail du déclarant',
    width: 32,
    value: (l) => texte(l.declaration.userEmail),
  },
  {
    key: 'numeroAllocataire',
    header: 'N° allocataire',
    width: 14,
    value: (l) => texte(l.worker.numeroAllocataire),
  },
  { key: 'nom', header: 'Nom', width: 18, value: (l) => texte(l.worker.nom) },
  { key: 'prenom', header: 'Prénom', width: 16, value: (l) => texte(l.worker.prenom) },
  {
    key: 'dateNaissance',
    header: 'Date de naissance',
    width: 12,
    value: (l) => (l.worker.dateNaissance ? { type: 'date', value: l.worker.dateNaissance } : null),
  },
  { key: 'siret', header: 'SIRET', width: 16, value: (l) => texte(l.esat.siret) },
  { key: 'esat', header: 'Établissement', width: 32, value: (l) => texte(l.esat.name) },
];

/**
 * Headers for the fields whose label differs from one declaration to another (the month of the
 * amounts, the kind of date): the column holds them all, its header says what they share.
 */
const entetesCommunes: Record<string, string> = {
  dateEffet: "Date d'effet",
  remunerationGarantie: 'Montant net de la rémunération garantie',
  aideAuPoste: "Montant net de l'aide au poste",
  motif: 'Motif du départ',
};

/** Every field of every declaration kind, once, in the order the forms show them. */
function champs(): Colonne[] {
  const seen = new Map<
    string,
    { label: string; widget: Widget; labels: Set<string>; options: Map<string, string> }
  >();
  for (const kind of declarationKinds) {
    for (const f of formDefinition(kind).fields) {
      const known = seen.get(f.name);
      const options = new Map((f.options ?? []).map((o) => [o.value, o.label]));
      if (known) {
        known.labels.add(f.label);
        for (const [v, l] of options) known.options.set(v, l);
      } else
        seen.set(f.name, { label: f.label, widget: f.widget, labels: new Set([f.label]), options });
    }
  }
  return [...seen].map(([name, f]) => ({
    key: name,
    header: f.labels.size > 1 ? (entetesCommunes[name] ?? f.label) : f.label,
    width: 16,
    value: (l: LigneExport): Valeur => {
      const v = l.declaration.data[name];
      if (v === undefined || v === null || v === '') return null;
      if (typeof v === 'number') return { type: 'nombre', value: v };
      if (f.widget === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))
        return { type: 'date', value: v };
      // A choice as the récapitulatif reads it (« Retraite »), not its code.
      return { type: 'texte', value: f.options.get(String(v)) ?? String(v) };
    },
  }));
}

/** The columns of the CSV and of the XLSX, in order. */
export const colonnes: Colonne[] = [...identite, ...champs()];

/** `declarations-caf-751-2026-12-02.csv` */
export const nomFichier = (caf: string, today: string, ext: string) =>
  `declarations-caf-${caf}-${today}.${ext}`;
