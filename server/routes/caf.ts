/**
 * The agent Caf's routes (SPEC §10): the campaign (R-CA-1), the fiche Esat (R-CA-2), the
 * declarations received (R-CA-3), their export (R-CA-4) and état (R-CA-5), the reminders
 * (R-CA-6), the access of the Esat (R-CA-7), the avis. Everything confined to the agent's Caf:
 * another Caf's Esat, worker or declaration is unknown (404). The data comes from the store
 * operations of caf-store.ts, never from arrays scanned here.
 */
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { hash } from '@node-rs/argon2';
import { bornesDates, campagne } from '../../forms/calendrier.ts';
import { declarationKinds, type DeclarationKind, type FieldError } from '../../forms/index.ts';
import type {
  ApercuRelance,
  Campagne,
  DeclarationDetail,
  Etat,
  FicheEsat,
  FiltreDeclarations,
  PageDeclarations,
  RelancesEnvoyees,
} from '../../machines/caf.types.ts';
import { fail, messages } from '../errors.ts';
import { relanceCertificats } from '../mail.ts';
import { pdfDeDeclaration } from '../pdf.ts';
import type { UserRecord } from '../store/index.ts';
import {
  avisCaf,
  campagneCaf,
  campagneParDefaut,
  changerActivite,
  courbeCertificats,
  creerUtilisateur,
  dateLimite,
  declarationCaf,
  declarationRecordCaf,
  declarationsCaf,
  declarationsPourExport,
  enregistrerExport,
  enregistrerRelances,
  esatDeLaCaf,
  esatsEnRetard,
  ficheEsatCaf,
  idsExport,
  ligneCampagne,
  marquerEtat,
  relanceeLe,
  trisCampagne,
  utilisateurDeLaCaf,
  utilisateursActifs,
  utilisateurVu,
  type TriCampagne,
} from '../caf-store.ts';
import { fichierCsv, fichierJson, fichierXlsx } from '../exports/fichiers.ts';
import { nomFichier } from '../exports/colonnes.ts';
import { EMAIL, isObject, jsonBody, type Ctx, type Env } from '../context.ts';

const etats: readonly Etat[] = ['a-traiter', 'traitee'];
const formats = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
} as const;
type Format = keyof typeof formats;

const messagesCaf = {
  esatInconnu: "Cet établissement n'est pas suivi par votre Caf.",
  utilisateurInconnu: "Cet utilisateur n'appartient pas à un établissement suivi par votre Caf.",
  exportInconnu: 'Cet export est introuvable.',
};

/** A query parameter read and checked; every refusal is a 400 naming the parameter. */
function lecteur(c: Context<Env>) {
  const erreurs: FieldError[] = [];
  const brut = (name: string) => {
    const v = c.req.query(name);
    return v === undefined || v === '' ? undefined : v;
  };
  const refuser = (name: string, message: string) => {
    erreurs.push({ path: `/${name}`, message });
    return undefined;
  };
  const jourReel = (v: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
    const [y, m, d] = v.split('-').map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  };
  return {
    entier(name: string, fallback: number, max = Number.MAX_SAFE_INTEGER) {
      const v = brut(name);
      if (v === undefined) return fallback;
      if (!/^\d{1,9}$/.test(v) || Number(v) < 1)
        return refuser(name, 'Un nombre entier positif est attendu.') ?? fallback;
      return Math.min(Number(v), max);
    },
    annee(name: string, fallback: number) {
      const v = brut(name);
      if (v === undefined) return fallback;
      if (!/^\d{4}$/.test(v) || Number(v) < 2000 || Number(v) > 2100)
        return (
          refuser(name, 'Une année sur 4 chiffres est attendue, par exemple 2026.') ?? fallback
        );
      return Number(v);
    },
    jour(name: string) {
      const v = brut(name);
      if (v === undefined) return undefined;
      if (!jourReel(v)) return refuser(name, 'Une date réelle au format AAAA-MM-JJ est attendue.');
      return v;
    },
    parmi<T extends string>(name: string, values: readonly T[], message: string): T | undefined {
      const v = brut(name);
      if (v === undefined) return undefined;
      if (!(values as readonly string[]).includes(v)) return refuser(name, message);
      return v as T;
    },
    texte(name: string, max = 200) {
      const v = brut(name);
      if (v !== undefined && v.length > max)
        return refuser(name, `Au plus ${max} caractères sont attendus.`);
      return v;
    },
    refuser,
    /** Stops with a 400 if any parameter was refused. */
    verifier() {
      if (erreurs.length > 0)
        fail(
          400,
          'requete-invalide',
          'Certains paramètres de la demande ne sont pas valides.',
          erreurs,
        );
    },
  };
}

/** Mounted by createApp() with app.route(). */
export function cafRoutes(ctx: Ctx) {
  const { store, mailer, today, now, clock, journal, logError, closeSessionsOf } = ctx;
  const { authenticated, espaceCaf } = ctx;
  const agent = [authenticated, espaceCaf] as const;
  const cafOf = (c: Context<Env>) => c.get('user').caf!;
  const nomCaf = async (code: string) => (await store.get('cafs', code))?.name ?? `Caf ${code}`;

  /** The filter of the list and of the export (R-CA-3/4), checked; an unknown Esat is a 404. */
  async function filtreDe(c: Context<Env>, q: ReturnType<typeof lecteur>) {
    const filtre: FiltreDeclarations = {
      kind: q.parmi<DeclarationKind>('kind', declarationKinds, 'Type de déclaration inconnu.'),
      esat: q.texte('esat', 14),
      from: q.jour('from'),
      to: q.jour('to'),
      etat: q.parmi('etat', etats, 'État attendu : « a-traiter » ou « traitee ».'),
    };
    if (filtre.from && filtre.to && filtre.from > filtre.to)
      q.refuser('to', 'La date de fin est avant la date de début.');
    q.verifier();
    if (filtre.esat && !(await esatDeLaCaf(store, cafOf(c), filtre.esat)))
      fail(404, 'esat-inconnu', messagesCaf.esatInconnu);
    return Object.fromEntries(
      Object.entries(filtre).filter(([, v]) => v !== undefined),
    ) as FiltreDeclarations;
  }

  /** R-CA-6: the Esat a reminder goes to — a list of this Caf's, or all those late. */
  async function destinataires(caf: string, year: number, esats: string[] | 'retard') {
    if (esats === 'retard') return esatsEnRetard(store, caf, year);
    const lignes = [];
    for (const [i, siret] of esats.entries()) {
      const ligne = (await esatDeLaCaf(store, caf, siret))
        ? await ligneCampagne(store, caf, year, siret)
        : undefined;
      if (!ligne)
        fail(404, 'esat-inconnu', messagesCaf.esatInconnu, [
          { path: `/esats/${i}`, message: messagesCaf.esatInconnu },
        ]);
      lignes.push(ligne);
    }
    return lignes;
  }

  const mailDe = async (
    caf: string,
    year: number,
    l: { siret: string; name: string; manquants: number; attendus: number },
    to: string[],
  ) =>
    relanceCertificats({
      to,
      caf: await nomCaf(caf),
      esat: { name: l.name, siret: l.siret },
      year,
      manquants: l.manquants,
      attendus: l.attendus,
      deadline: dateLimite(year),
    });

  return (
    new Hono<Env>()
      // The avis given on the Fin page (R-FL-5), for the agents of the declaration's Caf.
      .get('/api/avis', ...agent, async (c) => c.json(await avisCaf(store, cafOf(c))))
      .get('/api/caf/campagne', ...agent, async (c) => {
        const q = lecteur(c);
        const day = today();
        const year = q.annee('year', campagneParDefaut(day));
        const sort = q.parmi<TriCampagne>(
          'sort',
          trisCampagne,
          `Tri attendu : ${trisCampagne.map((t) => `« ${t} »`).join(', ')}.`,
        );
        const search = q.texte('q');
        const page = q.entier('page', 1);
        const pageSize = q.entier('pageSize', 20, 100);
        q.verifier();
        const caf = cafOf(c);
        const { opens, closes } = campagne(`${year}-12-01`);
        const table = await campagneCaf(store, caf, year, { q: search, sort, page, pageSize });
        return c.json({
          campaign: { year, opens, closes, deadline: dateLimite(year) },
          today: day,
          ...table,
          page,
          pageSize,
          daily: await courbeCertificats(store, caf, year),
          previous: { year: year - 1, daily: await courbeCertificats(store, caf, year - 1) },
        } satisfies Campagne);
      })
      .get('/api/caf/esats/:siret', ...agent, async (c) => {
        const q = lecteur(c);
        const year = q.annee('year', campagneParDefaut(today()));
        q.verifier();
        const fiche = await ficheEsatCaf(
          store,
          cafOf(c),
          c.req.param('siret'),
          year,
          bornesDates(today()).deuxAns,
        );
        if (!fiche) fail(404, 'esat-inconnu', messagesCaf.esatInconnu);
        return c.json(fiche satisfies FicheEsat);
      })
      .get('/api/caf/declarations', ...agent, async (c) => {
        const q = lecteur(c);
        const page = q.entier('page', 1);
        const pageSize = q.entier('pageSize', 20, 100);
        const filtre = await filtreDe(c, q);
        const liste = await declarationsCaf(store, cafOf(c), filtre, { page, pageSize });
        return c.json(liste satisfies PageDeclarations);
      })
      .get('/api/caf/declarations/:id', ...agent, async (c) => {
        const detail = await declarationCaf(store, cafOf(c), c.req.param('id'));
        if (!detail) fail(404, 'declaration-inconnue', messages.declarationInconnue);
        return c.json(detail satisfies DeclarationDetail);
      })
      .get('/api/caf/declarations/:id/pdf', ...agent, async (c) => {
        const declaration = await declarationRecordCaf(store, cafOf(c), c.req.param('id'));
        if (!declaration) fail(404, 'declaration-inconnue', messages.declarationInconnue);
        journal({
          action: 'pdf-telecharge',
          who: c.get('user').email,
          worker: declaration.workerId,
          declaration: declaration.id,
        });
        const { bytes, filename } = await pdfDeDeclaration(store, declaration);
        return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
          'Content-Type': 'application/pdf',
          'Content-Disposition': `attachment; filename="${filename}"`,
        });
      })
      // R-CA-4: the declarations of the filter as a file, streamed; the export is recorded first.
      .get('/api/caf/export', ...agent, async (c) => {
        const q = lecteur(c);
        const format = q.parmi<Format>(
          'format',
          Object.keys(formats) as Format[],
          'Format attendu : « csv », « xlsx » ou « json ».',
        );
        if (!c.req.query('format'))
          q.refuser('format', 'Choisissez le format : « csv », « xlsx » ou « json ».');
        const filtre = await filtreDe(c, q);
        const caf = cafOf(c);
        const user = c.get('user');
        const record = await enregistrerExport(store, caf, filtre, {
          by: user.email,
          at: now().toISOString(),
          format: format!,
        });
        journal({
          action: 'export-caf',
          who: user.email,
          format,
          export: record.id,
          count: record.declarationIds.length,
        });
        const lignes = declarationsPourExport(store, caf, record.id);
        const body =
          format === 'csv'
            ? fichierCsv(lignes)
            : format === 'xlsx'
              ? fichierXlsx(lignes)
              : fichierJson(record.id, lignes);
        return c.body(body, 200, {
          'Content-Type': formats[format!],
          'Content-Disposition': `attachment; filename="${nomFichier(caf, today(), format!)}"`,
          'X-Export-Id': record.id,
        });
      })
      // R-CA-5: « traitée » for one, a selection or an export; back to « à traiter » with a reason.
      .post('/api/caf/traitement', ...agent, async (c) => {
        const body = await jsonBody(c);
        if (!isObject(body)) fail(400, 'requete-invalide', messages.requeteInvalide);
        const erreurs: FieldError[] = [];
        const parIds = body.ids !== undefined;
        const parExport = body.exportId !== undefined;
        if (parIds === parExport)
          erreurs.push({
            path: '/ids',
            message: 'Donnez soit les déclarations (ids), soit l’export (exportId).',
          });
        if (
          parIds &&
          (!Array.isArray(body.ids) ||
            body.ids.length === 0 ||
            !body.ids.every((id) => typeof id === 'string' && id.length <= 100))
        )
          erreurs.push({
            path: '/ids',
            message: 'Une liste non vide d’identifiants de déclaration est attendue.',
          });
        if (parExport && typeof body.exportId !== 'string')
          erreurs.push({ path: '/exportId', message: "L'identifiant de l'export est attendu." });
        if (!(etats as readonly unknown[]).includes(body.etat))
          erreurs.push({ path: '/etat', message: 'État attendu : « traitee » ou « a-traiter ».' });
        const motif = typeof body.motif === 'string' ? body.motif.trim() : undefined;
        if (body.motif !== undefined && typeof body.motif !== 'string')
          erreurs.push({ path: '/motif', message: 'Le motif est un texte.' });
        if (erreurs.length) fail(400, 'requete-invalide', messages.requeteInvalide, erreurs);
        const etat = body.etat as Etat;
        if (etat === 'a-traiter' && !motif)
          fail(422, 'motif-requis', 'Indiquez le motif du retour « à traiter ».', [
            { path: '/motif', message: 'Indiquez le motif du retour « à traiter ».' },
          ]);
        if (motif && motif.length > 500)
          fail(422, 'motif-trop-long', 'Le motif comporte au plus 500 caractères.', [
            { path: '/motif', message: 'Le motif comporte au plus 500 caractères.' },
          ]);
        const caf = cafOf(c);
        const user = c.get('user');
        let ids = body.ids as string[] | undefined;
        if (parExport) {
          ids = await idsExport(store, caf, body.exportId as string);
          if (!ids) fail(404, 'export-inconnu', messagesCaf.exportInconnu);
        }
        const outcome = await marquerEtat(store, caf, ids!, {
          etat,
          by: user.email,
          at: now().toISOString(),
          ...(etat === 'a-traiter' ? { motif } : {}),
        });
        if ('inconnus' in outcome) fail(404, 'declaration-inconnue', messages.declarationInconnue);
        journal({
          action: 'traitement',
          who: user.email,
          etat,
          count: outcome.updated,
          ...(parExport ? { export: body.exportId as string } : {}),
          ...(ids!.length === 1 ? { declaration: ids![0] } : {}),
        });
        return c.json({ updated: outcome.updated });
      })
      // R-CA-6: what a reminder would send, before sending.
      .get('/api/caf/relances/apercu', ...agent, async (c) => {
        const q = lecteur(c);
        const year = q.annee('year', campagneParDefaut(today()));
        const raw = q.texte('esats', 20_000);
        if (!raw)
          q.refuser(
            'esats',
            'Choisissez les établissements (SIRET séparés par des virgules) ou « retard ».',
          );
        q.verifier();
        const caf = cafOf(c);
        const choix =
          raw === 'retard'
            ? 'retard'
            : raw!
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean);
        const lignes = await destinataires(caf, year, choix);
        const jour = today();
        const liste = [];
        for (const l of lignes) {
          liste.push({
            siret: l.siret,
            name: l.name,
            manquants: l.manquants,
            users: (await utilisateursActifs(store, l.siret)).length,
            dejaRelanceeAujourdhui: await relanceeLe(store, caf, l.siret, year, jour),
          });
        }
        const exemple = await mailDe(
          caf,
          year,
          lignes[0] ?? { siret: '…', name: '…', manquants: 0, attendus: 0 },
          [],
        );
        return c.json({
          subject: exemple.subject,
          text: exemple.text,
          destinataires: liste,
        } satisfies ApercuRelance);
      })
      // R-CA-6: one mail per Esat to its active users; twice the same day asks for confirmation.
      .post('/api/caf/relances', ...agent, async (c) => {
        const body = await jsonBody(c);
        if (!isObject(body)) fail(400, 'requete-invalide', messages.requeteInvalide);
        const erreurs: FieldError[] = [];
        if (
          !Number.isInteger(body.year) ||
          (body.year as number) < 2000 ||
          (body.year as number) > 2100
        )
          erreurs.push({
            path: '/year',
            message: 'Une année sur 4 chiffres est attendue, par exemple 2026.',
          });
        const esats = body.esats;
        if (
          esats !== 'retard' &&
          !(
            Array.isArray(esats) &&
            esats.length > 0 &&
            esats.length <= 2000 &&
            esats.every((s) => typeof s === 'string')
          )
        )
          erreurs.push({
            path: '/esats',
            message: 'Choisissez les établissements (SIRET) ou « retard ».',
          });
        if (body.confirmer !== undefined && typeof body.confirmer !== 'boolean')
          erreurs.push({ path: '/confirmer', message: 'Vrai ou faux est attendu.' });
        if (erreurs.length) fail(400, 'requete-invalide', messages.requeteInvalide, erreurs);
        const year = body.year as number;
        const jour = today();
        // R-CA-6: a reminder for a campaign that has opened (1 December of its year).
        if (campagne(`${year}-12-01`).opens > jour)
          fail(422, 'campagne-non-ouverte', `La campagne ${year} n'est pas encore ouverte.`, [
            { path: '/year', message: `La campagne ${year} n'est pas encore ouverte.` },
          ]);
        const caf = cafOf(c);
        const user = c.get('user');
        const choix = esats === 'retard' ? 'retard' : [...new Set(esats as string[])];
        const lignes = await destinataires(caf, year, choix);
        const complets = lignes.flatMap((l, i) => (l.manquants === 0 ? [{ l, i }] : []));
        if (complets.length > 0 && esats !== 'retard') {
          fail(
            422,
            'rien-a-relancer',
            'Ces établissements ont envoyé tous leurs certificats.',
            complets.map(({ l, i }) => ({
              path: `/esats/${i}`,
              message: `${l.name} : aucun certificat manquant.`,
            })),
          );
        }
        if (body.confirmer !== true) {
          const deja = [];
          for (const [i, l] of lignes.entries())
            if (await relanceeLe(store, caf, l.siret, year, jour)) deja.push({ l, i });
          if (deja.length > 0)
            fail(
              409,
              'relance-deja-envoyee',
              "Une relance a déjà été envoyée aujourd'hui à ces établissements. Confirmez pour l'envoyer de nouveau.",
              deja.map(({ l, i }) => ({
                path: `/esats/${i}`,
                message: `${l.name} a déjà été relancé aujourd'hui.`,
              })),
            );
        }
        const at = now().toISOString();
        await enregistrerRelances(
          store,
          lignes.map((l) => ({
            caf,
            siret: l.siret,
            year,
            at,
            by: user.email,
            manquants: l.manquants,
          })),
        );
        for (const l of lignes) {
          journal({
            action: 'relance-envoyee',
            who: user.email,
            esat: l.siret,
            year,
            count: l.manquants,
          });
          const to = await utilisateursActifs(store, l.siret);
          if (to.length === 0) continue;
          await mailer
            .send(await mailDe(caf, year, l, to))
            .catch(() => logError(`Relance non envoyée à l'établissement ${l.siret}.`));
        }
        return c.json({
          sent: lignes.map((l) => ({ siret: l.siret, manquants: l.manquants })),
        } satisfies RelancesEnvoyees);
      })
      // R-CA-7: the first référent of an Esat of this Caf, with a provisional password (R-AC-2).
      .post('/api/caf/esats/:siret/users', ...agent, async (c) => {
        const caf = cafOf(c);
        const esat = await esatDeLaCaf(store, caf, c.req.param('siret'));
        if (!esat) fail(404, 'esat-inconnu', messagesCaf.esatInconnu);
        const body = await jsonBody(c);
        if (!isObject(body) || typeof body.email !== 'string')
          fail(400, 'requete-invalide', messages.requeteInvalide, [
            { path: '/email', message: 'L’adresse e-mail du référent est attendue.' },
          ]);
        if (body.role !== undefined && body.role !== 'referent')
          fail(
            422,
            'utilisateur-invalide',
            'La Caf crée le référent ; il crée ensuite ses collègues.',
            [
              {
                path: '/role',
                message: 'La Caf crée le référent ; il crée ensuite ses collègues.',
              },
            ],
          );
        const email = body.email.trim().toLowerCase();
        if (!EMAIL.test(email) || email.length > 254) {
          const message = 'Saisissez une adresse e-mail valide, par exemple prenom.nom@esat.fr.';
          fail(422, 'utilisateur-invalide', message, [{ path: '/email', message }]);
        }
        const provisional = `${randomBytes(12).toString('base64url')}-7a`;
        const user: UserRecord = {
          email,
          passwordHash: await hash(provisional),
          role: 'referent',
          esat: esat.siret,
          provisional: true,
          cguAccepted: false,
          passwordChangedAt: new Date(clock()).toISOString(),
        };
        if (!(await creerUtilisateur(store, user))) {
          const message = 'Un compte existe déjà pour cette adresse e-mail.';
          fail(409, 'utilisateur-existant', message, [{ path: '/email', message }]);
        }
        const me = c.get('user');
        journal({ action: 'utilisateur-cree', who: me.email, target: email, esat: esat.siret });
        await mailer
          .send({
            to: email,
            subject: 'Espace Esat : votre compte de référent a été créé',
            text: [
              'Bonjour,',
              '',
              `La ${await nomCaf(caf)} a créé pour vous le compte de référent de l'Espace Esat de l'établissement ${esat.name}.`,
              `Identifiant : ${email}`,
              `Mot de passe provisoire : ${provisional}`,
              'Il vous sera demandé de le changer dès votre première connexion.',
              'En tant que référent, vous créez ensuite les comptes de vos collègues.',
            ].join('\n'),
          })
          .catch(() => logError('Création de compte : envoi du mail impossible.'));
        return c.json(utilisateurVu(user), 201);
      })
      // R-CA-7: deactivate / reactivate a user of an Esat of this Caf; its sessions end.
      .patch('/api/caf/users/:email', ...agent, async (c) => {
        // Hono has already decoded the path parameter: never decode it twice (a « % » stays one).
        const email = c.req.param('email').toLowerCase();
        const body = await jsonBody(c);
        if (!isObject(body) || typeof body.active !== 'boolean')
          fail(400, 'requete-invalide', messages.requeteInvalide, [
            { path: '/active', message: 'Vrai ou faux est attendu.' },
          ]);
        const target = await utilisateurDeLaCaf(store, cafOf(c), email);
        if (!target) fail(404, 'utilisateur-inconnu', messagesCaf.utilisateurInconnu);
        const updated = await changerActivite(store, target.email, body.active as boolean);
        if (!body.active) await closeSessionsOf(target.email);
        journal({
          action: body.active ? 'utilisateur-reactive' : 'utilisateur-desactive',
          who: c.get('user').email,
          target: target.email,
          esat: target.esat,
        });
        return c.json(updated);
      })
  );
}
