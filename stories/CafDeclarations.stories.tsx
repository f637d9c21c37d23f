import type { Meta } from '@storybook/react-vite';
import { attendreAgent, declarations, exporter, ouvrirPremiere } from './drive-caf.ts';
import { metaCaf } from './caf.tsx';
import { charger, type ArgsPortail, type Histoire } from './portail.tsx';

export default {
  title: 'Caf/Déclarations reçues',
  ...metaCaf,
} satisfies Meta<ArgsPortail>;

export const Liste: Histoire = {
  name: 'Déclarations reçues',
  loaders: charger((w) => declarations(w)),
};

export const Filtrees: Histoire = {
  name: 'Filtrées : certificats à traiter d’un Esat',
  loaders: charger((w) =>
    declarations(w, async (a) => {
      a.send({
        type: 'declarations.filtrer',
        filtre: { kind: 'certificat', esat: '22345678900011', etat: 'a-traiter' },
      });
      await attendreAgent(a, { declarations: 'liste' });
    }),
  ),
};

export const Selection: Histoire = {
  name: 'Deux déclarations sélectionnées',
  loaders: charger((w) =>
    declarations(w, async (a) => {
      for (const d of a.getSnapshot().context.declarations!.items.slice(0, 2))
        a.send({ type: 'declarations.basculer', id: d.id });
    }),
  ),
};

export const Exportees: Histoire = {
  name: 'Export fait : marquer ces déclarations comme traitées',
  loaders: charger((w) =>
    declarations(w, async (a) => {
      a.send({ type: 'declarations.filtrer', filtre: { etat: 'a-traiter' } });
      await attendreAgent(a, { declarations: 'liste' });
      await exporter(a, 'csv');
    }),
  ),
};

export const Traitees: Histoire = {
  name: 'Déclarations de l’export marquées traitées',
  loaders: charger((w) =>
    declarations(w, async (a) => {
      a.send({ type: 'declarations.filtrer', filtre: { etat: 'a-traiter' } });
      await attendreAgent(a, { declarations: 'liste' });
      await exporter(a, 'xlsx');
      a.send({ type: 'declarations.marquerExport' });
      await attendreAgent(a, { declarations: 'liste' });
    }),
  ),
};

export const Detail: Histoire = {
  name: 'Une déclaration ouverte',
  loaders: charger((w) => declarations(w, ouvrirPremiere)),
};

export const DetailTraitee: Histoire = {
  name: 'Une déclaration marquée traitée',
  loaders: charger((w) =>
    declarations(w, async (a) => {
      await ouvrirPremiere(a);
      a.send({ type: 'declaration.marquer' });
      await attendreAgent(a, { declarations: { detail: 'lecture' } });
    }),
  ),
};

export const Motif: Histoire = {
  name: 'Remettre à traiter : le motif',
  loaders: charger((w) =>
    declarations(w, async (a) => {
      await ouvrirPremiere(a);
      a.send({ type: 'declaration.marquer' });
      await attendreAgent(a, { declarations: { detail: 'lecture' } });
      a.send({ type: 'declaration.retablir' });
    }),
  ),
};

export const MotifManquant: Histoire = {
  name: 'Remettre à traiter : motif manquant',
  loaders: charger((w) =>
    declarations(w, async (a) => {
      await ouvrirPremiere(a);
      a.send({ type: 'declaration.marquer' });
      await attendreAgent(a, { declarations: { detail: 'lecture' } });
      a.send({ type: 'declaration.retablir' });
      a.send({ type: 'retablissement.valider', motif: '  ' });
    }),
  ),
};
