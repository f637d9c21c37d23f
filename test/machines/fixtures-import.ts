/**
 * A fake of the import's routes (SPEC §12) over the invented world of fixtures.ts, for the import
 * machine, its stories and tests: the file is read as a `;` CSV, its columns recognised and its
 * rows checked by the real forms/import.ts (the saisie's validator and messages), matched to the
 * fixture workers by n° allocataire, then sent batch by batch.
 */
import { fromPromise } from 'xstate';
import { blocageDossier } from '../../forms/dossiers.ts';
import {
  champsImport,
  colonneDe,
  correspondanceProposee,
  lireNombre,
  statutsLigne,
  verifierLigne,
  type ChampImport,
  type StatutLigne,
} from '../../forms/import.ts';
import { importMachine, type ModificationLigne } from '../../machines/import.machine.ts';
import type {
  AvancementEnvoi,
  ComptesImport,
  Correspondance,
  FichierChoisi,
  ImportEnCours,
  ImportVue,
  LigneImport,
} from '../../machines/import.types.ts';
import type { ApiError, Travailleur } from '../../machines/types.ts';
import { travailleurs } from './fixtures.ts';

/** The template's header row, as a payroll export would write it (synonyms included). */
export const ENTETE_CSV =
  'N° allocataire;Nom;Prénom;Date de naissance;Mois de RG;RG nette;Aide au poste;% Smic';

/** One row of the fake file for a fixture worker; `erreur` gives an aide au poste above the RG. */
export function ligneCsv(t: Travailleur, erreur = false) {
  const [a, m, j] = t.dateNaissance.split('-');
  return [
    t.numeroAllocataire,
    t.nom,
    t.prenom,
    `${j}/${m}/${a}`,
    '12',
    '1 234,56',
    erreur ? '1 500,00' : '680,00',
    '',
  ].join(';');
}

/** A CSV of `n` fixture workers (w1…), the rows `erreurs` (1-based, among them) wrong. */
export function csvImport(n = 20, erreurs: number[] = [4, 9, 15]) {
  const lignes = travailleurs.slice(0, n).map((t, i) => ligneCsv(t, erreurs.includes(i + 1)));
  return [ENTETE_CSV, ...lignes].join('\n');
}

/** The file as the UI hands it to the machine. */
export const fichierCsv = (texte = csvImport(), nom = 'paie-novembre.csv'): FichierChoisi => ({
  nom,
  type: 'text/csv',
  contenu: new Blob([texte], { type: 'text/csv' }),
});

export type PanneImport =
  | 'envoyerFichier'
  | 'chargerImport'
  | 'changerCorrespondance'
  | 'modifierLigne'
  | 'envoyerLot'
  | 'abandonnerImport';

export interface OptionsImport {
  today?: string;
  /** Calls that fail, with the error each answers; `envoyerLot` fails once, after `lotsAvantPanne`. */
  pannes?: Partial<Record<PanneImport, ApiError>>;
  lotsAvantPanne?: number;
  /** After this many batches the next one never answers (an envoi seen under way). */
  suspendreApres?: number;
  /** An import already on the fake server (to resume), by its CSV and how far it went. */
  existant?: { id: string; csv: string; envoyes?: number; termine?: boolean };
}

interface LigneFake {
  n: number;
  cells: string[];
  corrections?: Partial<Record<ChampImport, string>>;
  ignoree?: boolean;
  envoye?: boolean;
}

interface ImportFake {
  id: string;
  caf: string;
  nom: string;
  entetes: string[];
  mapping: Correspondance;
  lignes: LigneFake[];
  status: ImportVue['status'];
}

const AT = '2026-12-02T10:00:00.000Z';

/** The report's count each status of a row adds to (R-IM-4). */
const compteDe = {
  pret: 'prets',
  erreur: 'erreurs',
  'deja-declare': 'dejaDeclares',
  'dossier-bloque': 'bloques',
  introuvable: 'introuvables',
  ambigu: 'ambigus',
  ignoree: 'ignorees',
  envoye: 'envoyes',
} as const satisfies Record<StatutLigne, keyof ComptesImport>;

/** The fake server's import routes, and the machine provided with them. */
export function fakeImport(options: OptionsImport = {}) {
  const calls: { name: string; input?: unknown }[] = [];
  const today = options.today ?? '2026-12-02';
  const imports = new Map<string, ImportFake>();
  const declares = new Set(travailleurs.filter((t) => t.certificat).map((t) => t.id));
  let lots = 0;
  let pannesLot = 0;

  const lire = (id: string, caf: string, nom: string, csv: string): ImportFake => {
    const [tete, ...corps] = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
    const entetes = tete.split(';');
    return {
      id,
      caf,
      nom,
      entetes,
      mapping: correspondanceProposee(entetes),
      lignes: corps.map((l, i) => ({ n: i + 2, cells: l.split(';') })),
      status: 'verification',
    };
  };

  const ligneRapport = (imp: ImportFake, l: LigneFake, vus: Set<string>): LigneImport => {
    const valeurs = Object.fromEntries(
      champsImport.map((c) => {
        const i = imp.mapping[c];
        return [c, l.corrections?.[c] ?? (i === null ? '' : (l.cells[i] ?? ''))];
      }),
    ) as Record<ChampImport, string>;
    const colonnes = Object.fromEntries(
      champsImport.map((c) => [
        c,
        imp.mapping[c] === null ? colonneDe(c).entete : imp.entetes[imp.mapping[c]!],
      ]),
    );
    const lu = verifierLigne(valeurs, colonnes, today);
    const t = travailleurs.find((w) => w.numeroAllocataire === lu.identite.numeroAllocataire);
    const base = {
      n: l.n,
      travailleur: t
        ? {
            id: t.id,
            nom: t.nom,
            prenom: t.prenom,
            numeroAllocataire: t.numeroAllocataire,
            dateNaissance: t.dateNaissance,
          }
        : null,
      valeurs,
      erreurs: [] as LigneImport['erreurs'],
      corrigee: !!l.corrections,
    };
    if (t) vus.add(t.id);
    if (l.envoye) return { ...base, statut: 'envoye', declarationId: `d-import-${t?.id}` };
    if (l.ignoree) return { ...base, statut: 'ignoree' };
    if (lu.erreurs.length > 0) return { ...base, statut: 'erreur', erreurs: lu.erreurs };
    if (!t)
      return {
        ...base,
        statut: 'introuvable',
        message:
          'Aucun travailleur de votre établissement dépendant de la Caf de Paris ne correspond à ce n° allocataire.',
      };
    if (blocageDossier(t.dossier))
      return { ...base, statut: 'dossier-bloque', message: blocageDossier(t.dossier) };
    if (declares.has(t.id))
      return {
        ...base,
        statut: 'deja-declare',
        message: `Un certificat d'emploi a déjà été enregistré pour ce travailleur le ${t.certificat ? new Date(t.certificat.submittedAt).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' }) : '02/12/2026'}.`,
      };
    return { ...base, statut: 'pret' };
  };

  const vue = (imp: ImportFake): ImportVue => {
    const vus = new Set<string>();
    const lignes = imp.lignes.map((l) => ligneRapport(imp, l, vus));
    const compte = (s: StatutLigne) => lignes.filter((l) => l.statut === s).length;
    const prets = lignes.filter((l) => l.statut === 'pret');
    const somme = (champ: ChampImport) =>
      prets.reduce((t, l) => {
        const n = lireNombre(l.valeurs[champ]);
        return t + (typeof n === 'number' ? n : 0);
      }, 0);
    const manquants = travailleurs
      .filter((t) => !vus.has(t.id) && !declares.has(t.id) && !blocageDossier(t.dossier))
      .map(({ id, nom, prenom, numeroAllocataire, dateNaissance }) => ({
        id,
        nom,
        prenom,
        numeroAllocataire,
        dateNaissance,
      }));
    return {
      id: imp.id,
      reference: 'IM-2026-000001',
      caf: imp.caf,
      status: imp.status,
      createdAt: AT,
      updatedAt: AT,
      campaignYear: 2026,
      fichier: { nom: imp.nom, format: 'csv', ligneEntete: 1 },
      columns: imp.entetes.map((header, index) => ({
        index,
        header,
        field: champsImport.find((c) => imp.mapping[c] === index) ?? null,
      })),
      mapping: { ...imp.mapping },
      report: {
        comptes: {
          lignes: lignes.length,
          ...(Object.fromEntries(
            statutsLigne.map((statut) => [compteDe[statut], compte(statut)]),
          ) as Record<(typeof compteDe)[StatutLigne], number>),
          manquants: manquants.length,
        },
        // As the server totals them: the amounts of the ready rows, read by the import's own
        // number reader, and how many of them give a salaire direct.
        totaux: {
          remunerationGarantie: somme('remunerationGarantie'),
          aideAuPoste: somme('aideAuPoste'),
          salaireDirect: prets.filter(
            (l) => typeof lireNombre(l.valeurs.salaireDirectPct) === 'number',
          ).length,
        },
        lignes,
        manquants,
      },
    };
  };

  if (options.existant) {
    const e = options.existant;
    const imp = lire(e.id, '751', 'paie-novembre.csv', e.csv);
    const prets = vue(imp).report.lignes.filter((l) => l.statut === 'pret');
    for (const l of prets.slice(0, e.termine ? prets.length : (e.envoyes ?? 0))) {
      imp.lignes.find((x) => x.n === l.n)!.envoye = true;
      declares.add(l.travailleur!.id);
    }
    if (e.envoyes || e.termine) imp.status = e.termine ? 'termine' : 'envoi';
    imports.set(imp.id, imp);
  }

  const trouver = (id: string) => {
    const imp = imports.get(id);
    if (!imp) throw { status: 404, code: 'import-inconnu', message: 'Cet import est introuvable.' };
    return imp;
  };
  const panne = (nom: PanneImport) => {
    const erreur = options.pannes?.[nom];
    if (erreur) throw erreur;
  };

  const machine = importMachine.provide({
    actors: {
      envoyerFichier: fromPromise(
        async ({ input }: { input: { caf: string; fichier: FichierChoisi } }) => {
          calls.push({ name: 'envoyerFichier', input: { caf: input.caf, nom: input.fichier.nom } });
          panne('envoyerFichier');
          if (!/\.(csv|xlsx)$/i.test(input.fichier.nom))
            throw {
              status: 415,
              code: 'type-non-pris-en-charge',
              message: 'Envoyez un fichier CSV ou Excel (.xlsx).',
            };
          const imp = lire(
            `imp-${imports.size + 1}`,
            input.caf,
            input.fichier.nom,
            await input.fichier.contenu.text(),
          );
          imports.set(imp.id, imp);
          return vue(imp);
        },
      ),
      chargerImport: fromPromise(async ({ input }: { input: { id: string } }) => {
        calls.push({ name: 'chargerImport', input });
        panne('chargerImport');
        return vue(trouver(input.id));
      }),
      changerCorrespondance: fromPromise(
        async ({ input }: { input: { id: string; mapping: Correspondance } }) => {
          calls.push({ name: 'changerCorrespondance', input });
          panne('changerCorrespondance');
          const imp = trouver(input.id);
          const m = input.mapping;
          if (
            m.numeroAllocataire === null &&
            (m.nom === null || m.prenom === null || m.dateNaissance === null)
          ) {
            const message =
              'Choisissez la colonne du n° allocataire, ou celles du nom, du prénom et de la date de naissance : sans elles, aucun travailleur ne peut être reconnu.';
            throw {
              status: 422,
              code: 'correspondance-incomplete',
              message,
              fields: [{ path: '/mapping/numeroAllocataire', message }],
            };
          }
          imp.mapping = { ...m };
          return vue(imp);
        },
      ),
      modifierLigne: fromPromise(
        async ({ input }: { input: { id: string; n: number } & ModificationLigne }) => {
          calls.push({ name: 'modifierLigne', input });
          panne('modifierLigne');
          const imp = trouver(input.id);
          const l = imp.lignes.find((x) => x.n === input.n)!;
          if (l.envoye)
            throw {
              status: 409,
              code: 'ligne-envoyee',
              message:
                'Le certificat de cette ligne est déjà enregistré : il ne peut plus changer.',
            };
          const corrections = { ...l.corrections };
          for (const [k, v] of Object.entries(input.valeurs ?? {})) {
            if (v === null) delete corrections[k as ChampImport];
            else corrections[k as ChampImport] = v;
          }
          l.corrections = Object.keys(corrections).length ? corrections : undefined;
          if (input.ignorer !== undefined) l.ignoree = input.ignorer || undefined;
          return vue(imp);
        },
      ),
      envoyerLot: fromPromise(
        async ({ input }: { input: { id: string; lot: number } }): Promise<AvancementEnvoi> => {
          calls.push({ name: 'envoyerLot', input });
          if (
            options.pannes?.envoyerLot &&
            lots >= (options.lotsAvantPanne ?? 0) &&
            pannesLot === 0
          ) {
            pannesLot++;
            throw options.pannes.envoyerLot;
          }
          if (options.suspendreApres !== undefined && lots >= options.suspendreApres)
            return new Promise<never>(() => {});
          lots++;
          const imp = trouver(input.id);
          const prets = vue(imp).report.lignes.filter((l) => l.statut === 'pret');
          const lot = prets.slice(0, input.lot);
          for (const l of lot) {
            imp.lignes.find((x) => x.n === l.n)!.envoye = true;
            declares.add(l.travailleur!.id);
          }
          const restants = prets.length - lot.length;
          imp.status = restants === 0 ? 'termine' : 'envoi';
          return {
            envoyes: vue(imp).report.comptes.envoyes,
            restants,
            erreurs: 0,
            lot: lot.length,
            termine: restants === 0,
          };
        },
      ),
      abandonnerImport: fromPromise(async ({ input }: { input: { id: string } }) => {
        calls.push({ name: 'abandonnerImport', input });
        panne('abandonnerImport');
        imports.delete(input.id);
      }),
    },
  });

  /** The unfinished imports, as the accueil lists them. */
  const enCours = (): ImportEnCours[] =>
    [...imports.values()]
      .filter((i) => i.status !== 'termine')
      .map((i) => {
        const v = vue(i);
        return {
          id: i.id,
          caf: i.caf,
          status: i.status,
          fichier: { nom: i.nom },
          createdAt: AT,
          updatedAt: AT,
          lignes: v.report.comptes.lignes,
          prets: v.report.comptes.prets,
          envoyes: v.report.comptes.envoyes,
        };
      });

  return { machine, calls, imports, declares, enCours, vue: (id: string) => vue(trouver(id)) };
}
