import type { ReactNode } from 'react';

export type NoticeType = 'info' | 'warning' | 'error' | 'success';

const prefixes: Record<NoticeType, string> = {
  info: 'Information',
  warning: 'Attention',
  error: 'Erreur',
  success: 'Succès',
};

export interface NoticeProps {
  type?: NoticeType;
  title?: string;
  /** Announce the notice when it appears (for messages that follow an action). */
  live?: boolean;
  children?: ReactNode;
}

/** A boxed message: information, warning, error or success, with its kind said in words. */
export function Notice({ type = 'info', title, live = false, children }: NoticeProps) {
  const role = live ? (type === 'error' ? 'alert' : 'status') : undefined;
  return (
    <div className={`notice notice--${type}`} role={role}>
      {title ? (
        <p className="notice__title">
          <span className="sr-only">{prefixes[type]} : </span>
          {title}
        </p>
      ) : null}
      {children ? (
        <div className="notice__body">
          {title ? null : <span className="sr-only">{prefixes[type]} : </span>}
          {children}
        </div>
      ) : null}
    </div>
  );
}
