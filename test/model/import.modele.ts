/**
 * The model of the import machine (machines/import.machine.ts, R-IM) on its own: the file
 * chosen (or refused), the columns confirmed or changed, the report (row 3 fixed in the page —
 * really fixed, or still wrong —, left out, taken back), « Importer un autre fichier », the
 * récapitulatif, the envoi batch by batch (a batch failing, « Interrompre l'envoi » during a
 * batch or while paused), the fin; and, started on an unfinished import, the resume at the step
 * it stopped (the report, a paused envoi, a finished import, or a failed load).
 *
 * The server's answers are the fake routes of test/machines/fixtures-import.ts over a 4-row file
 * (the real column dictionary and validator of forms/import.ts): w1 and w4 ready, w2 in error
 * (its aide au poste above its RG), w3's file radié. Each answer is built once per situation
 * (never changed: a model answers the same in the same state).
 */
import type { AnyStateNode } from 'xstate';
import {
  importMachine,
  type ImportContext,
  type ImportInput,
  type SortieImport,
} from '../../machines/import.machine.ts';
import type { AvancementEnvoi, ImportVue } from '../../machines/import.types.ts';
import type { ApiError } from '../../machines/types.ts';
import { csvImport, fakeImport, fichierCsv } from '../machines/fixtures-import.ts';
import {
  feuillesActives,
  generer,
  type Evenement,
  type Generation,
  type Modele,
  type Snapshot,
} from './generateur.ts';
import { panne } from './portail.modele.ts';

const ic = (s: Snapshot) => s.context as ImportContext;

/** The import the model resumes, and the file it sends. */
export const ID_IMPORT = 'imp-1';
export const CSV_MODELE = csvImport(4, [2]);
export const fichierModele = fichierCsv(CSV_MODELE);
/** The row in error (w2, the file's line 3), and what the user types for its aide au poste. */
export const N_ERREUR = 3;
export const AIDE_JUSTE = '680,00';
export const AIDE_FAUSSE = '1 400,00';

/** What the server holds of the import: its columns, row 3, how far the envoi went. */
interface Situation {
  /** « % du Smic » taken out of the mapping (the one change of columns the model makes). */
  sansSmic: boolean;
  ligne: 'fichier' | 'corrigee' | 'encore' | 'ignoree';
  /** Ready rows sent so far; `tous` once the import is finished. */
  envoyes: number | 'tous';
}

const situations = new WeakMap<ImportVue, Situation>();
const vues = new Map<string, ImportVue>();

/** The import as the fake server answers it in this situation (one object per situation). */
export function vueDe(sit: Situation): ImportVue {
  const cle = JSON.stringify(sit);
  const deja = vues.get(cle);
  if (deja) return deja;
  const fake = fakeImport({ existant: { id: ID_IMPORT, csv: CSV_MODELE } });
  const imp = fake.imports.get(ID_IMPORT)!;
  if (sit.sansSmic) imp.mapping = { ...imp.mapping, salaireDirectPct: null };
  const ligne = imp.lignes.find((l) => l.n === N_ERREUR)!;
  if (sit.ligne === 'corrigee') ligne.corrections = { aideAuPoste: AIDE_JUSTE };
  if (sit.ligne === 'encore') ligne.corrections = { aideAuPoste: AIDE_FAUSSE };
  if (sit.ligne === 'ignoree') ligne.ignoree = true;
  const prets = fake.vue(ID_IMPORT).report.lignes.filter((l) => l.statut === 'pret');
  const n = sit.envoyes === 'tous' ? prets.length : sit.envoyes;
  for (const l of prets.slice(0, n)) {
    imp.lignes.find((x) => x.n === l.n)!.envoye = true;
    fake.declares.add(l.travailleur!.id);
  }
  if (sit.envoyes === 'tous') imp.status = 'termine';
  else if (n > 0) imp.status = 'envoi';
  const vue = fake.vue(ID_IMPORT);
  situations.set(vue, sit);
  vues.set(cle, vue);
  return vue;
}

const depart: Situation = { sansSmic: false, ligne: 'fichier', envoyes: 0 };
const situationDe = (s: Snapshot): Situation => {
  const vue = ic(s).vue;
  return (vue && situations.get(vue)) ?? depart;
};

/** The file refused (as the server answers a PDF). */
export const fichierRefuse: ApiError = {
  status: 415,
  code: 'type-non-pris-en-charge',
  message: 'Envoyez un fichier CSV ou Excel (.xlsx).',
};

/** The user's ways out of the first step: the import's own button, and what the portal asks. */
const sortiesPortail: (SortieImport | undefined)[] = [
  undefined,
  'accueil',
  'motDePasse',
  'portail',
];

const modale = (s: Snapshot) =>
  feuillesActives(s).some((id) => /\.(confirmationQuitter|confirmationAbandon)$/.test(id));

/** The next batch the fake server sends: one certificat, the last one ends the envoi. */
function lot(c: ImportContext): AvancementEnvoi {
  const { envoyes, restants } = c.avancement ?? { envoyes: 0, restants: 0 };
  const n = Math.min(1, restants);
  return {
    envoyes: envoyes + n,
    restants: restants - n,
    erreurs: 0,
    lot: n,
    termine: restants <= n,
  };
}

export function modeleImport(input: ImportInput): Modele {
  const reprise = !!input.reprise;
  return {
    nom: reprise ? 'import (repris)' : 'import',
    machine: importMachine,
    input,
    issues: {
      envoyerFichier: { sorties: () => [vueDe(depart)], erreurs: () => [fichierRefuse] },
      chargerImport: {
        sorties: (s) =>
          s.matches('chargement' as never)
            ? [
                vueDe(depart),
                vueDe({ ...depart, envoyes: 1 }),
                vueDe({ ...depart, envoyes: 'tous' }),
              ]
            : [vueDe({ ...situationDe(s), envoyes: 'tous' })],
        erreurs: () => [panne],
      },
      changerCorrespondance: {
        sorties: (s) => [
          vueDe({ ...situationDe(s), sansSmic: ic(s).correspondance?.salaireDirectPct === null }),
        ],
        erreurs: () => [panne],
      },
      modifierLigne: {
        sorties: (s) => {
          const m = ic(s).modification;
          const sit = situationDe(s);
          if (m?.ignorer !== undefined)
            return [vueDe({ ...sit, ligne: m.ignorer ? 'ignoree' : 'fichier' })];
          const corrigee = m?.valeurs?.aideAuPoste === AIDE_JUSTE;
          return [vueDe({ ...sit, ligne: corrigee ? 'corrigee' : 'encore' })];
        },
        erreurs: () => [panne],
      },
      envoyerLot: { sorties: (s) => [lot(ic(s))], erreurs: () => [panne] },
      abandonnerImport: { sorties: () => [undefined], erreurs: () => [panne] },
    },
    evenements: (s) => {
      const c = ic(s);
      const ligne = c.vue?.report.lignes.find((l) => l.n === N_ERREUR);
      const modifiee =
        !!c.vue &&
        !!c.correspondance &&
        Object.entries(c.correspondance).some(([k, v]) => (c.vue!.mapping[k] ?? null) !== v);
      const tous: Record<string, Evenement[]> = {
        'fichier.choisir': [{ type: 'fichier.choisir', fichier: fichierModele }],
        // One change of columns, from the mapping the server holds: « % du Smic » out, or back.
        'correspondance.choisir':
          modifiee || !c.correspondance
            ? []
            : [
                {
                  type: 'correspondance.choisir',
                  champ: 'salaireDirectPct',
                  index: c.correspondance.salaireDirectPct === null ? 7 : null,
                },
              ],
        'ligne.corriger': [{ type: 'ligne.corriger', n: N_ERREUR }],
        'ligne.ignorer': ligne
          ? [{ type: 'ligne.ignorer', n: N_ERREUR, ignorer: ligne.statut !== 'ignoree' }]
          : [],
        // The aide au poste retyped, right or still above the RG (from what the row holds).
        'correction.changer':
          c.saisie && ligne && c.saisie.aideAuPoste === ligne.valeurs.aideAuPoste
            ? [AIDE_JUSTE, AIDE_FAUSSE]
                .filter((v) => v !== c.saisie!.aideAuPoste)
                .map((valeur) => ({ type: 'correction.changer', champ: 'aideAuPoste', valeur }))
            : [],
        'import.quitter': s.matches({ fichier: 'choix' } as never)
          ? sortiesPortail.map((vers) => ({ type: 'import.quitter', ...(vers ? { vers } : {}) }))
          : [{ type: 'import.quitter' }],
      };
      // A call under way: the user waits — but may interrupt the envoi during a batch.
      const attente = s._nodes.some((n: AnyStateNode) => n.invoke.length > 0);
      const enLot = s.matches({ envoi: 'lot' } as never);
      // Resumed: the model plays the resume itself (what follows is the new import's model).
      const repris =
        !reprise ||
        s.matches('chargement' as never) ||
        s.matches('echec' as never) ||
        s.matches('envoi' as never) ||
        s.matches('fin' as never);
      const out: Partial<Record<string, Evenement[]>> = {};
      for (const type of new Set<string>(
        s._nodes.flatMap((n: AnyStateNode) => n.ownEvents as string[]),
      )) {
        if (type.startsWith('xstate.')) continue;
        const permis =
          repris &&
          (!attente || (enLot && type === 'import.quitter')) &&
          modale(s) === /^(quitter|abandon)\./.test(type);
        out[type] = permis ? (tous[type] ?? [{ type }]).filter((e) => s.can(e as never)) : [];
      }
      return out;
    },
    cle: (s) => {
      const c = ic(s);
      return JSON.stringify([
        s.value,
        s.status,
        c.vue ? [situationDe(s), c.vue.status] : null,
        c.correspondance?.salaireDirectPct ?? null,
        c.ligne ?? null,
        c.saisie?.aideAuPoste ?? null,
        c.modification ?? null,
        c.avancement ? [c.avancement.envoyes, c.avancement.restants] : null,
        !!c.enPause,
        c.sortie ?? null,
        !!c.succes,
        c.erreur?.code ?? null,
      ]);
    },
    // One path per screen and message (every transition gets its own path besides).
    vue: (s) =>
      JSON.stringify([s.value, !!ic(s).succes, ic(s).erreur?.code ?? null, !!ic(s).enPause]),
  };
}

/** The two starts of the import: a new one from Mes travailleurs, one resumed from the accueil. */
export const entreesImport: ImportInput[] = [{ caf: '751' }, { caf: '751', reprise: ID_IMPORT }];

const generations = new Map<string, Generation>();
/** The import's generated paths for a start, built once per test file. */
export function importGenere(input: ImportInput): Generation {
  const cle = JSON.stringify(input);
  let g = generations.get(cle);
  if (!g) generations.set(cle, (g = generer(modeleImport(input))));
  return g;
}
