import type { ReactNode } from 'react';
import { Button as AriaButton, type ButtonProps as AriaButtonProps } from 'react-aria-components';

/** Visual weight of a button: one primary action per screen, secondary ones, link-looking ones. */
export type ButtonVariant = 'primary' | 'secondary' | 'link';

export interface ButtonProps extends Omit<AriaButtonProps, 'className' | 'children'> {
  variant?: ButtonVariant;
  /** An icon drawn before the text (decorative: hidden from assistive technologies). */
  icon?: ReactNode;
  className?: string;
  children: ReactNode;
}

/** A button of the kit (react-aria's Button: `onPress`, `isDisabled`, `isPending`). */
export function Button({ variant = 'primary', icon, className, children, ...props }: ButtonProps) {
  return (
    <AriaButton
      {...props}
      className={['btn', `btn--${variant}`, className].filter(Boolean).join(' ')}
    >
      {icon ? (
        <span className="btn__icon" aria-hidden="true">
          {icon}
        </span>
      ) : null}
      {children}
    </AriaButton>
  );
}

export interface LinkButtonProps {
  href: string;
  variant?: ButtonVariant;
  icon?: ReactNode;
  /** Set to a file name to download it (« Télécharger » the PDF récapitulatif). */
  download?: string | boolean;
  children: ReactNode;
}

/** A real link (navigation, file download) drawn like a button. */
export function LinkButton({
  href,
  variant = 'secondary',
  icon,
  download,
  children,
}: LinkButtonProps) {
  return (
    <a
      href={href}
      download={download === true ? '' : download || undefined}
      className={`btn btn--${variant}`}
    >
      {icon ? (
        <span className="btn__icon" aria-hidden="true">
          {icon}
        </span>
      ) : null}
      {children}
    </a>
  );
}
