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
import { call, ecouteSession } from './api.ts';

/** Where the PDF of a declaration of the Caf is read (a plain link, R-CA-2/3). */
export const pdfCafUrl = (id: string) => `/api/caf/declarations/${encodeURIComponent(id)}/pdf`;

/** A query string without the empty values. */
function requete(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  return q.toString();
}

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
    response = await fetch(`/api/caf/export?${requete({ format, ...parametresFiltre(filtre) })}`, {
      credentials: 'same-origin',
    });
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
    chargerCampagne: fromPromise(
      ({
        input,
      }: {
        input: { year?: number; q: string; sort: TriCampagne; page: number; pageSize: number };
      }) => call<Campagne>('GET', `/api/caf/campagne?${requete(input)}`),
    ),
    chargerEsat: fromPromise(({ input }: { input: { siret: string; year?: number } }) =>
      call<FicheEsat>(
        'GET',
        `/api/caf/esats/${encodeURIComponent(input.siret)}?${requete({ year: input.year })}`,
      ),
    ),
    changerActivation: fromPromise(({ input }: { input: { email: string; active: boolean } }) =>
      call<UtilisateurEsat>('PATCH', `/api/caf/users/${encodeURIComponent(input.email)}`, {
        active: input.active,
      }),
    ),
    creerReferent: fromPromise(({ input }: { input: { siret: string; email: string } }) =>
      call<UtilisateurEsat>('POST', `/api/caf/esats/${encodeURIComponent(input.siret)}/users`, {
        email: input.email,
      }),
    ),
    chargerDeclarations: fromPromise(
      ({ input }: { input: { filtre: FiltreDeclarations; page: number; pageSize: number } }) =>
        call<PageDeclarations>(
          'GET',
          `/api/caf/declarations?${requete({
            ...parametresFiltre(input.filtre),
            page: input.page,
            pageSize: input.pageSize,
          })}`,
        ),
    ),
    chargerDeclaration: fromPromise(({ input }: { input: { id: string } }) =>
      call<DeclarationDetail>('GET', `/api/caf/declarations/${encodeURIComponent(input.id)}`),
    ),
    exporter: fromPromise(
      ({ input }: { input: { format: FormatExport; filtre: FiltreDeclarations } }) =>
        telechargerExport(input.format, input.filtre),
    ),
    traiter: fromPromise(({ input }: { input: DemandeTraitement }) =>
      call<{ updated: number }>('POST', '/api/caf/traitement', input),
    ),
    chargerApercu: fromPromise(
      ({ input }: { input: { year: number; esats: string[] | 'retard' } }) =>
        call<ApercuRelance>(
          'GET',
          `/api/caf/relances/apercu?${requete({
            year: input.year,
            esats: input.esats === 'retard' ? 'retard' : input.esats.join(','),
          })}`,
        ),
    ),
    envoyerRelances: fromPromise(({ input }: { input: DemandeRelance }) =>
      call<RelancesEnvoyees>('POST', '/api/caf/relances', input),
    ),
    chargerAvis: fromPromise(() => call<AvisRecu[]>('GET', '/api/avis')),
  },
});
