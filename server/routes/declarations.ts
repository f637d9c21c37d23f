/** Declarations: recorded once (R-FL-6, R-CE-6) after every rule is checked again, their PDF and the avis of the Fin page (R-FL-5). */
import { Hono } from 'hono';
import { fail } from '../errors.ts';
import { pdfDeDeclaration } from '../pdf.ts';
import type {} from '../store/index.ts';
import { createDeclarer } from '../declarer.ts';
import { type Ctx, type Env } from '../context.ts';
import { contrat as defs } from '../contract/routes.ts';
import { createContrat } from '../contract/valider.ts';

/** Mounted by createApp() with app.route(). */
export function declarationsRoutes(ctx: Ctx) {
  const { store, now, journal, accuse, exigerIdentifiant, declarationOf } = ctx;
  const { enregistrer, accuser } = createDeclarer(ctx);
  const contrat = createContrat(ctx);
  const d = defs.declarations;
  return new Hono<Env>()
    .post(d.declarer.path, contrat(d.declarer), async (c) => {
      const { workerId, kind, data } = c.req.valid('json');
      const key = c.req.header('Idempotency-Key')?.slice(0, 200) || undefined;
      const user = c.get('user');
      const outcome = await enregistrer({
        user,
        workerId,
        kind,
        data: data as Record<string, unknown>,
        key,
        verifierCaf: (caf) => exigerIdentifiant(c, caf),
      });
      if (!outcome.replayed) accuser(outcome.record, user);
      return c.json(accuse(outcome.record), 201);
    })
    .get(d.pdf.path, contrat(d.pdf), async (c) => {
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
    .post(d.avis.path, contrat(d.avis), async (c) => {
      const body = c.req.valid('json');
      const declaration = await declarationOf(c.get('user'), c.req.param('id'));
      const note = body.note;
      const commentaire = body.commentaire?.trim() || undefined;
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
