/** The UI kit: presentational components, driven by props and callbacks. */
export { AvisForm, COMMENTAIRE_MAX, type Avis, type AvisFormProps } from './AvisForm.tsx';
export { Breadcrumb, etapesDeclaration, type BreadcrumbProps } from './Breadcrumb.tsx';
export {
  Button,
  LinkButton,
  type ButtonProps,
  type ButtonVariant,
  type LinkButtonProps,
} from './Button.tsx';
export { CafSelect, type CafSelectProps } from './CafSelect.tsx';
export { ConfirmDialog, type ConfirmDialogProps } from './ConfirmDialog.tsx';
export { ErrorSummary, type ErrorSummaryProps } from './ErrorSummary.tsx';
export {
  ChevronLeftIcon,
  ChevronRightIcon,
  CheckIcon,
  DownloadIcon,
  PencilIcon,
} from './icons.tsx';
export { Layout, type LayoutProps } from './Layout.tsx';
export { Notice, type NoticeProps, type NoticeType } from './Notice.tsx';
export { Pagination, pagesToShow, type PaginationProps } from './Pagination.tsx';
export { Recapitulatif, type RecapitulatifProps } from './Recapitulatif.tsx';
export { Spinner, type SpinnerProps } from './Spinner.tsx';
export { WorkerTile, type WorkerTileProps } from './WorkerTile.tsx';
