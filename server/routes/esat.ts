/** The Espace Esat: its Caf (R-FL-1, R-AC-7), Mes travailleurs (R-FL-2), the fiche (R-FL-4) and the drafts (R-SE-2). */
import { Hono } from 'hono';
import { declarationKinds } from '../../forms/index.ts';
import { bornesDates } from '../../forms/calendrier.ts';
import { messagesIdentifiant, normaliserIdentifiant } from '../../forms/identifiant.ts';
import { fail, messages } from '../errors.ts';
import { draftKey, type DraftRecord } from '../store/index.ts';
import { campagneOuverte, certificatsDeCampagne, historique, suiviEsat } from '../esat-store.ts';
import {
  sansAccents,
  isObject,
  jsonBody,
  brouillonView,
  alphabetique,
  champsDeSaisie,
  clesDeReponses,
  type Ctx,
  type Env,
} from '../context.ts';

/** Mounted by createApp() with app.route(). */
export function esatRoutes(ctx: Ctx) {
  const {
    store,
    today,
    now,
    journal,
    esatOf,
    workerView,
    authenticated,
    espaceEsat,
    identifiantRequis,
    exigerIdentifiant,
    identifiantBloque,
    identifiantEchoue,
    workerOf,
  } = ctx;
  return (
    new Hono<Env>()
      .get('/api/cafs', authenticated, espaceEsat, async (c) => {
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
      .post('/api/cafs/:code/identifiant', authenticated, espaceEsat, async (c) => {
        const esat = (await esatOf(c.get('user')))!;
        const code = c.req.param('code');
        if (!esat.cafs.includes(code))
          fail(404, 'caf-inconnue', "Cette Caf n'est pas celle de votre établissement.");
        const body = await jsonBody(c);
        if (!isObject(body) || typeof body.identifiant !== 'string')
          fail(400, 'requete-invalide', messages.requeteInvalide);
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
      .get('/api/workers', authenticated, espaceEsat, async (c) => {
        const esat = (await esatOf(c.get('user')))!;
        const caf = c.req.query('caf') || undefined;
        if (caf && !esat.cafs.includes(caf))
          fail(404, 'caf-inconnue', "Cette Caf n'est pas celle de votre établissement.");
        if (caf) await exigerIdentifiant(c, caf);
        const entier = (name: string, fallback: number) => {
          const raw = c.req.query(name);
          if (raw === undefined || raw === '') return fallback;
          if (!/^\d+$/.test(raw) || Number(raw) < 1) {
            fail(400, 'requete-invalide', messages.requeteInvalide, [
              { path: `/${name}`, message: 'Un nombre entier positif est attendu.' },
            ]);
          }
          return Number(raw);
        };
        const page = entier('page', 1);
        const pageSize = Math.min(entier('pageSize', 12), 100);
        const sansCertificat = c.req.query('sansCertificat');
        if (sansCertificat !== undefined && !['', '0', '1'].includes(sansCertificat)) {
          fail(400, 'requete-invalide', messages.requeteInvalide, [
            { path: '/sansCertificat', message: 'La valeur 1 (ou 0) est attendue.' },
          ]);
        }
        // R-CA-8: during the campaign each worker carries its certificat of the campaign.
        const year = campagneOuverte(today());
        const certificats =
          year === undefined
            ? undefined
            : await certificatsDeCampagne(store, { siret: esat.siret, year });
        const words = sansAccents(c.req.query('q') ?? '')
          .split(/\s+/)
          .filter(Boolean);
        const matches = (
          await store.find('workers', caf ? { esat: esat.siret, caf } : { esat: esat.siret })
        )
          .filter((w) => caf || !identifiantRequis(c, esat, w.caf))
          .filter((w) => {
            const hay = [sansAccents(w.nom), sansAccents(w.prenom), w.numeroAllocataire];
            return words.every((word) => hay.some((h) => h.includes(word)));
          })
          .filter((w) => !(sansCertificat === '1' && certificats?.has(w.id)))
          .sort(
            (a, b) =>
              alphabetique.compare(a.nom, b.nom) || alphabetique.compare(a.prenom, b.prenom),
          );
        const items = matches
          .slice((page - 1) * pageSize, page * pageSize)
          .map((w) =>
            certificats
              ? { ...workerView(w), certificat: certificats.get(w.id) ?? null }
              : workerView(w),
          );
        return c.json({ items, total: matches.length, page, pageSize });
      })
      .get('/api/workers/:id', authenticated, espaceEsat, async (c) => {
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
            : ((await certificatsDeCampagne(store, { siret: worker.esat, year })).get(worker.id) ??
              null);
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
      .get('/api/drafts', authenticated, espaceEsat, async (c) => {
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
      .put('/api/drafts/:workerId', authenticated, espaceEsat, async (c) => {
        const user = c.get('user');
        const worker = await workerOf(user, c.req.param('workerId'));
        await exigerIdentifiant(c, worker.caf);
        const body = await jsonBody(c);
        // Only the names of the forms' fields and questions are kept (issue 11, point 1).
        const texts = (v: unknown, names: Set<string>, values?: string[]) =>
          isObject(v) &&
          Object.entries(v).every(
            ([k, x]) =>
              names.has(k) &&
              typeof x === 'string' &&
              x.length <= 500 &&
              (!values || values.includes(x)),
          );
        if (
          !isObject(body) ||
          (body.teleprocedure !== 'certificat' && body.teleprocedure !== 'changement') ||
          (body.kind !== undefined &&
            !(declarationKinds as readonly unknown[]).includes(body.kind)) ||
          !texts(body.saisie, champsDeSaisie) ||
          !texts(body.reponses ?? {}, clesDeReponses, ['oui', 'non'])
        ) {
          fail(400, 'requete-invalide', messages.requeteInvalide);
        }
        const draft: DraftRecord = {
          userEmail: user.email,
          workerId: worker.id,
          teleprocedure: body.teleprocedure as DraftRecord['teleprocedure'],
          kind: body.kind as string | undefined,
          reponses: (body.reponses ?? {}) as DraftRecord['reponses'],
          saisie: body.saisie as DraftRecord['saisie'],
          updatedAt: now().toISOString(),
        };
        await store.transaction((tx) => tx.put('drafts', draft));
        return c.body(null, 204);
      })
      .delete('/api/drafts/:workerId', authenticated, espaceEsat, async (c) => {
        const user = c.get('user');
        const workerId = c.req.param('workerId');
        await workerOf(user, workerId);
        await store.transaction((tx) => tx.remove('drafts', draftKey(user.email, workerId)));
        journal({ action: 'brouillon-supprime', who: user.email, worker: workerId });
        return c.body(null, 204);
      })
  );
}
