/**
 * A Caf agent's space (SPEC §10): the agent works in its own machine (agent.machine.ts),
 * kept alive under the quit confirmation and the password change so that it finds its screen
 * as it left it.
 */
import { portalBase } from './base.ts';
import { motDePasseParChoix } from './connexion.ts';

export const agent = portalBase.createStateConfig({
  invoke: { id: 'agent', src: 'agent' },
  initial: 'travail',
  states: {
    travail: {
      on: {
        'portail.quitter': 'confirmationQuitter',
        'portail.motDePasse': {
          target: 'motDePasse',
          actions: ['oublierErreur', 'oublierSucces'],
        },
      },
    },
    confirmationQuitter: {
      on: { 'quitter.annuler': 'travail', 'quitter.confirmer': '#portail.deconnexion' },
    },
    motDePasse: motDePasseParChoix('travail', '#portail.agent.travail'),
  },
});
