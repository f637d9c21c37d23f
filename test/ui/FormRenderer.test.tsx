// @vitest-environment jsdom
import './jsdom-shims.ts';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkSaisie, formDefinition, type FieldError, type Saisie } from '../../forms/index.ts';
import { FormRenderer } from '../../ui/form/FormRenderer.tsx';
import type { WidgetProps } from '../../ui/form/widgets.tsx';

afterEach(cleanup);

const definition = formDefinition('certificat');

function Harness({ initial = {}, showErrors = false }: { initial?: Saisie; showErrors?: boolean }) {
  const [saisie, setSaisie] = useState<Saisie>(initial);
  const { errors } = checkSaisie('certificat', saisie);
  return (
    <FormRenderer
      definition={definition}
      saisie={saisie}
      errors={errors}
      showErrors={showErrors}
      onChange={(name, value) => setSaisie((s) => ({ ...s, [name]: value }))}
    />
  );
}

describe('FormRenderer', () => {
  it('draws the 4 fields of the certificat with their labels, in order', () => {
    render(<Harness />);
    const inputs = screen.getAllByRole('textbox');
    expect(inputs.map((i) => i.id)).toEqual([
      'champ-moisRemunerationGarantie',
      'champ-remunerationGarantie',
      'champ-aideAuPoste',
      'champ-salaireDirectPct',
    ]);
    expect(screen.getByLabelText(/Nombre de mois de perception de la rémunération garantie/)).toBe(
      inputs[0],
    );
    expect(screen.getByLabelText(/Montant net de la rémunération garantie \(novembre\)/)).toBe(
      inputs[1],
    );
    expect(screen.getByLabelText(/Montant net de l'aide au poste \(novembre\)/)).toBe(inputs[2]);
    expect(screen.getByLabelText(/Salaire direct en pourcentage du Smic/)).toBe(inputs[3]);
  });

  it('marks required fields « (obligatoire) » and only them (R-CE-2)', () => {
    render(<Harness />);
    const required = screen.getAllByRole('textbox', { name: /\(obligatoire\)/ }).map((i) => i.id);
    expect(required).toEqual(['champ-moisRemunerationGarantie', 'champ-aideAuPoste']);
  });

  it('chooses keyboard and unit by widget: € and decimal for amounts, % for percentages, numeric for months', () => {
    const { container } = render(<Harness />);
    const aide = screen.getByLabelText(/aide au poste/);
    expect(aide.getAttribute('inputmode')).toBe('decimal');
    expect(aide.parentElement?.textContent).toContain('€');
    expect(screen.getByLabelText(/Salaire direct/).getAttribute('inputmode')).toBe('decimal');
    expect(screen.getByLabelText(/Salaire direct/).parentElement?.textContent).toContain('%');
    expect(screen.getByLabelText(/Nombre de mois/).getAttribute('inputmode')).toBe('numeric');
    expect(container.querySelector('[style]')).toBeNull();
  });

  it('shows the definition notices above the fields (R-CE-5)', () => {
    render(<Harness />);
    expect(
      screen.getByText(/Ne pas déduire la part imposable de la mutuelle obligatoire/),
    ).toBeTruthy();
  });

  it('keeps the text exactly as typed and reports each change', async () => {
    const onChange = vi.fn();
    const { rerender } = render(
      <FormRenderer
        definition={definition}
        saisie={{}}
        errors={[]}
        showErrors={false}
        onChange={onChange}
      />,
    );
    await userEvent.type(screen.getByLabelText(/aide au poste/), '7');
    expect(onChange).toHaveBeenLastCalledWith('aideAuPoste', '7');
    rerender(
      <FormRenderer
        definition={definition}
        saisie={{ aideAuPoste: ' 1 250,50 ' }}
        errors={[]}
        showErrors={false}
        onChange={onChange}
      />,
    );
    expect((screen.getByLabelText(/aide au poste/) as HTMLInputElement).value).toBe(' 1 250,50 ');
  });

  it('keeps typed text through a controlled round trip', async () => {
    render(<Harness />);
    const input = screen.getByLabelText(/Montant net de la rémunération/);
    await userEvent.type(input, '1 200,5 abc');
    expect((input as HTMLInputElement).value).toBe('1 200,5 abc');
  });

  it('hides errors until asked to show them', () => {
    render(<Harness initial={{ moisRemunerationGarantie: '12' }} />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByLabelText(/aide au poste/).hasAttribute('aria-invalid')).toBe(false);
  });

  it('shows the error next to the right field and in the summary, linked by id (R-CE-2)', () => {
    render(
      <Harness
        initial={{ moisRemunerationGarantie: '12', remunerationGarantie: '1000' }}
        showErrors
      />,
    );
    const message = "Indiquez le montant net de l'aide au poste.";
    const aide = screen.getByLabelText(/aide au poste/);
    expect(aide.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('textbox', { description: new RegExp(message) })).toBe(aide);
    expect(document.getElementById('champ-aideAuPoste-erreur')?.textContent).toContain(message);
    for (const other of [/Nombre de mois/, /Montant net de la rémunération/, /Salaire direct/]) {
      expect(screen.getByLabelText(other).hasAttribute('aria-invalid')).toBe(false);
    }

    const summary = screen.getByRole('alert');
    expect(within(summary).getByRole('heading')?.textContent).toContain(
      'Le formulaire comporte des erreurs',
    );
    expect(within(summary).getByRole('link', { name: message }).getAttribute('href')).toBe(
      '#champ-aideAuPoste',
    );
    expect(document.activeElement).toBe(summary);
  });

  it('describes a field by its help and its error together', () => {
    render(
      <Harness
        initial={{ moisRemunerationGarantie: '13', aideAuPoste: '5', salaireDirectPct: '10' }}
        showErrors
      />,
    );
    const mois = screen.getByLabelText(/Nombre de mois/);
    expect(mois.getAttribute('aria-describedby')).toBe(
      'champ-moisRemunerationGarantie-aide champ-moisRemunerationGarantie-erreur',
    );
    expect(
      screen.getByRole('textbox', { description: /Entre 1 et 12\..*compris entre 1 et 12/ }),
    ).toBe(mois);
  });

  it('a link of the summary moves focus to its field', async () => {
    render(
      <Harness
        initial={{ moisRemunerationGarantie: '12', remunerationGarantie: '1000' }}
        showErrors
      />,
    );
    await userEvent.click(screen.getByRole('link', { name: /aide au poste/ }));
    expect(document.activeElement).toBe(screen.getByLabelText(/aide au poste/));
  });

  it('lists an error of no field in the summary without a link', () => {
    const errors: FieldError[] = [
      { path: '', message: 'Déclaration déjà enregistrée le 02/12/2025.' },
    ];
    render(
      <FormRenderer
        definition={definition}
        saisie={{}}
        errors={errors}
        showErrors
        onChange={() => {}}
      />,
    );
    expect(screen.getByRole('alert')?.textContent).toContain(
      'Déclaration déjà enregistrée le 02/12/2025.',
    );
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('draws a widget from the registry given, without changing the renderer', () => {
    function Oui({ field, id }: WidgetProps) {
      return (
        <span id={id}>
          widget {field.widget} pour {field.name}
        </span>
      );
    }
    render(
      <FormRenderer
        definition={definition}
        saisie={{}}
        errors={[]}
        showErrors={false}
        onChange={() => {}}
        widgets={{ montant: Oui }}
      />,
    );
    expect(screen.getByText('widget montant pour aideAuPoste')).toBeTruthy();
    // Kinds missing from that registry fall back to a text field.
    expect(screen.getByLabelText(/Nombre de mois/).getAttribute('type')).toBe('text');
  });
});
