import { Button } from './Button.tsx';

/**
 * « Désactiver » / « Réactiver » an account, named with its address for screen readers: the
 * référent's users page and the Caf agent's fiche Esat send their own event.
 */
export function BoutonActivation({
  compte,
  isDisabled,
  onPress,
}: {
  compte: { email: string; active: boolean };
  isDisabled?: boolean;
  onPress: () => void;
}) {
  const verbe = compte.active ? 'Désactiver' : 'Réactiver';
  return (
    <Button
      variant="secondary"
      aria-label={`${verbe} ${compte.email}`}
      isDisabled={isDisabled}
      onPress={onPress}
    >
      {verbe}
    </Button>
  );
}
