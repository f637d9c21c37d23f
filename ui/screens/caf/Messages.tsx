import { Button, Notice } from '../../components/index.ts';
import type { EcranAgent } from './types.ts';

/** What just succeeded, or the refusal of the server, said once above the screen. */
export function Messages({
  state,
  sansErreur = false,
}: Pick<EcranAgent, 'state'> & {
  /** The refusal is said elsewhere (a confirmation dialog asks about it). */
  sansErreur?: boolean;
}) {
  const { succes } = state.context;
  const erreur = sansErreur ? undefined : state.context.erreur;
  return (
    <>
      {succes ? (
        <Notice type="success" live>
          <p>{succes}</p>
        </Notice>
      ) : null}
      {erreur ? (
        <Notice type="error" live>
          <p>{erreur.message}</p>
        </Notice>
      ) : null}
    </>
  );
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
