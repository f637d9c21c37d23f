import type { ReactNode } from 'react';

export interface CafSelectProps {
  id: string;
  label: ReactNode;
  cafs: { code: string; name: string }[];
  value?: string;
  onChange: (code: string) => void;
  inline?: boolean;
}

/** The choice of the Caf concerned when an Esat's workers depend on several (R-FL-1, R-FL-2). */
export function CafSelect({ id, label, cafs, value, onChange, inline = false }: CafSelectProps) {
  return (
    <div className={`field${inline ? ' field--inline' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="field__input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {cafs.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}
