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
import type {
  ApercuRelance,
  Campagne,
  DeclarationDetail,
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
  utilisateurDeLaCaf,
  utilisateursActifs,
  utilisateurVu,
} from '../caf-store.ts';
import { fichierCsv, fichierJson, fichierXlsx } from '../exports/fichiers.ts';
import { nomFichier } from '../exports/colonnes.ts';
import { type Ctx, type Env } from '../context.ts';
import { contrat as defs } from '../contract/routes.ts';
import { createContrat } from '../contract/valider.ts';

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

/** Mounted by createApp() with app.route(). */
export function cafRoutes(ctx: Ctx) {
  const { store, mailer, outbox, today, now, clock, journal, logError, closeSessionsOf } = ctx;
  const contrat = createContrat(ctx);
  const d = defs.caf;
  const cafOf = (c: Context<Env>) => c.get('user').caf!;
  const nomCaf = async (code: string) => (await store.get('cafs', code))?.name ?? `Caf ${code}`;

  /** The filter of the list and of the export (R-CA-3/4), checked by the contract; an unknown Esat is a 404. */
  async function filtreDe(c: Context<Env>, q: FiltreDeclarations) {
    const { kind, esat, from, to, etat } = q;
    const filtre: FiltreDeclarations = { kind, esat, from, to, etat };
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
      .get(d.avis.path, contrat(d.avis), async (c) => c.json(await avisCaf(store, cafOf(c))))
      .get(d.campagne.path, contrat(d.campagne), async (c) => {
        const q = c.req.valid('query');
        const day = today();
        const year = q.year ? Number(q.year) : campagneParDefaut(day);
        const sort = q.sort;
        const search = q.q;
        const page = Number(q.page ?? 1);
        const pageSize = Math.min(Number(q.pageSize ?? 20), 100);
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
      .get(d.ficheEsat.path, contrat(d.ficheEsat), async (c) => {
        const q = c.req.valid('query');
        const year = q.year ? Number(q.year) : campagneParDefaut(today());
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
      .get(d.declarations.path, contrat(d.declarations), async (c) => {
        const q = c.req.valid('query');
        const page = Number(q.page ?? 1);
        const pageSize = Math.min(Number(q.pageSize ?? 20), 100);
        const filtre = await filtreDe(c, q);
        const liste = await declarationsCaf(store, cafOf(c), filtre, { page, pageSize });
        return c.json(liste satisfies PageDeclarations);
      })
      .get(d.declaration.path, contrat(d.declaration), async (c) => {
        const detail = await declarationCaf(store, cafOf(c), c.req.param('id'));
        if (!detail) fail(404, 'declaration-inconnue', messages.declarationInconnue);
        return c.json(detail satisfies DeclarationDetail);
      })
      .get(d.declarationPdf.path, contrat(d.declarationPdf), async (c) => {
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
      .get(d.export.path, contrat(d.export), async (c) => {
        const q = c.req.valid('query');
        const format: Format = q.format;
        const filtre = await filtreDe(c, q);
        const caf = cafOf(c);
        const user = c.get('user');
        const record = await enregistrerExport(store, caf, filtre, {
          by: user.email,
          at: now().toISOString(),
          format,
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
          'Content-Type': formats[format],
          'Content-Disposition': `attachment; filename="${nomFichier(caf, today(), format)}"`,
          'X-Export-Id': record.id,
        });
      })
      // R-CA-5: « traitée » for one, a selection or an export; back to « à traiter » with a reason.
      .post(d.traitement.path, contrat(d.traitement), async (c) => {
        const body = c.req.valid('json');
        const parExport = body.exportId !== undefined;
        const motif = body.motif?.trim();
        const etat = body.etat;
        const caf = cafOf(c);
        const user = c.get('user');
        let ids = body.ids;
        if (body.exportId !== undefined) {
          ids = await idsExport(store, caf, body.exportId);
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
          ...(parExport ? { export: body.exportId } : {}),
          ...(ids!.length === 1 ? { declaration: ids![0] } : {}),
        });
        return c.json({ updated: outcome.updated });
      })
      // R-CA-6: what a reminder would send, before sending.
      .get(d.apercuRelance.path, contrat(d.apercuRelance), async (c) => {
        const q = c.req.valid('query');
        const year = q.year ? Number(q.year) : campagneParDefaut(today());
        const raw = q.esats;
        const caf = cafOf(c);
        const choix =
          raw === 'retard'
            ? 'retard'
            : raw
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
      .post(d.relances.path, contrat(d.relances), async (c) => {
        const body = c.req.valid('json');
        const esats = body.esats;
        const year = body.year;
        const jour = today();
        // R-CA-6: a reminder for a campaign that has opened (1 December of its year).
        if (campagne(`${year}-12-01`).opens > jour)
          fail(422, 'campagne-non-ouverte', `La campagne ${year} n'est pas encore ouverte.`, [
            { path: '/year', message: `La campagne ${year} n'est pas encore ouverte.` },
          ]);
        const caf = cafOf(c);
        const user = c.get('user');
        const choix = esats === 'retard' ? 'retard' : [...new Set(esats)];
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
        const at = now();
        const relances = [];
        for (const l of lignes) {
          const to = await utilisateursActifs(store, l.siret);
          relances.push({
            relance: {
              caf,
              siret: l.siret,
              year,
              at: at.toISOString(),
              by: user.email,
              manquants: l.manquants,
            },
            // An Esat without active user is recorded reminded (shown on its accueil), unmailed.
            mail: to.length > 0 ? await mailDe(caf, year, l, to) : undefined,
          });
        }
        outbox.expedier(await enregistrerRelances(store, relances, at, clock()));
        for (const l of lignes)
          journal({
            action: 'relance-envoyee',
            who: user.email,
            esat: l.siret,
            year,
            count: l.manquants,
          });
        return c.json({
          sent: lignes.map((l) => ({ siret: l.siret, manquants: l.manquants })),
        } satisfies RelancesEnvoyees);
      })
      // R-CA-7: the first référent of an Esat of this Caf, with a provisional password (R-AC-2).
      .post(d.creerReferent.path, contrat(d.creerReferent), async (c) => {
        const caf = cafOf(c);
        const body = c.req.valid('json');
        const esat = await esatDeLaCaf(store, caf, c.req.param('siret'));
        if (!esat) fail(404, 'esat-inconnu', messagesCaf.esatInconnu);
        const email = body.email.trim().toLowerCase();
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
      .patch(d.activer.path, contrat(d.activer), async (c) => {
        // Hono has already decoded the path parameter: never decode it twice (a « % » stays one).
        const email = c.req.param('email').toLowerCase();
        const body = c.req.valid('json');
        const target = await utilisateurDeLaCaf(store, cafOf(c), email);
        if (!target) fail(404, 'utilisateur-inconnu', messagesCaf.utilisateurInconnu);
        const updated = await changerActivite(store, target.email, body.active);
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
