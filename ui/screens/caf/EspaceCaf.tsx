/**
 * The Caf agent's space (SPEC §10), loaded on demand (React.lazy in Portail.tsx) so that the
 * Esat's first screen does not carry it.
 */
import { useSelector } from '@xstate/react';
import { Notice } from '../../components/index.ts';
import { Avis } from './Avis.tsx';
import { Declarations } from './Declarations.tsx';
import { Detail } from './Detail.tsx';
import { FicheEsat } from './FicheEsat.tsx';
import { Relances } from './Relances.tsx';
import { SuiviCampagne } from './SuiviCampagne.tsx';
import type { AgentRef, AgentSnapshot } from './types.ts';
import '../../ecrans.css';
import './caf.css';

const onglets = [
  { etat: 'campagne', evenement: 'onglet.campagne', libelle: 'Suivi de la campagne' },
  { etat: 'declarations', evenement: 'onglet.declarations', libelle: 'Déclarations reçues' },
  { etat: 'relances', evenement: 'onglet.relances', libelle: 'Relances' },
  { etat: 'avis', evenement: 'onglet.avis', libelle: 'Avis des Esat' },
] as const;

/** Which tab a state belongs to (the fiche Esat is reached from the campaign). */
const ongletDe = (s: AgentSnapshot) =>
  s.matches('esat') ? 'campagne' : onglets.find((o) => s.matches(o.etat))?.etat;

export interface EspaceCafProps {
  actor: AgentRef;
  /** What the portal just did for the agent (« Votre mot de passe a été changé. »). */
  succesPortail?: string;
}

/** The tabs of the agent's space and the screen of the state its machine is in. */
export function EspaceCaf({ actor, succesPortail }: EspaceCafProps) {
  const state = useSelector(actor, (s) => s);
  const { send } = actor;
  const courant = ongletDe(state);
  let ecran;
  if (state.matches('esat')) ecran = <FicheEsat state={state} send={send} />;
  else if (state.matches({ declarations: 'detail' })) ecran = <Detail state={state} send={send} />;
  else if (state.matches('declarations')) ecran = <Declarations state={state} send={send} />;
  else if (state.matches('relances')) ecran = <Relances state={state} send={send} />;
  else if (state.matches('avis')) ecran = <Avis state={state} send={send} />;
  else ecran = <SuiviCampagne state={state} send={send} />;
  return (
    <div className="caf">
      <nav className="onglets" aria-label="Espace Caf">
        <ul className="onglets__liste">
          {onglets.map((o) => (
            <li key={o.etat}>
              <button
                type="button"
                className={`onglets__lien${courant === o.etat ? ' onglets__lien--courant' : ''}`}
                aria-current={courant === o.etat ? 'page' : undefined}
                onClick={() => send({ type: o.evenement })}
              >
                {o.libelle}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {succesPortail ? (
        <Notice type="success" live>
          <p>{succesPortail}</p>
        </Notice>
      ) : null}
      {ecran}
    </div>
  );
}

export default EspaceCaf;
