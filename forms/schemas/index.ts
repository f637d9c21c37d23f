/** Every declaration schema by kind (SPEC §8 `kind`), and the shared definitions: data only. */
import defs from './defs.schema.json' with { type: 'json' };
import certificat from './certificat.schema.json' with { type: 'json' };
import { augmentation, reduction } from './changement-activite.ts';
import depart from './depart.schema.json' with { type: 'json' };
import doubleDebut from './double-debut.schema.json' with { type: 'json' };
import doubleModification from './double-modification.schema.json' with { type: 'json' };
import doubleFin from './double-fin.schema.json' with { type: 'json' };

export { defs };

export const schemas = {
  certificat,
  augmentation,
  reduction,
  depart,
  'double-debut': doubleDebut,
  'double-modification': doubleModification,
  'double-fin': doubleFin,
} as const;
