import type { ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { Button } from './Button.tsx';

export interface ConfirmDialogProps {
  isOpen: boolean;
  /** The question, e.g. « Voulez-vous quitter ? »: it labels the dialog. */
  title: string;
  children?: ReactNode;
  onCancel: () => void;
  onConfirm: () => void;
  cancelLabel?: string;
  confirmLabel?: string;
  /** A notice with one way out (« Votre session a expiré » → « Quitter »): no cancel, no dismiss. */
  hideCancel?: boolean;
}

/**
 * A modal confirmation (« Annuler » / « Confirmer »). Focus is trapped inside and goes back to
 * the control that opened it; Escape and a click outside count as « Annuler ».
 */
export function ConfirmDialog({
  isOpen,
  title,
  children,
  onCancel,
  onConfirm,
  cancelLabel = 'Annuler',
  confirmLabel = 'Confirmer',
  hideCancel = false,
}: ConfirmDialogProps) {
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen={isOpen}
      isDismissable={!hideCancel}
      isKeyboardDismissDisabled={hideCancel}
      onOpenChange={(open) => {
        if (!open) onCancel();
      }}
    >
      <Modal className="modal">
        <Dialog className="dialog" role="alertdialog">
          <Heading slot="title" className="dialog__title">
            {title}
          </Heading>
          {children ? <div className="dialog__body">{children}</div> : null}
          <div className="dialog__actions">
            {hideCancel ? null : (
              <Button variant="secondary" onPress={onCancel}>
                {cancelLabel}
              </Button>
            )}
            <Button variant="primary" onPress={onConfirm}>
              {confirmLabel}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
