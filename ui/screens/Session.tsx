import { useSelector } from '@xstate/react';
import type { ActorRefFrom } from 'xstate';
import { dureeRestante, type sessionMachine } from '../../machines/session.machine.ts';
import { ConfirmDialog } from '../components/index.ts';
import '../ecrans.css';

/**
 * R-SE-1: « Votre session expire dans 3 minutes 49 secondes » with « Continuer », then
 * « Votre session a expiré » with « Quitter ». The countdown is read out by a live region.
 */
export function AlerteSession({
  actor,
  onQuitter,
}: {
  actor: ActorRefFrom<typeof sessionMachine>;
  onQuitter: () => void;
}) {
  const state = useSelector(actor, (s) => s);
  const avertissement = state.matches('avertissement');
  const expiree = state.matches('expiree');
  const minuteEntiere = state.context.restant % 60 === 0 || state.context.restant <= 10;
  return (
    <>
      <ConfirmDialog
        isOpen={avertissement}
        title="Votre session va expirer"
        confirmLabel="Continuer"
        cancelLabel="Quitter"
        onConfirm={() => actor.send({ type: 'session.prolonger' })}
        onCancel={() => {
          actor.send({ type: 'session.terminer' });
          onQuitter();
        }}
      >
        <p>
          Votre session expire dans <strong>{dureeRestante(state.context.restant)}</strong>. Cliquez
          sur « Continuer » pour rester connecté : ce que vous avez saisi est conservé.
        </p>
        {/* Announced once a minute, then each of the last seconds, not every second. */}
        <p className="sr-only" aria-live="polite">
          {minuteEntiere
            ? `Votre session expire dans ${dureeRestante(state.context.restant)}.`
            : ''}
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        isOpen={expiree}
        title="Votre session a expiré"
        confirmLabel="Quitter"
        hideCancel
        onCancel={() => undefined}
        onConfirm={() => {
          actor.send({ type: 'session.terminer' });
          onQuitter();
        }}
      >
        <p>
          Pour votre sécurité, vous avez été déconnecté après une période d'inactivité.
          Reconnectez-vous pour continuer.
        </p>
      </ConfirmDialog>
    </>
  );
}
