/**
 * R-CA-3, R-CA-4, R-CA-5: the declarations received by the Caf, filtered and paged by the
 * server; the current filter exported (CSV, XLSX, JSON), that export or a selection marked
 * traitée; one declaration opened (traitement.ts).
 */
import { assign } from 'xstate';
import { agentBase, TAILLE_PAGE_CAF, type ArgsAgent } from './base.ts';
import { detail, gardesTraitement } from './traitement.ts';

/** « 3 déclarations », « 1 déclaration ». */
export const declarationsN = (n: number) => `${n} déclaration${n > 1 ? 's' : ''}`;

/** « 1 déclaration marquée comme traitée », « 3 déclarations marquées comme traitées ». */
export const traiteesN = (n: number) =>
  n > 1 ? `${n} déclarations marquées comme traitées.` : `${n} déclaration marquée comme traitée.`;

export const gardesDeclarations = {
  selectionNonVide: ({ context }: ArgsAgent) => context.selection.length > 0,
  exportFait: ({ context }: ArgsAgent) => !!context.export,
};

// The list holds the detail: it names the detail's guards too.
const declarationsSetup = agentBase.extend({
  guards: { ...gardesDeclarations, ...gardesTraitement },
});

export const declarations = declarationsSetup.createStateConfig({
  initial: 'chargement',
  states: {
    chargement: {
      invoke: {
        src: 'chargerDeclarations',
        input: ({ context }) => ({
          filtre: context.filtre,
          page: context.pageDeclarations,
          pageSize: TAILLE_PAGE_CAF,
        }),
        onDone: {
          target: 'liste',
          actions: assign({ declarations: ({ event }) => event.output }),
        },
        onError: { target: 'echec', actions: 'retenirErreur' },
      },
    },
    echec: { on: { 'chargement.reessayer': 'chargement' } },
    liste: {
      on: {
        'declarations.filtrer': {
          target: 'chargement',
          // Another filter is another export: its id no longer says what is on screen.
          actions: [
            assign({
              filtre: ({ event }) => event.filtre,
              pageDeclarations: 1,
              selection: [],
              export: undefined,
            }),
            'oublierSucces',
            'oublierErreur',
          ],
        },
        'declarations.page': {
          target: 'chargement',
          actions: assign({ pageDeclarations: ({ event }) => event.page }),
        },
        'declarations.basculer': {
          actions: assign({
            selection: ({ context, event }) =>
              context.selection.includes(event.id)
                ? context.selection.filter((id) => id !== event.id)
                : [...context.selection, event.id],
          }),
        },
        'declarations.ouvrir': {
          target: 'detail',
          actions: [assign({ declaration: undefined }), 'oublierSucces', 'oublierErreur'],
        },
        'declarations.exporter': {
          target: 'exportation',
          actions: ['oublierSucces', 'oublierErreur'],
        },
        'declarations.marquerExport': { guard: 'exportFait', target: 'traitementExport' },
        'declarations.marquerSelection': {
          guard: 'selectionNonVide',
          target: 'traitementSelection',
        },
      },
    },
    exportation: {
      invoke: {
        src: 'exporter',
        input: ({ context, event }) => ({
          format: event.type === 'declarations.exporter' ? event.format : 'csv',
          filtre: context.filtre,
        }),
        onDone: {
          target: 'liste',
          actions: assign(({ context, event }) => {
            const nombre = context.declarations?.total ?? 0;
            return {
              export: { ...event.output, nombre },
              succes: `Export ${event.output.format.toUpperCase()} téléchargé : ${declarationsN(nombre)}.`,
            };
          }),
        },
        onError: { target: 'liste', actions: 'refus' },
      },
    },
    traitementExport: {
      invoke: {
        src: 'traiter',
        input: ({ context }) => ({
          exportId: context.export?.exportId ?? '',
          etat: 'traitee' as const,
        }),
        onDone: {
          target: 'chargement',
          actions: assign({
            export: undefined,
            succes: ({ event }) => traiteesN(event.output.updated),
          }),
        },
        onError: { target: 'liste', actions: 'refus' },
      },
    },
    traitementSelection: {
      invoke: {
        src: 'traiter',
        input: ({ context }) => ({ ids: context.selection, etat: 'traitee' as const }),
        onDone: {
          target: 'chargement',
          actions: assign({
            selection: [],
            succes: ({ event }) => traiteesN(event.output.updated),
          }),
        },
        onError: { target: 'liste', actions: 'refus' },
      },
    },
    detail,
  },
});
