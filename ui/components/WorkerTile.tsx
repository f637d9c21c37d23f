import { useId } from 'react';
import { ToggleButton } from 'react-aria-components';
import { CheckIcon } from './icons.tsx';

export interface WorkerTileProps {
  nom: string;
  prenom: string;
  numeroAllocataire: string;
  isSelected: boolean;
  onChange: (isSelected: boolean) => void;
  /** Why this worker's file cannot take a declaration (R-WK), whole sentence with « Contactez votre Caf. »: the tile turns red and is blocked. */
  blocage?: string;
  /** R-CA-8: where its certificat of the campaign stands (« Certificat déclaré le 10/12 »). */
  statut?: string;
}

/** A worker to select: « NOM Prénom — n° allocataire », a toggle button (aria-pressed). */
export function WorkerTile({
  nom,
  prenom,
  numeroAllocataire,
  isSelected,
  onChange,
  blocage,
  statut,
}: WorkerTileProps) {
  const messageId = useId();
  const statutId = useId();
  const blocked = Boolean(blocage);
  return (
    <div className={`worker-tile${blocked ? ' worker-tile--blocked' : ''}`}>
      <ToggleButton
        className="worker-tile__button"
        isSelected={isSelected && !blocked}
        onChange={onChange}
        isDisabled={blocked}
        aria-describedby={
          [blocked ? messageId : '', statut ? statutId : ''].filter(Boolean).join(' ') || undefined
        }
      >
        <span className="worker-tile__check" aria-hidden="true">
          <CheckIcon />
        </span>
        <span className="worker-tile__text">
          <span className="worker-tile__name">
            {nom.toUpperCase()} {prenom}
          </span>{' '}
          <span className="worker-tile__number">— n° {numeroAllocataire}</span>
          {statut ? (
            <span className="worker-tile__statut" id={statutId}>
              <CheckIcon /> {statut}
            </span>
          ) : null}
        </span>
      </ToggleButton>
      {blocked ? (
        <p className="worker-tile__message" id={messageId}>
          {blocage}
        </p>
      ) : null}
    </div>
  );
}
