// @vitest-environment jsdom
import './jsdom-shims.ts';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorSummary } from '../../ui/components/index.ts';
import { errorAt, fieldErrors, TextField } from '../../ui/form/FieldFrame.tsx';

afterEach(cleanup);

describe('TextField (the frame of the account screens’ fields)', () => {
  it.each([
    { help: undefined, error: undefined, describedBy: null, invalid: null },
    { help: 'Une aide.', error: undefined, describedBy: 'champ-x-aide', invalid: null },
    { help: undefined, error: 'Refusé.', describedBy: 'champ-x-erreur', invalid: 'true' },
    {
      help: 'Une aide.',
      error: 'Refusé.',
      describedBy: 'champ-x-aide champ-x-erreur',
      invalid: 'true',
    },
  ])(
    'help $help, error $error: described by « $describedBy », aria-invalid $invalid',
    ({ help, error, describedBy, invalid }) => {
      render(
        <TextField
          id="champ-x"
          label="Nom"
          help={help}
          error={error}
          value=""
          onChange={() => {}}
        />,
      );
      const input = screen.getByLabelText('Nom');
      expect(input.id).toBe('champ-x');
      expect(input.getAttribute('aria-describedby')).toBe(describedBy);
      expect(input.getAttribute('aria-invalid')).toBe(invalid);
      for (const id of describedBy?.split(' ') ?? [])
        expect(document.getElementById(id)).not.toBeNull();
      if (error)
        expect(document.getElementById('champ-x-erreur')?.textContent).toBe(`Erreur : ${error}`);
      expect(input.closest('.field')?.classList.contains('field--error')).toBe(Boolean(error));
    },
  );

  it('passes the input’s own attributes through, and gives back what is typed', async () => {
    function Harness() {
      const [value, setValue] = useState('');
      return (
        <>
          <TextField
            id="champ-email"
            label="E-mail"
            type="email"
            required
            value={value}
            onChange={setValue}
          />
          <output>{value}</output>
        </>
      );
    }
    render(<Harness />);
    const input = screen.getByLabelText('E-mail') as HTMLInputElement;
    expect(input.type).toBe('email');
    expect(input.required).toBe(true);
    // The browser's `required`, not « (obligatoire) » in the label.
    expect(screen.getByText('E-mail').textContent).toBe('E-mail');
    expect(input.className).toBe('field__input field__input--long');
    await userEvent.type(input, 'a@b.fr');
    expect(screen.getByRole('status').textContent).toBe('a@b.fr');
  });

  it('a refusal without fields lands on the default field, linked from the summary', async () => {
    const errors = fieldErrors({ message: 'Adresse déjà utilisée.' }, '/email');
    render(
      <>
        <ErrorSummary errors={errors} />
        <TextField
          id="champ-email"
          label="E-mail"
          error={errorAt(errors, '/email')}
          value=""
          onChange={() => {}}
        />
      </>,
    );
    await userEvent.click(screen.getByRole('link', { name: 'Adresse déjà utilisée.' }));
    expect(document.activeElement).toBe(screen.getByLabelText('E-mail'));
    expect(fieldErrors(undefined, '/email')).toEqual([]);
    const fields = [{ path: '/role', message: 'Rôle inconnu.' }];
    expect(fieldErrors({ message: 'Refusé.', fields }, '/email')).toBe(fields);
  });
});
