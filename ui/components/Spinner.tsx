export interface SpinnerProps {
  /** What is loading, said to everyone (« Chargement des travailleurs… »). */
  label?: string;
}

/** A loading indicator with its text, announced politely. */
export function Spinner({ label = 'Chargement…' }: SpinnerProps) {
  return (
    <div className="spinner" role="status">
      <span className="spinner__wheel" aria-hidden="true" />
      <span className="spinner__label">{label}</span>
    </div>
  );
}
