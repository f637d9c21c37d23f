/**
 * R-IM: the import of a payroll file — its templates, the file sent as the request's body (CSV
 * or XLSX, its own size limit), the report before anything is sent, the mapping and the rows
 * fixed in the page, the envoi in batches that resumes, the report as CSV and the summary PDF;
 * and « Même montants que l'an dernier » for one saisie. Everything confined to the user's Esat
 * (another Esat's import is unknown: 404) and to the Caf whose identifiant was given (R-AC-7).
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { toSaisie } from '../../forms/index.ts';
import { campagne, isoToday } from '../../forms/calendrier.ts';
import {
  champsImport,
  correspondanceProposee,
  colonneDe,
  type ChampImport,
} from '../../forms/import.ts';
import { fail, messages } from '../errors.ts';
import { type Ctx, type Env } from '../context.ts';
import { contrat as defs } from '../contract/routes.ts';
import { createContrat } from '../contract/valider.ts';
import {
  referenceCourte,
  referenceSequence,
  type ImportRecord,
  type UserRecord,
} from '../store/index.ts';
import { LIMITE_OCTETS, lireFichier, messagesLecture } from '../import/lecture.ts';
import { mondeImport, verifierImport, type Rapport } from '../import/rapport.ts';
import { modeleCsv, modeleXlsx, rapportCsv } from '../import/fichiers.ts';
import { pdfImport } from '../import/pdf.ts';
import { createEnvoi, LOT_DEFAUT, LOT_MAX, messageImportInconnu } from '../import/envoi.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** What a browser or a script may call a CSV or XLSX file (Windows calls a .csv « vnd.ms-excel »). */
const typesAcceptes = [
  'text/csv',
  'text/plain',
  'application/csv',
  'text/comma-separated-values',
  'application/vnd.ms-excel',
  XLSX,
  'application/octet-stream',
];
/** Unfinished imports one user may keep at once. */
const IMPORTS_EN_COURS = 10;

const messagesImport = {
  type: 'Envoyez un fichier CSV ou Excel (.xlsx).',
  cafInconnue: "Cette Caf n'est pas celle de votre établissement.",
  tropDImports: `Vous avez déjà ${IMPORTS_EN_COURS} imports en cours : terminez-en un ou abandonnez-le avant d'en commencer un autre.`,
  envoiCommence:
    "L'envoi des certificats a commencé : la correspondance des colonnes ne peut plus changer.",
  termine: 'Cet import est terminé : importez un nouveau fichier pour les lignes qui restent.',
  ligneInconnue: "Cette ligne n'existe pas dans le fichier importé.",
  ligneEnvoyee: 'Le certificat de cette ligne est déjà enregistré : il ne peut plus changer.',
  identiteAbsente:
    'Choisissez la colonne du n° allocataire, ou celles du nom, du prénom et de la date de naissance : sans elles, aucun travailleur ne peut être reconnu.',
  precedentAbsent:
    "Aucun certificat d'emploi n'a été enregistré pour ce travailleur lors de la campagne précédente.",
} as const;

/** The file's name as the browser sent it (X-Filename, percent-encoded when not ASCII). */
function nomFichier(header: string | undefined, format: 'csv' | 'xlsx'): string {
  let nom = header ?? '';
  try {
    nom = decodeURIComponent(nom);
  } catch {
    /* kept as sent */
  }
  nom = nom
    .split(/[/\\]/)
    .pop()!
    .replace(/[\p{C}"]/gu, '')
    .trim()
    .slice(0, 120);
  return nom || `fichier.${format}`;
}

/** An import as the UI gets it: the columns and their fields, the mapping, the report. */
function importView(record: ImportRecord, report: Rapport) {
  return {
    id: record.id,
    reference: record.reference ?? null,
    caf: record.caf,
    status: record.status,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    campaignYear: record.campaignYear,
    fichier: record.fichier,
    columns: record.entetes.map((header, index) => ({
      index,
      header,
      field: champsImport.find((champ) => record.mapping[champ] === index) ?? null,
    })),
    mapping: record.mapping,
    accuseEnvoye: !!record.accuseEnvoye,
    report,
  };
}

/** An import as every route of it answers (for the UI's machine and screens). */
export type ImportView = ReturnType<typeof importView>;

/** Mounted by createApp() with app.route(). */
export function importRoutes(ctx: Ctx) {
  const { store, today, now, journal, esatOf, exigerIdentifiant } = ctx;
  const { workerOf } = ctx;
  const contrat = createContrat(ctx);
  const d = defs.imports;
  const { envoyer } = createEnvoi(ctx);

  /** An import of the user's Esat, its Caf's identifiant given (R-AC-7), or 404. */
  const importOf = async (c: Context<Env>) => {
    const user = c.get('user');
    const record = await store.get('imports', c.req.param('id') ?? '');
    if (!record || record.esat !== user.esat) fail(404, 'import-inconnu', messageImportInconnu);
    await exigerIdentifiant(c, record.caf);
    return record;
  };
  /** The import checked against the store as it is now (R-IM-3/4). */
  const verifie = async (record: ImportRecord) =>
    verifierImport(record, await mondeImport(store, record, today()), today());

  /** Changes an import in a transaction, checks it again, answers the new view. */
  const modifier = async (c: Context<Env>, id: string, change: (record: ImportRecord) => void) => {
    const user = c.get('user');
    const day = today();
    const view = await store.transaction(async (tx) => {
      const found = await tx.get('imports', id);
      if (!found || found.esat !== user.esat) fail(404, 'import-inconnu', messageImportInconnu);
      const record = structuredClone(found);
      change(record);
      const { rows, rapport } = verifierImport(record, await mondeImport(tx, record, day), day);
      record.rows = rows;
      record.updatedAt = now().toISOString();
      await tx.put('imports', record);
      return importView(record, rapport);
    });
    return c.json(view);
  };

  const pasTermine = (record: ImportRecord) => {
    if (record.status === 'termine') fail(409, 'import-termine', messagesImport.termine);
  };

  const attachment = (name: string) => `attachment; filename="${name}"`;

  return (
    new Hono<Env>()
      // R-IM-1: the templates.
      .get(d.modeleCsv.path, contrat(d.modeleCsv), (c) =>
        c.body(modeleCsv(), 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': attachment('modele-certificats.csv'),
        }),
      )
      .get(d.modeleXlsx.path, contrat(d.modeleXlsx), async (c) =>
        c.body((await modeleXlsx()) as Uint8Array<ArrayBuffer>, 200, {
          'Content-Type': XLSX,
          'Content-Disposition': attachment('modele-certificats.xlsx'),
        }),
      )
      // R-IM-2/3/4: the file, read and checked; nothing is sent yet.
      .post(
        d.importer.path,
        contrat(d.importer),
        bodyLimit({
          maxSize: LIMITE_OCTETS,
          onError: () => fail(413, 'fichier-trop-gros', messagesLecture.tropGros),
        }),
        async (c) => {
          const user = c.get('user');
          const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
          if (!typesAcceptes.includes(type))
            fail(415, 'type-non-pris-en-charge', messagesImport.type);
          const esat = (await esatOf(user))!;
          const caf = c.req.valid('query').caf ?? esat.cafs[0];
          if (!esat.cafs.includes(caf)) fail(404, 'caf-inconnue', messagesImport.cafInconnue);
          await exigerIdentifiant(c, caf);
          const day = today();
          if (!campagne(day).certificatOpen) fail(422, 'campagne-fermee', messages.campagneFermee);
          const enCours = (await store.find('imports', { userEmail: user.email })).filter(
            (i) => i.status !== 'termine',
          );
          if (enCours.length >= IMPORTS_EN_COURS)
            fail(409, 'trop-d-imports', messagesImport.tropDImports);
          const tableau = await lireFichier(new Uint8Array(await c.req.arrayBuffer()));
          const at = now().toISOString();
          const record: ImportRecord = {
            id: randomUUID(),
            esat: esat.siret,
            caf,
            userEmail: user.email,
            createdAt: at,
            updatedAt: at,
            status: 'verification',
            fichier: {
              nom: nomFichier(c.req.header('x-filename'), tableau.format),
              format: tableau.format,
              ...(tableau.encodage ? { encodage: tableau.encodage } : {}),
              ...(tableau.separateur ? { separateur: tableau.separateur } : {}),
              ...(tableau.feuille ? { feuille: tableau.feuille } : {}),
              ligneEntete: tableau.ligneEntete,
            },
            campaignYear: campagne(day).year,
            entetes: tableau.entetes,
            mapping: correspondanceProposee(tableau.entetes),
            rows: tableau.lignes.map((l) => ({ n: l.n, cells: l.cellules, statut: 'pret' })),
          };
          const view = await store.transaction(async (tx) => {
            // Like a declaration's (R-FL-5): IM, the campaign's year, a sequence per prefix.
            const prefixe = `IM-${record.campaignYear}`;
            const numero = await tx.next(referenceSequence(prefixe));
            record.reference = referenceCourte(prefixe, numero);
            const monde = await mondeImport(tx, record, day);
            const { rows, rapport } = verifierImport(record, monde, day);
            record.rows = rows;
            await tx.insert('imports', record);
            return importView(record, rapport);
          });
          journal({ action: 'import-cree', who: user.email, import: record.id });
          return c.json(view, 201);
        },
      )
      // The user's unfinished imports, offered back on the accueil (like drafts, R-SE-2).
      .get(d.enCours.path, contrat(d.enCours), async (c) => {
        const user = c.get('user');
        const compte = (r: ImportRecord, s: string) => r.rows.filter((x) => x.statut === s).length;
        return c.json(
          (await store.find('imports', { userEmail: user.email }))
            .filter((i) => i.esat === user.esat && i.status !== 'termine')
            .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
            .map((i) => ({
              id: i.id,
              caf: i.caf,
              status: i.status,
              fichier: { nom: i.fichier.nom },
              createdAt: i.createdAt,
              updatedAt: i.updatedAt,
              lignes: i.rows.length,
              prets: compte(i, 'pret'),
              envoyes: compte(i, 'envoye'),
            })),
        );
      })
      .get(d.lire.path, contrat(d.lire), async (c) => {
        const record = await importOf(c);
        return c.json(importView(record, (await verifie(record)).rapport));
      })
      // R-IM-2: the user confirms or changes which column holds which field.
      .put(d.correspondance.path, contrat(d.correspondance), async (c) => {
        const body = c.req.valid('json');
        const record = await importOf(c);
        // The contract checked the names and the types; the columns are those of this file.
        const given = body.mapping as Partial<Record<ChampImport, number | null>>;
        const fields: { path: string; message: string }[] = [];
        const mapping: Record<string, number | null> = {};
        const prise = new Map<number, ChampImport>();
        for (const champ of champsImport) {
          const value = given[champ] ?? null;
          if (value !== null && value >= record.entetes.length) {
            fields.push({
              path: `/mapping/${champ}`,
              message: "Cette colonne n'existe pas dans le fichier.",
            });
            continue;
          }
          if (value !== null && prise.has(value)) {
            fields.push({
              path: `/mapping/${champ}`,
              message: `La colonne « ${record.entetes[value]} » est déjà choisie pour « ${colonneDe(prise.get(value)!).entete} ».`,
            });
            continue;
          }
          if (value !== null) prise.set(value, champ);
          mapping[champ] = value;
        }
        if (fields.length > 0) fail(422, 'validation', messages.requeteInvalide, fields);
        const has = (champ: ChampImport) => mapping[champ] !== null;
        if (!has('numeroAllocataire') && !(has('nom') && has('prenom') && has('dateNaissance')))
          fail(422, 'correspondance-incomplete', messagesImport.identiteAbsente, [
            { path: '/mapping/numeroAllocataire', message: messagesImport.identiteAbsente },
          ]);
        return modifier(c, record.id, (r) => {
          if (r.status !== 'verification')
            fail(409, 'envoi-commence', messagesImport.envoiCommence);
          r.mapping = mapping;
        });
      })
      // R-IM-4: one row fixed in the page (the saisie's widgets send text), or left out.
      .patch(d.ligne.path, contrat(d.ligne), async (c) => {
        const body = c.req.valid('json');
        const valeurs = body.valeurs ?? {};
        const record = await importOf(c);
        const n = Number(c.req.param('n'));
        if (!record.rows.some((r) => r.n === n))
          fail(404, 'ligne-inconnue', messagesImport.ligneInconnue);
        return modifier(c, record.id, (r) => {
          pasTermine(r);
          const row = r.rows.find((x) => x.n === n)!;
          if (row.statut === 'envoye') fail(409, 'ligne-envoyee', messagesImport.ligneEnvoyee);
          const corrections = { ...row.corrections };
          for (const [k, v] of Object.entries(valeurs)) {
            if (v === null) delete corrections[k];
            else corrections[k] = v;
          }
          row.corrections = corrections;
          if (Object.keys(corrections).length === 0) delete row.corrections;
          if (body.ignorer !== undefined) row.ignoree = body.ignorer;
          if (!row.ignoree) delete row.ignoree;
          delete row.echec;
        });
      })
      // R-IM-4: the report as CSV, with an « Erreur » column.
      .get(d.rapport.path, contrat(d.rapport), async (c) => {
        const record = await importOf(c);
        const { rapport } = await verifie(record);
        return c.body(rapportCsv(record, rapport), 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': attachment(`rapport-import-${record.createdAt.slice(0, 10)}.csv`),
        });
      })
      // R-IM-5: the next batch of ready rows; the UI calls it until restants = 0.
      .post(d.envoi.path, contrat(d.envoi), async (c) => {
        const raw = c.req.valid('query').lot;
        const record = await importOf(c);
        const taille = Math.min(Math.max(Number(raw ?? LOT_DEFAUT), 1), LOT_MAX);
        const avancement = await envoyer(record.id, c.get('user'), taille, (caf) =>
          exigerIdentifiant(c, caf),
        );
        return c.json(avancement);
      })
      // R-IM-5: the summary PDF.
      .get(d.pdf.path, contrat(d.pdf), async (c) => {
        const record = await importOf(c);
        const [esat, caf, { rapport }] = await Promise.all([
          store.get('esats', record.esat),
          store.get('cafs', record.caf),
          verifie(record),
        ]);
        const bytes = await pdfImport({
          record,
          rapport,
          esat: esat!,
          caf,
          now: now().toISOString(),
        });
        return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
          'Content-Type': 'application/pdf',
          'Content-Disposition': attachment(`import-${record.createdAt.slice(0, 10)}.pdf`),
        });
      })
      // Abandon: the import and its rows go; certificats already sent stay (never changed).
      .delete(d.abandonner.path, contrat(d.abandonner), async (c) => {
        const record = await importOf(c);
        await store.transaction((tx) => tx.remove('imports', record.id));
        return c.body(null, 204);
      })
      // « Même montants que l'an dernier »: last campaign's certificat, to prefill a saisie.
      .get(d.precedent.path, contrat(d.precedent), async (c) => {
        const user: UserRecord = c.get('user');
        const worker = await workerOf(user, c.req.param('id'));
        await exigerIdentifiant(c, worker.caf);
        const year = campagne(today()).year - 1;
        const precedent = (
          await store.find(
            'declarations',
            { workerId: worker.id, kind: 'certificat' },
            { orderBy: { field: 'submittedAt', direction: 'desc' } },
          )
        ).filter(
          (d) => (d.campaignYear ?? campagne(isoToday(new Date(d.submittedAt))).year) === year,
        )[0];
        // 'introuvable': a worker without last year's certificat is no refusal to audit.
        if (!precedent) fail(404, 'introuvable', messagesImport.precedentAbsent);
        return c.json({
          id: precedent.id,
          campaignYear: year,
          submittedAt: precedent.submittedAt,
          data: precedent.data,
          saisie: toSaisie('certificat', precedent.data),
        });
      })
  );
}
