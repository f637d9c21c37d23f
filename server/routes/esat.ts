/** The Espace Esat: its Caf (R-FL-1, R-AC-7), Mes travailleurs (R-FL-2), the fiche (R-FL-4) and the drafts (R-SE-2). */
import { Hono } from 'hono';
import { bornesDates } from '../../forms/calendrier.ts';
import { messagesIdentifiant, normaliserIdentifiant } from '../../forms/identifiant.ts';
import { fail } from '../errors.ts';
import { draftKey, type DraftRecord } from '../store/index.ts';
import {
  campagneOuverte,
  certificatsDeCampagne,
  historique,
  suiviEsat,
  type CertificatCampagne,
} from '../esat-store.ts';
import { sansAccents, brouillonView, type Ctx, type Env } from '../context.ts';
import { contrat as defs } from '../contract/routes.ts';
import { createContrat } from '../contract/valider.ts';

/** Mounted by createApp() with app.route(). */
export function esatRoutes(ctx: Ctx) {
  const {
    store,
    today,
    now,
    journal,
    esatOf,
    workerView,
    identifiantRequis,
    exigerIdentifiant,
    identifiantBloque,
    identifiantEchoue,
    workerOf,
  } = ctx;
  const contrat = createContrat(ctx);
  const d = defs.esat;
  return (
    new Hono<Env>()
      .get(d.cafs.path, contrat(d.cafs), async (c) => {
        const esat = (await esatOf(c.get('user')))!;
        const day = today();
        return c.json(
          await Promise.all(
            esat.cafs.map(async (code) => {
              const requis = identifiantRequis(c, esat, code);
              return {
                code,
                name: (await store.get('cafs', code))?.name ?? code,
                workerCount: await store.count('workers', { esat: esat.siret, caf: code }),
                identifiantRequis: requis,
                // R-CA-8: nothing of a Caf's files before its identifiant is given (R-AC-7).
                suivi: requis
                  ? null
                  : await suiviEsat(store, { siret: esat.siret, caf: code, day }),
              };
            }),
          ),
        );
      })
      // R-AC-7: the identifiant de communication of a Caf that does not know the Esat's SIRET.
      .post(d.identifiant.path, contrat(d.identifiant), async (c) => {
        const esat = (await esatOf(c.get('user')))!;
        const code = c.req.param('code');
        if (!esat.cafs.includes(code))
          fail(404, 'caf-inconnue', "Cette Caf n'est pas celle de votre établissement.");
        const body = c.req.valid('json');
        const session = c.get('session');
        if (await identifiantBloque(c.get('user').email))
          fail(429, 'trop-de-tentatives', messagesIdentifiant.tropDEssais);
        const saisi = normaliserIdentifiant(body.identifiant);
        if ('erreur' in saisi)
          fail(422, 'identifiant-invalide', saisi.erreur, [
            { path: '/identifiant', message: saisi.erreur },
          ]);
        const attendu = normaliserIdentifiant(esat.communicationIds[code] ?? '');
        if (!('valeur' in attendu) || attendu.valeur !== saisi.valeur) {
          await identifiantEchoue(c.get('user').email);
          journal({ action: 'identifiant-communication-refuse', who: c.get('user').email, code });
          fail(404, 'identifiant-inconnu', messagesIdentifiant.inconnu, [
            { path: '/identifiant', message: messagesIdentifiant.inconnu },
          ]);
        }
        await store.transaction((tx) =>
          tx.update('sessions', session.id, {
            identifiedCafs: [...(session.identifiedCafs ?? []), code],
          }),
        );
        return c.json({ code, identifiantRequis: false });
      })
      .get(d.travailleurs.path, contrat(d.travailleurs), async (c) => {
        const esat = (await esatOf(c.get('user')))!;
        const query = c.req.valid('query');
        const caf = query.caf;
        if (caf && !esat.cafs.includes(caf))
          fail(404, 'caf-inconnue', "Cette Caf n'est pas celle de votre établissement.");
        if (caf) await exigerIdentifiant(c, caf);
        const page = Number(query.page ?? 1);
        const pageSize = Math.min(Number(query.pageSize ?? 12), 100);
        const sansCertificat = query.sansCertificat;
        // R-CA-8: during the campaign each worker carries its certificat of the campaign.
        const year = campagneOuverte(today());
        const { items: workers, total } = await store.travailleurs({
          esat: esat.siret,
          ...(caf
            ? { caf }
            : {
                saufCafs: (esat.siretUnknownTo ?? []).filter((other) =>
                  identifiantRequis(c, esat, other),
                ),
              }),
          mots: sansAccents(query.q ?? '')
            .split(/\s+/)
            .filter(Boolean),
          ...(sansCertificat === '1' && year !== undefined ? { sansCertificat: year } : {}),
          offset: (page - 1) * pageSize,
          limit: pageSize,
        });
        const certificats =
          year === undefined
            ? undefined
            : await certificatsDeCampagne(store, {
                siret: esat.siret,
                year,
                workerIds: workers.map((w) => w.id),
              });
        const items = workers.map(
          (w): ReturnType<typeof workerView> & { certificat?: CertificatCampagne | null } =>
            certificats
              ? { ...workerView(w), certificat: certificats.get(w.id) ?? null }
              : workerView(w),
        );
        return c.json({ items, total, page, pageSize });
      })
      .get(d.fiche.path, contrat(d.fiche), async (c) => {
        const user = c.get('user');
        const worker = await workerOf(user, c.req.param('id'));
        await exigerIdentifiant(c, worker.caf);
        // Two rolling years, as the dates of the declarations (R-FL-4, R-CS-4): one owner, forms/.
        const since = bornesDates(today()).deuxAns;
        const history = await historique(store, { workerId: worker.id, since });
        const year = campagneOuverte(today());
        const certificat =
          year === undefined
            ? undefined
            : ((
                await certificatsDeCampagne(store, {
                  siret: worker.esat,
                  year,
                  workerIds: [worker.id],
                })
              ).get(worker.id) ?? null);
        // R-CS-5: the partner of a couple working in the same Esat (same allocataire file).
        const partner = worker.conjoint
          ? (await store.find('workers', { esat: worker.esat })).find(
              (w) =>
                w.id !== worker.id &&
                (w.numeroAllocataire === worker.conjoint ||
                  w.conjoint === worker.numeroAllocataire),
            )
          : undefined;
        const draft = await store.get('drafts', draftKey(user.email, worker.id));
        journal({ action: 'fiche-consultee', who: user.email, worker: worker.id });
        return c.json({
          ...workerView(worker),
          ...(certificat !== undefined ? { certificat } : {}),
          conjoint: partner ? workerView(partner) : undefined,
          history,
          brouillon: draft ? brouillonView(draft) : undefined,
        });
      })
      // R-SE-2: the declaration being typed is kept as the user types, per user and worker.
      .get(d.brouillons.path, contrat(d.brouillons), async (c) => {
        const user = c.get('user');
        const drafts = await store.find(
          'drafts',
          { userEmail: user.email },
          { orderBy: { field: 'updatedAt' } },
        );
        const workers = await Promise.all(drafts.map((d) => store.get('workers', d.workerId)));
        return c.json(
          drafts.flatMap((d, i) => {
            const w = workers[i];
            return w && w.esat === user.esat
              ? [{ ...brouillonView(d), travailleur: workerView(w) }]
              : [];
          }),
        );
      })
      // Only the names of the forms' fields and questions are kept (issue 11, point 1).
      .put(d.garderBrouillon.path, contrat(d.garderBrouillon), async (c) => {
        const user = c.get('user');
        const body = c.req.valid('json');
        const worker = await workerOf(user, c.req.param('workerId'));
        await exigerIdentifiant(c, worker.caf);
        const draft: DraftRecord = {
          userEmail: user.email,
          workerId: worker.id,
          teleprocedure: body.teleprocedure,
          kind: body.kind,
          reponses: (body.reponses ?? {}) as DraftRecord['reponses'],
          saisie: body.saisie as DraftRecord['saisie'],
          updatedAt: now().toISOString(),
        };
        await store.transaction((tx) => tx.put('drafts', draft));
        return c.body(null, 204);
      })
      .delete(d.supprimerBrouillon.path, contrat(d.supprimerBrouillon), async (c) => {
        const user = c.get('user');
        const workerId = c.req.param('workerId');
        await workerOf(user, workerId);
        await store.transaction((tx) => tx.remove('drafts', draftKey(user.email, workerId)));
        journal({ action: 'brouillon-supprime', who: user.email, worker: workerId });
        return c.body(null, 204);
      })
  );
}
