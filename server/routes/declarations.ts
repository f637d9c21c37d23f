/** Declarations: recorded once (R-FL-6, R-CE-6) after every rule is checked again, their PDF and the avis of the Fin page (R-FL-5). */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import {
  declarationKinds,
  kindLabels,
  validateDeclaration,
  type DeclarationKind,
} from '../../forms/index.ts';
import { campagne, declarationOuverte } from '../../forms/calendrier.ts';
import { blocageDossier } from '../../forms/dossiers.ts';
import { fail, messages } from '../errors.ts';
import { accuseReception } from '../mail.ts';
import { pdfFilename, pdfRecapitulatif } from '../pdf.ts';
import type { DeclarationRecord } from '../store.ts';
import { isObject, jsonBody, dateFrParis, type Ctx, type Env } from '../context.ts';

/** Mounted by createApp() with app.route(). */
export function declarationsRoutes(ctx: Ctx) {
  const {
    store,
    mailer,
    today,
    now,
    logError,
    journal,
    esatOf,
    accuse,
    authenticated,
    espaceEsat,
    exigerIdentifiant,
    declarationOf,
  } = ctx;
  return new Hono<Env>()
    .post('/api/declarations', authenticated, espaceEsat, async (c) => {
      const body = await jsonBody(c);
      if (!isObject(body)) fail(400, 'requete-invalide', messages.requeteInvalide);
      const shape = [
        typeof body.workerId !== 'string' && {
          path: '/workerId',
          message: 'Identifiant du travailleur attendu.',
        },
        !(declarationKinds as readonly unknown[]).includes(body.kind) && {
          path: '/kind',
          message: 'Type de déclaration inconnu.',
        },
        !isObject(body.data) && {
          path: '/data',
          message: 'Les données de la déclaration sont attendues.',
        },
      ].filter((f): f is { path: string; message: string } => Boolean(f));
      if (shape.length > 0) fail(400, 'requete-invalide', messages.requeteInvalide, shape);
      const { workerId, data } = body as { workerId: string; data: Record<string, unknown> };
      const kind = body.kind as DeclarationKind;
      const key = c.req.header('Idempotency-Key')?.slice(0, 200) || undefined;
      const user = c.get('user');
      const day = today();

      const outcome = await store.transaction(async (db, save) => {
        // R-FL-6: the same request sent again (double click, retry) gets the first answer.
        const replay =
          key &&
          db.declarations.find((d) => d.idempotencyKey === key && d.userEmail === user.email);
        if (replay) return { record: replay, replayed: true };
        const worker = db.workers.find((w) => w.id === workerId && w.esat === user.esat);
        if (!worker) fail(404, 'travailleur-inconnu', messages.travailleurInconnu);
        exigerIdentifiant(c, worker.caf);
        const blocage = blocageDossier(worker.dossier);
        if (blocage) fail(422, 'dossier-bloque', blocage);
        if (!declarationOuverte(kind, day)) fail(422, 'campagne-fermee', messages.campagneFermee);
        const errors = validateDeclaration(kind, data, day);
        if (errors.length > 0) fail(422, 'validation', messages.validation, errors);
        const campaignYear = kind === 'certificat' ? campagne(day).year : undefined;
        if (kind === 'certificat') {
          // R-CE-6: one certificat per worker and campaign.
          const first = db.declarations.find(
            (d) =>
              d.kind === 'certificat' &&
              d.workerId === worker.id &&
              d.campaignYear === campaignYear,
          );
          if (first) {
            fail(
              409,
              'deja-declare',
              `Un certificat d'emploi a déjà été enregistré pour ce travailleur le ${dateFrParis(first.submittedAt)}.`,
            );
          }
        }
        const record: DeclarationRecord = {
          id: randomUUID(),
          kind,
          workerId: worker.id,
          esat: worker.esat,
          caf: worker.caf,
          userEmail: user.email,
          data,
          ...(campaignYear !== undefined ? { campaignYear } : {}),
          submittedAt: now().toISOString(),
          ...(key ? { idempotencyKey: key } : {}),
        };
        db.declarations.push(record);
        // R-SE-2: a validated declaration removes its draft.
        db.drafts = db.drafts.filter(
          (d) => !(d.userEmail === user.email && d.workerId === worker.id),
        );
        await save();
        return { record, replayed: false };
      });

      if (!outcome.replayed) {
        const { record } = outcome;
        journal({
          action: 'declaration-creee',
          who: user.email,
          worker: record.workerId,
          declaration: record.id,
          kind: record.kind,
        });
        const worker = store.read().workers.find((w) => w.id === record.workerId)!;
        try {
          // R-FL-5: the accusé de réception; a mail failure never undoes the declaration.
          await mailer.send(
            accuseReception({
              to: user.email,
              label: kindLabels[kind],
              worker,
              esat: esatOf(user)?.name ?? record.esat,
              caf: store.read().cafs.find((k) => k.code === record.caf)?.name ?? record.caf,
              id: record.id,
              submittedAt: record.submittedAt,
            }),
          );
        } catch {
          logError(`Accusé de réception non envoyé pour la déclaration ${record.id}.`);
        }
      }
      return c.json(accuse(outcome.record), 201);
    })
    .get('/api/declarations/:id/pdf', authenticated, espaceEsat, async (c) => {
      const declaration = declarationOf(c.get('user'), c.req.param('id'));
      journal({
        action: 'pdf-telecharge',
        who: c.get('user').email,
        worker: declaration.workerId,
        declaration: declaration.id,
      });
      const { esats, cafs, workers } = store.read();
      const worker = workers.find((w) => w.id === declaration.workerId)!;
      const bytes = await pdfRecapitulatif({
        declaration,
        esat: esats.find((e) => e.siret === declaration.esat)!,
        caf: cafs.find((k) => k.code === declaration.caf),
        worker,
      });
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${pdfFilename(declaration, worker)}"`,
      });
    })
    .post('/api/declarations/:id/avis', authenticated, espaceEsat, async (c) => {
      const declaration = declarationOf(c.get('user'), c.req.param('id'));
      const body = await jsonBody(c);
      if (
        !isObject(body) ||
        (body.note !== undefined && typeof body.note !== 'number') ||
        (body.commentaire !== undefined && typeof body.commentaire !== 'string')
      ) {
        fail(400, 'requete-invalide', messages.requeteInvalide);
      }
      const note = body.note as number | undefined;
      const commentaire = (body.commentaire as string | undefined)?.trim() || undefined;
      const fields = [
        note !== undefined &&
          !(Number.isInteger(note) && note >= 1 && note <= 5) && {
            path: '/note',
            message: 'La note est un nombre entier de 1 à 5.',
          },
        commentaire !== undefined &&
          commentaire.length > 2000 && {
            path: '/commentaire',
            message: 'Le commentaire comporte au plus 2 000 caractères.',
          },
      ].filter((f): f is { path: string; message: string } => Boolean(f));
      if (fields.length > 0) fail(422, 'validation', "L'avis comporte des erreurs.", fields);
      if (note === undefined && commentaire === undefined) {
        fail(422, 'validation', 'Donnez une note ou un commentaire.', [
          { path: '/note', message: 'Donnez une note ou un commentaire.' },
        ]);
      }
      await store.transaction(async (data, save) => {
        if (data.avis.some((a) => a.declarationId === declaration.id)) {
          fail(409, 'avis-deja-donne', 'Votre avis sur cette déclaration a déjà été enregistré.');
        }
        data.avis.push({
          declarationId: declaration.id,
          caf: declaration.caf,
          ...(note !== undefined ? { note } : {}),
          ...(commentaire !== undefined ? { commentaire } : {}),
          submittedAt: now().toISOString(),
        });
        await save();
      });
      journal({ action: 'avis-donne', who: c.get('user').email, declaration: declaration.id });
      return c.json({ declarationId: declaration.id }, 201);
    });
}
