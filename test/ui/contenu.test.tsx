// @vitest-environment jsdom
/**
 * Issue #12, points 7 and 9: the seeds' words (« Valider » at login), an empty login form says
 * which field is empty, « Mot de passe oublié ? » refuses an empty or malformed address at the
 * field, the récapitulatif shows the Caf, the Esat and the date of birth and leaves out a field
 * that does not apply, and the certificat's information is one notice.
 */
import './jsdom-shims.ts';
import { composeStories } from '@storybook/react-vite';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSaisie, formDefinition } from '../../forms/index.ts';
import { Recapitulatif } from '../../ui/components/index.ts';
import { FormRenderer } from '../../ui/form/FormRenderer.tsx';
import { messagesConnexion } from '../../ui/screens/Connexion.tsx';
import { messagesOubli } from '../../ui/screens/Oubli.tsx';
import * as connexion from '../../stories/Connexion.stories.tsx';

afterEach(cleanup);
const { Connexion } = composeStories(connexion);

async function ecranConnexion() {
  await Connexion.load();
  render(<Connexion />);
  await screen.findByRole('heading', { name: "Bienvenue sur l'Espace Esat" });
}

describe('Connexion', () => {
  it('the login button reads « Valider » (the seeds’ word)', async () => {
    await ecranConnexion();
    expect(screen.getByRole('button', { name: 'Valider' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Se connecter' })).toBeNull();
  });

  it('an empty form names each empty field, at the field and in the focused summary', async () => {
    await ecranConnexion();
    await userEvent.click(screen.getByRole('button', { name: 'Valider' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain(messagesConnexion.emailVide);
    expect(summary.textContent).toContain(messagesConnexion.motDePasseVide);
    await waitFor(() => expect(document.activeElement).toBe(summary));
    const email = screen.getByLabelText('Identifiant (adresse e-mail)');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(email.getAttribute('aria-describedby')!)?.textContent).toContain(
      messagesConnexion.emailVide,
    );
    // Only the password left empty: only it is named.
    await userEvent.type(email, 'declarant@esat-des-tilleuls.test');
    await userEvent.click(screen.getByRole('button', { name: 'Valider' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).not.toContain(messagesConnexion.emailVide),
    );
    expect(screen.getByRole('alert').textContent).toContain(messagesConnexion.motDePasseVide);
    expect(email.getAttribute('aria-invalid')).toBeNull();
  });

  it.each([
    ['', messagesOubli.adresseVide],
    ['pas-une-adresse', messagesOubli.adresseInvalide],
    ['nom@domaine', messagesOubli.adresseInvalide],
  ])(
    '« Mot de passe oublié ? » with %j says « %s » at the field, and sends nothing',
    async (typed, message) => {
      await ecranConnexion();
      await userEvent.click(screen.getByRole('button', { name: 'Mot de passe oublié ?' }));
      const field = await screen.findByLabelText('Identifiant (adresse e-mail)');
      if (typed) await userEvent.type(field, typed);
      await userEvent.click(
        screen.getByRole('button', { name: 'Recevoir un mot de passe provisoire' }),
      );
      await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
      expect(
        document.getElementById(field.getAttribute('aria-describedby')!)?.textContent,
      ).toContain(message);
      expect(screen.queryByText('Demande enregistrée')).toBeNull();
    },
  );

  it('« Mot de passe oublié ? » with a well-formed address is sent', async () => {
    await ecranConnexion();
    await userEvent.click(screen.getByRole('button', { name: 'Mot de passe oublié ?' }));
    await userEvent.type(
      await screen.findByLabelText('Identifiant (adresse e-mail)'),
      'quelqu.un@esat.test',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Recevoir un mot de passe provisoire' }),
    );
    await screen.findByText('Demande enregistrée');
  });
});

describe('Recapitulatif', () => {
  const contexte = {
    caf: { code: '751', name: 'Caf de Paris' },
    esat: { name: 'Esat Les Ateliers de la Villette', siret: '44306184100047' },
    travailleur: {
      nom: 'Benali',
      prenom: 'Karim',
      numeroAllocataire: '7510003',
      dateNaissance: '1988-04-09',
    },
  };

  it('shows the Caf, the Esat and the worker with the date of birth, as the legacy screen', () => {
    const definition = formDefinition('certificat');
    const { data } = checkSaisie('certificat', { moisRemunerationGarantie: '12' });
    render(<Recapitulatif definition={definition} valeurs={data} contexte={contexte} />);
    const rows = Object.fromEntries(
      screen
        .getAllByRole('term')
        .map((t) => [t.textContent, t.nextElementSibling?.textContent?.replace(/\s/g, ' ')]),
    );
    expect(rows['Caf destinataire']).toBe('Caf de Paris (751)');
    expect(rows['Établissement']).toBe('Esat Les Ateliers de la Villette — SIRET 44306184100047');
    expect(rows['Travailleur']).toBe('BENALI Karim — n° allocataire 7510003');
    expect(rows['Date de naissance']).toBe('09/04/1988');
    // Without onModifier (Fin), no pencil.
    expect(screen.queryByRole('button', { name: 'Modifier la saisie' })).toBeNull();
  });

  it.each([
    ['retraite', false],
    ['conge-parental-temps-plein', true],
  ])('R-CS-2: a départ for « %s » lists « Date de retour prévue »: %s', (motif, listed) => {
    const definition = formDefinition('depart');
    const { data } = checkSaisie('depart', { dateDepart: '01/12/2026', motif });
    render(<Recapitulatif definition={definition} valeurs={data} onModifier={() => {}} />);
    const terms = screen.getAllByRole('term').map((t) => t.textContent);
    expect(terms).toContain('Motif du départ');
    expect(terms.some((t) => /retour/i.test(t ?? ''))).toBe(listed);
  });
});

describe('FormRenderer', () => {
  it('the certificat’s information is one notice, the campaign paragraph first', () => {
    const definition = formDefinition('certificat');
    const { container } = render(
      <FormRenderer
        definition={definition}
        saisie={{}}
        errors={[]}
        showErrors={false}
        onChange={() => {}}
        avantNotices="Rémunération garantie du mois de novembre 2026."
      />,
    );
    const notices = container.querySelectorAll('.notice');
    expect(notices).toHaveLength(1);
    const paragraphs = [...notices[0].querySelectorAll('p')].map((p) => p.textContent);
    expect(paragraphs[0]).toContain('Rémunération garantie du mois de novembre 2026.');
    for (const text of definition.notices) expect(notices[0].textContent).toContain(text);
  });
});

describe('date fields', () => {
  it('every date field says its format, also after its own help (« Facultative. »)', () => {
    const definition = formDefinition('depart');
    render(
      <FormRenderer
        definition={definition}
        saisie={{ motif: 'conge-parental-temps-plein' }}
        errors={[]}
        showErrors={false}
        onChange={() => {}}
      />,
    );
    const dates = definition.fields.filter((f) => f.widget === 'date');
    expect(dates.length).toBeGreaterThanOrEqual(2);
    for (const field of dates) {
      const input = document.getElementById(`champ-${field.name}`)!;
      const help = document.getElementById(input.getAttribute('aria-describedby')!)!.textContent;
      expect(help, field.name).toContain('Format attendu : JJ/MM/AAAA');
      if (field.help) expect(help).toContain(field.help);
    }
  });
});

describe('MotDePasse', () => {
  it('a refusal disappears once the refused field is typed again (no stale message)', async () => {
    const compte = await import('../../stories/Compte.stories.tsx');
    const { MonMotDePasseRefuse } = composeStories(compte);
    await MonMotDePasseRefuse.load();
    render(<MonMotDePasseRefuse />);
    const alerte = await screen.findByRole('alert');
    expect(alerte.textContent).toContain('au moins 12 caractères');
    await userEvent.type(
      screen.getByLabelText('Nouveau mot de passe'),
      'une phrase bien plus longue',
    );
    await waitFor(() => expect(screen.queryByText(/au moins 12 caractères\./)).toBeNull());
  });
});
