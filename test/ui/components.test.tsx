// @vitest-environment jsdom
import './jsdom-shims.ts';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkSaisie, formDefinition } from '../../forms/index.ts';
import {
  AvisForm,
  Breadcrumb,
  Button,
  ConfirmDialog,
  ErrorSummary,
  Layout,
  Notice,
  Pagination,
  pagesToShow,
  Recapitulatif,
  Spinner,
  WorkerTile,
} from '../../ui/components/index.ts';

afterEach(cleanup);

describe('ConfirmDialog', () => {
  function Harness({ onCancel = () => {}, onConfirm = () => {} }) {
    const [open, setOpen] = useState(false);
    return (
      <>
        <Button variant="secondary" onPress={() => setOpen(true)}>
          Quitter
        </Button>
        <ConfirmDialog
          isOpen={open}
          title="Voulez-vous quitter ?"
          onCancel={() => {
            onCancel();
            setOpen(false);
          }}
          onConfirm={() => {
            onConfirm();
            setOpen(false);
          }}
        >
          <p>Votre saisie est conservée.</p>
        </ConfirmDialog>
      </>
    );
  }

  it('is closed until asked, then labelled by its title', async () => {
    render(<Harness />);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Quitter' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Voulez-vous quitter ?' });
    expect(within(dialog).getByText('Votre saisie est conservée.')).toBeTruthy();
    expect(dialog.contains(document.activeElement)).toBe(true);
  });

  it('« Annuler » calls onCancel only, and focus goes back to the opener', async () => {
    const onCancel = vi.fn();
    const onConfirm = vi.fn();
    render(<Harness onCancel={onCancel} onConfirm={onConfirm} />);
    const opener = screen.getByRole('button', { name: 'Quitter' });
    await userEvent.click(opener);
    await userEvent.click(screen.getByRole('button', { name: 'Annuler' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    // react-aria gives focus back on the next animation frame.
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });

  it('« Confirmer » calls onConfirm only', async () => {
    const onCancel = vi.fn();
    const onConfirm = vi.fn();
    render(<Harness onCancel={onCancel} onConfirm={onConfirm} />);
    await userEvent.click(screen.getByRole('button', { name: 'Quitter' }));
    await userEvent.click(screen.getByRole('button', { name: 'Confirmer' }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(onCancel).not.toHaveBeenCalled();
  });

  it('Escape counts as « Annuler »', async () => {
    const onCancel = vi.fn();
    render(<Harness onCancel={onCancel} />);
    await userEvent.click(screen.getByRole('button', { name: 'Quitter' }));
    await userEvent.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('keeps focus inside while open (Tab cycles between its buttons)', async () => {
    render(<Harness />);
    await userEvent.click(screen.getByRole('button', { name: 'Quitter' }));
    const dialog = screen.getByRole('alertdialog');
    for (let i = 0; i < 4; i++) {
      await userEvent.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
  });
});

describe('WorkerTile', () => {
  function Harness({ blocage }: { blocage?: string }) {
    const [selected, setSelected] = useState(false);
    return (
      <WorkerTile
        nom="Dupont"
        prenom="Marie"
        numeroAllocataire="1234567"
        isSelected={selected}
        onChange={setSelected}
        blocage={blocage}
      />
    );
  }

  it('shows « NOM Prénom — n° allocataire » and toggles aria-pressed', async () => {
    render(<Harness />);
    const tile = screen.getByRole('button', { name: /DUPONT Marie — n° 1234567/ });
    expect(tile.getAttribute('aria-pressed')).toBe('false');
    await userEvent.click(tile);
    expect(tile.getAttribute('aria-pressed')).toBe('true');
    await userEvent.click(tile);
    expect(tile.getAttribute('aria-pressed')).toBe('false');
  });

  it('is toggled from the keyboard too', async () => {
    render(<Harness />);
    await userEvent.tab();
    await userEvent.keyboard(' ');
    expect(screen.getByRole('button').getAttribute('aria-pressed')).toBe('true');
  });

  it('R-WK: a blocked file shows its message, cannot be selected, and is described by it', async () => {
    const onChange = vi.fn();
    const message = 'Le dossier de ce travailleur est radié. Contactez votre Caf.';
    render(
      <WorkerTile
        nom="Dupont"
        prenom="Marie"
        numeroAllocataire="1"
        isSelected={false}
        onChange={onChange}
        blocage={message}
      />,
    );
    const tile = screen.getByRole('button', { name: /DUPONT Marie/, description: message });
    expect((tile as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(tile);
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByText(message)).toBeTruthy();
  });
});

describe('Pagination', () => {
  it('says « Page 2 sur 5 » and marks the current page', () => {
    render(<Pagination page={2} total={50} pageSize={10} onPage={() => {}} />);
    const nav = screen.getByRole('navigation', { name: 'Pagination' });
    expect(nav.textContent).toContain('Page 2 sur 5');
    expect(screen.getByRole('button', { name: 'Page 2' }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(screen.getByRole('button', { name: 'Page 1' }).hasAttribute('aria-current')).toBe(false);
  });

  it('calls onPage with the page chosen, previous and next', async () => {
    const onPage = vi.fn();
    render(<Pagination page={2} total={50} pageSize={10} onPage={onPage} />);
    await userEvent.click(screen.getByRole('button', { name: 'Page 3' }));
    await userEvent.click(screen.getByRole('button', { name: /Précédente/ }));
    await userEvent.click(screen.getByRole('button', { name: /Suivante/ }));
    expect(onPage.mock.calls).toEqual([[3], [1], [3]]);
  });

  it('disables « Précédente » on the first page and « Suivante » on the last', async () => {
    const onPage = vi.fn();
    const { rerender } = render(<Pagination page={1} total={41} pageSize={10} onPage={onPage} />);
    expect((screen.getByRole('button', { name: /Précédente/ }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    rerender(<Pagination page={5} total={41} pageSize={10} onPage={onPage} />);
    expect(screen.getByRole('navigation').textContent).toContain('Page 5 sur 5');
    expect((screen.getByRole('button', { name: /Suivante/ }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('draws nothing when everything fits on one page', () => {
    const { container } = render(
      <Pagination page={1} total={10} pageSize={10} onPage={() => {}} />,
    );
    expect(container.innerHTML).toBe('');
  });

  it.each([
    { page: 1, count: 1, expected: [1] },
    { page: 1, count: 5, expected: [1, 2, null, 5] },
    { page: 3, count: 5, expected: [1, 2, 3, 4, 5] },
    { page: 5, count: 10, expected: [1, null, 4, 5, 6, null, 10] },
    { page: 10, count: 10, expected: [1, null, 9, 10] },
  ])('pages shown around $page of $count', ({ page, count, expected }) => {
    expect(pagesToShow(page, count)).toEqual(expected);
  });
});

describe('Breadcrumb', () => {
  it('R-FL-5: shows the three steps and marks the current one with aria-current="step"', () => {
    render(<Breadcrumb etape={2} />);
    const items = screen.getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      '1. Saisie (terminée)',
      '2. Récapitulatif',
      '3. Fin',
    ]);
    expect(items.map((li) => li.getAttribute('aria-current'))).toEqual([null, 'step', null]);
  });
});

describe('ErrorSummary', () => {
  it('takes focus when errors appear and again when they change', () => {
    const { rerender } = render(
      <>
        <input aria-label="ailleurs" />
        <ErrorSummary errors={[]} />
      </>,
    );
    expect(screen.queryByRole('alert')).toBeNull();
    rerender(
      <>
        <input aria-label="ailleurs" />
        <ErrorSummary errors={[{ path: '/aideAuPoste', message: 'Indiquez l’aide au poste.' }]} />
      </>,
    );
    expect(document.activeElement).toBe(screen.getByRole('alert'));
    screen.getByLabelText('ailleurs').focus();
    rerender(
      <>
        <input aria-label="ailleurs" />
        <ErrorSummary errors={[{ path: '/aideAuPoste', message: 'Indiquez l’aide au poste.' }]} />
      </>,
    );
    expect(document.activeElement).toBe(screen.getByLabelText('ailleurs'));
    rerender(
      <>
        <input aria-label="ailleurs" />
        <ErrorSummary
          errors={[
            { path: '/salaireDirectPct', message: 'Le pourcentage est compris entre 0 et 100.' },
          ]}
        />
      </>,
    );
    expect(document.activeElement).toBe(screen.getByRole('alert'));
  });
});

describe('Recapitulatif', () => {
  it('lists every field with its formatted value and a labelled pencil', async () => {
    const definition = formDefinition('certificat');
    const { data } = checkSaisie('certificat', {
      moisRemunerationGarantie: '12',
      aideAuPoste: '1250,5',
    });
    const onModifier = vi.fn();
    render(<Recapitulatif definition={definition} valeurs={data} onModifier={onModifier} />);
    const terms = screen.getAllByRole('term').map((t) => t.textContent);
    const values = screen.getAllByRole('definition').map((d) => d.textContent?.replace(/\s/g, ' '));
    expect(terms).toEqual(definition.fields.map((f) => f.label));
    expect(values).toEqual(['12', 'Non renseigné', '1 250,50 €', 'Non renseigné']);
    await userEvent.click(screen.getByRole('button', { name: 'Modifier la saisie' }));
    expect(onModifier).toHaveBeenCalledTimes(1);
  });
});

describe('AvisForm', () => {
  it('sends the note chosen in a radio group and the comment', async () => {
    const onSubmit = vi.fn();
    render(<AvisForm onSubmit={onSubmit} />);
    const group = screen.getByRole('radiogroup', { name: /Votre note/ });
    expect(within(group).getAllByRole('radio')).toHaveLength(5);
    await userEvent.click(within(group).getByRole('radio', { name: /4 sur 5/ }));
    await userEvent.type(
      screen.getByLabelText('Commentaire (facultatif)'),
      'Plus simple que avant.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Envoyer mon avis' }));
    expect(onSubmit).toHaveBeenCalledWith({ note: 4, commentaire: 'Plus simple que avant.' });
  });

  it('asks for a note before sending, and limits the comment to 2000 characters', async () => {
    const onSubmit = vi.fn();
    render(<AvisForm onSubmit={onSubmit} />);
    await userEvent.click(screen.getByRole('button', { name: 'Envoyer mon avis' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText(/Choisissez une note de 1 à 5/)).toBeTruthy();
    expect(screen.getByLabelText('Commentaire (facultatif)').getAttribute('maxlength')).toBe(
      '2000',
    );
  });

  it('thanks once sent', () => {
    render(<AvisForm onSubmit={() => {}} sent />);
    expect(screen.getByRole('status').textContent).toContain('Merci pour votre avis');
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('Layout, Notice, Spinner', () => {
  it('has a skip link to <main id="contenu">, the slots and the footer', () => {
    render(
      <Layout
        caf="Caf de la Gironde"
        utilisateur="a@b.fr"
        quitter={<Button variant="secondary">Quitter</Button>}
      >
        <h1>Accueil</h1>
      </Layout>,
    );
    const skip = screen.getByRole('link', { name: 'Aller au contenu' });
    expect(skip.getAttribute('href')).toBe('#contenu');
    expect(screen.getByRole('main').id).toBe('contenu');
    expect(screen.getByRole('banner').textContent).toContain('Espace Esat');
    expect(screen.getByRole('banner').textContent).toContain('Caf de la Gironde');
    expect(
      within(screen.getByRole('banner')).getByRole('button', { name: 'Quitter' }),
    ).toBeTruthy();
    expect(screen.getByRole('contentinfo').textContent).toContain('Mentions légales');
  });

  it('says the kind of a notice in words, and announces live ones', () => {
    render(
      <Notice type="error" live>
        Aucun travailleur n'est connu pour cette Caf.
      </Notice>,
    );
    expect(screen.getByRole('alert').textContent).toBe(
      "Erreur : Aucun travailleur n'est connu pour cette Caf.",
    );
  });

  it('spinner has its text in a status region', () => {
    render(<Spinner label="Chargement des travailleurs…" />);
    expect(screen.getByRole('status').textContent).toBe('Chargement des travailleurs…');
  });
});
