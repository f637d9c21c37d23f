/**
 * The real side effects of the agent machine: each actor is one call of the Caf's HTTP contract
 * (SPEC §10, machines/caf.types.ts). Every failure rejects with an ApiError carrying the server's
 * French message, as in ui/api.ts.
 */
import { fromPromise } from 'xstate';
import { agentMachine, type FormatExport, type TriCampagne } from '../machines/agent.machine.ts';
import type {
  ApercuRelance,
  Campagne,
  DeclarationDetail,
  DemandeRelance,
  DemandeTraitement,
  FicheEsat,
  FiltreDeclarations,
  PageDeclarations,
  RelancesEnvoyees,
  UtilisateurEsat,
} from '../machines/caf.types.ts';
import type { ApiError, AvisRecu } from '../machines/types.ts';
import { client, ecouteSession, lire } from './api.ts';

/** Where the PDF of a declaration of the Caf is read (a plain link, R-CA-2/3). */
export const pdfCafUrl = (id: string) => `/api/caf/declarations/${encodeURIComponent(id)}/pdf`;

/** Query parameters as the contract reads them: strings, the empty ones left out. */
type Requete<T> = {
  [K in keyof T]?: T[K] extends number | undefined ? string : Exclude<T[K], undefined>;
};
function requete<T extends Record<string, string | number | undefined>>(params: T): Requete<T> {
  const q: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q[k] = String(v);
  // Built from `params` key by key: each value is its string (a request, not an answer read).
  return q as unknown as Requete<T>;
}
const p = encodeURIComponent;

/** The filter of the list and of the export as query parameters (R-CA-3/4). */
export const parametresFiltre = (f: FiltreDeclarations) => ({
  kind: f.kind,
  esat: f.esat,
  from: f.from,
  to: f.to,
  etat: f.etat,
});

/** The file name of `Content-Disposition`, else a name of our own. */
function nomDeFichier(disposition: string | null, format: FormatExport): string {
  const nom = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i)?.[1];
  return nom ? decodeURIComponent(nom) : `declarations.${format}`;
}

/**
 * R-CA-4: the export as a real download — the file is fetched (so that the export's id in
 * `X-Export-Id` is read), then saved by the browser through an object URL and `<a download>`.
 */
async function telechargerExport(format: FormatExport, filtre: FiltreDeclarations) {
  let response: Response;
  try {
    response = await fetch(
      `/api/caf/export?${new URLSearchParams(requete({ format, ...parametresFiltre(filtre) }))}`,
      { credentials: 'same-origin' },
    );
  } catch {
    throw {
      status: 0,
      code: 'reseau',
      message: 'Le service ne répond pas. Vérifiez votre connexion puis réessayez.',
    } satisfies ApiError;
  }
  if (response.status === 401) ecouteSession.expiree?.();
  else ecouteSession.activite?.();
  if (!response.ok) {
    const json = (await response.json().catch(() => undefined)) as
      { error?: Omit<ApiError, 'status'> } | undefined;
    throw {
      status: response.status,
      code: json?.error?.code ?? 'erreur',
      message: json?.error?.message ?? "L'export n'a pas pu être préparé. Réessayez.",
      fields: json?.error?.fields,
    } satisfies ApiError;
  }
  const exportId = response.headers.get('X-Export-Id') ?? '';
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const lien = document.createElement('a');
  lien.href = url;
  lien.download = nomDeFichier(response.headers.get('Content-Disposition'), format);
  document.body.append(lien);
  lien.click();
  lien.remove();
  // The browser has started the download from the URL: it may go once this task is over.
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return { exportId, format };
}

/** The agent machine wired to the server. */
export const agentServeur = agentMachine.provide({
  actors: {
    chargerCampagne: fromPromise<
      Campagne,
      { year?: number; q: string; sort: TriCampagne; page: number; pageSize: number }
    >(({ input }) => lire(client.api.caf.campagne.$get({ query: requete(input) }))),
    chargerEsat: fromPromise<FicheEsat, { siret: string; year?: number }>(({ input }) =>
      lire(
        client.api.caf.esats[':siret'].$get({
          param: { siret: p(input.siret) },
          query: requete({ year: input.year }),
        }),
      ),
    ),
    changerActivation: fromPromise<UtilisateurEsat, { email: string; active: boolean }>(
      ({ input }) =>
        lire(
          client.api.caf.users[':email'].$patch({
            param: { email: p(input.email) },
            json: { active: input.active },
          }),
        ),
    ),
    creerReferent: fromPromise<UtilisateurEsat, { siret: string; email: string }>(({ input }) =>
      lire(
        client.api.caf.esats[':siret'].users.$post({
          param: { siret: p(input.siret) },
          json: { email: input.email },
        }),
      ),
    ),
    chargerDeclarations: fromPromise<
      PageDeclarations,
      { filtre: FiltreDeclarations; page: number; pageSize: number }
    >(({ input }) =>
      lire(
        client.api.caf.declarations.$get({
          query: requete({
            ...parametresFiltre(input.filtre),
            page: input.page,
            pageSize: input.pageSize,
          }),
        }),
      ),
    ),
    chargerDeclaration: fromPromise<DeclarationDetail, { id: string }>(({ input }) =>
      lire(client.api.caf.declarations[':id'].$get({ param: { id: p(input.id) } })),
    ),
    exporter: fromPromise(
      ({ input }: { input: { format: FormatExport; filtre: FiltreDeclarations } }) =>
        telechargerExport(input.format, input.filtre),
    ),
    traiter: fromPromise<{ updated: number }, DemandeTraitement>(({ input }) =>
      lire(client.api.caf.traitement.$post({ json: { ...input } })),
    ),
    chargerApercu: fromPromise<ApercuRelance, { year: number; esats: string[] | 'retard' }>(
      ({ input }) =>
        lire(
          client.api.caf.relances.apercu.$get({
            query: {
              year: String(input.year),
              esats: input.esats === 'retard' ? 'retard' : input.esats.join(','),
            },
          }),
        ),
    ),
    envoyerRelances: fromPromise<RelancesEnvoyees, DemandeRelance>(({ input }) =>
      lire(client.api.caf.relances.$post({ json: { ...input } })),
    ),
    chargerAvis: fromPromise<AvisRecu[]>(() => lire(client.api.avis.$get())),
  },
});
