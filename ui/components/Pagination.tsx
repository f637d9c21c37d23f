import { Button } from './Button.tsx';
import { ChevronLeftIcon, ChevronRightIcon } from './icons.tsx';

export interface PaginationProps {
  /** The current page, from 1. */
  page: number;
  /** Number of items in all pages. */
  total: number;
  pageSize: number;
  onPage: (page: number) => void;
}

/** Page numbers to show: the first, the last, the current one and its neighbours; gaps as null. */
export function pagesToShow(page: number, pageCount: number): (number | null)[] {
  const wanted = new Set([1, pageCount, page - 1, page, page + 1]);
  const pages = [...wanted].filter((p) => p >= 1 && p <= pageCount).sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const p of pages) {
    const previous = out[out.length - 1];
    if (typeof previous === 'number' && p - previous === 2) out.push(p - 1);
    else if (typeof previous === 'number' && p - previous > 2) out.push(null);
    out.push(p);
  }
  return out;
}

/** « Page 2 sur 5 » with previous/next and page numbers; nothing when everything fits one page. */
export function Pagination({ page, total, pageSize, onPage }: PaginationProps) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  if (pageCount <= 1) return null;
  const current = Math.min(Math.max(1, page), pageCount);
  return (
    <nav className="pagination" aria-label="Pagination">
      <p className="pagination__status" aria-live="polite">
        Page {current} sur {pageCount}
      </p>
      <ul className="pagination__list">
        <li>
          <Button
            variant="secondary"
            className="pagination__step"
            isDisabled={current === 1}
            onPress={() => onPage(current - 1)}
            icon={<ChevronLeftIcon />}
          >
            Précédente<span className="sr-only"> (page {current - 1})</span>
          </Button>
        </li>
        {pagesToShow(current, pageCount).map((p, i) =>
          p === null ? (
            <li key={`gap-${i}`} className="pagination__gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li key={p}>
              <Button
                variant="secondary"
                className={`pagination__page${p === current ? ' pagination__page--current' : ''}`}
                aria-label={`Page ${p}`}
                aria-current={p === current ? 'page' : undefined}
                onPress={() => onPage(p)}
              >
                {String(p)}
              </Button>
            </li>
          ),
        )}
        <li>
          <Button
            variant="secondary"
            className="pagination__step pagination__step--next"
            isDisabled={current === pageCount}
            onPress={() => onPage(current + 1)}
          >
            Suivante<span className="sr-only"> (page {current + 1})</span>
            <span className="btn__icon" aria-hidden="true">
              <ChevronRightIcon />
            </span>
          </Button>
        </li>
      </ul>
    </nav>
  );
}
