import { Button, Notice } from '../../components/index.ts';
import { Messages as MessagesServeur } from '../../components/Messages.tsx';
import type { EcranAgent } from './types.ts';

/** What just succeeded, or the refusal of the server, said once above the agent's screen. */
export function Messages({
  state,
  sansErreur = false,
}: Pick<EcranAgent, 'state'> & {
  /** The refusal is said elsewhere (a confirmation dialog asks about it). */
  sansErreur?: boolean;
}) {
  const { succes, erreur } = state.context;
  return <MessagesServeur succes={succes} erreur={sansErreur ? undefined : erreur} />;
}

/** A loading failure: the server's message and « Réessayer ». */
export function Echec({ titre, state, send }: EcranAgent & { titre: string }) {
  return (
    <div className="screen">
      <h1>{titre}</h1>
      <Notice type="error" title="Le chargement a échoué" live>
        <p>{state.context.erreur?.message}</p>
      </Notice>
      <div className="actions actions--start">
        <Button onPress={() => send({ type: 'chargement.reessayer' })}>Réessayer</Button>
      </div>
    </div>
  );
}
