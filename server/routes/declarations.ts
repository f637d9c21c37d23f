/** Declarations: recorded once (R-FL-6, R-CE-6) after every rule is checked again, their PDF and the avis of the Fin page (R-FL-5). */
import { Hono } from 'hono';
import { declarationKinds, type DeclarationKind } from '../../forms/index.ts';
import { fail, messages } from '../errors.ts';
import { pdfDeDeclaration } from '../pdf.ts';
import type {} from '../store/index.ts';
import { createDeclarer } from '../declarer.ts';
import { isObject, jsonBody, type Ctx, type Env } from '../context.ts';

/** Mounted by createApp() with app.route(). */
export function declarationsRoutes(ctx: Ctx) {
  const {
    store,

    now,

    journal,

    accuse,
    authenticated,
    espaceEsat,
    exigerIdentifiant,
    declarationOf,
  } = ctx;
  const { enregistrer, accuser } = createDeclarer(ctx);
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
      const outcome = await enregistrer({
        user,
        workerId,
        kind,
        data,
        key,
        verifierCaf: (caf) => exigerIdentifiant(c, caf),
      });
      if (!outcome.replayed) accuser(outcome.record, user);
      return c.json(accuse(outcome.record), 201);
    })
    .get('/api/declarations/:id/pdf', authenticated, espaceEsat, async (c) => {
      const declaration = await declarationOf(c.get('user'), c.req.param('id'));
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
    .post('/api/declarations/:id/avis', authenticated, espaceEsat, async (c) => {
      const declaration = await declarationOf(c.get('user'), c.req.param('id'));
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
      const dejaDonne = () =>
        fail(409, 'avis-deja-donne', 'Votre avis sur cette déclaration a déjà été enregistré.');
      await store.transaction(async (tx) => {
        if (await tx.get('avis', declaration.id)) dejaDonne();
        await tx.insert('avis', {
          declarationId: declaration.id,
          caf: declaration.caf,
          ...(note !== undefined ? { note } : {}),
          ...(commentaire !== undefined ? { commentaire } : {}),
          submittedAt: now().toISOString(),
        });
      });
      journal({ action: 'avis-donne', who: c.get('user').email, declaration: declaration.id });
      return c.json({ declarationId: declaration.id }, 201);
    });
}
