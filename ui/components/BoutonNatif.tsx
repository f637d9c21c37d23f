import type { MouseEvent, ReactNode } from 'react';
import type { ButtonVariant } from './Button.tsx';

export interface BoutonNatifProps {
  variant?: ButtonVariant;
  type?: 'button' | 'submit';
  onPress?: () => void;
  /** A sending under way: the button stays focusable and says so, a press does nothing. */
  isPending?: boolean;
  isDisabled?: boolean;
  className?: string;
  children: ReactNode;
}

/**
 * The kit's button (same look, same `onPress`/`isPending` API) as a plain `<button>`, for the
 * login page and the header, which load before anything else: react-aria's Button weighs 14 kB
 * gzip there (issue 16), where a native button does what these few need — Entrée and Espace,
 * `:focus-visible`, `:hover`, `:disabled`. The other screens keep react-aria's.
 */
export function BoutonNatif({
  variant = 'primary',
  type = 'button',
  onPress,
  isPending = false,
  isDisabled = false,
  className,
  children,
}: BoutonNatifProps) {
  const press = (event: MouseEvent<HTMLButtonElement>) => {
    if (isPending) {
      event.preventDefault();
      return;
    }
    onPress?.();
  };
  return (
    <button
      type={type}
      className={['btn', `btn--${variant}`, className].filter(Boolean).join(' ')}
      disabled={isDisabled}
      aria-disabled={isPending || undefined}
      data-pending={isPending || undefined}
      onClick={press}
    >
      {children}
    </button>
  );
}
