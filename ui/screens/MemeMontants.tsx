import { useState } from 'react';
import type { Saisie } from '../../forms/index.ts';
import { asApiError } from '../../machines/types.ts';
import { certificatPrecedent } from '../api.ts';
import { Button, Notice } from '../components/index.ts';
import { jourDe } from '../../forms/dates.ts';

type Etat =
  | { quoi: 'attente' }
  | { quoi: 'repris'; annee: number; le: string }
  | { quoi: 'absent'; message: string };

/**
 * « Même montants que l'an dernier » (issue 14): the worker's certificat of the previous campaign
 * prefills the saisie; nothing is sent, the user checks the values and validates as usual.
 */
export function MemeMontants({
  workerId,
  onReprendre,
}: {
  workerId: string;
  onReprendre: (saisie: Saisie) => void;
}) {
  const [etat, setEtat] = useState<Etat>();
  const reprendre = async () => {
    setEtat({ quoi: 'attente' });
    try {
      const precedent = await certificatPrecedent(workerId);
      onReprendre(precedent.saisie);
      setEtat({ quoi: 'repris', annee: precedent.campaignYear, le: precedent.submittedAt });
    } catch (e) {
      setEtat({ quoi: 'absent', message: asApiError(e).message });
    }
  };
  return (
    <div className="form-stack">
      <div className="actions actions--start">
        <Button
          variant="secondary"
          isDisabled={etat?.quoi === 'attente'}
          onPress={() => void reprendre()}
        >
          Même montants que l'an dernier
        </Button>
      </div>
      {etat?.quoi === 'repris' ? (
        <Notice type="info" live>
          <p>
            Les montants du certificat de la campagne {etat.annee} (enregistré le {jourDe(etat.le)})
            ont été repris : vérifiez-les et corrigez-les si besoin avant de valider.
          </p>
        </Notice>
      ) : null}
      {etat?.quoi === 'absent' ? (
        <Notice type="warning" live>
          <p>{etat.message}</p>
        </Notice>
      ) : null}
    </div>
  );
}
