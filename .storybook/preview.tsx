/** Every story: the app's CSS, French page language, the whole page as canvas, a11y checks. */
import type { Preview } from '@storybook/react-vite';
import '../ui/styles.css';

// The app's index.html says lang="fr"; screen readers and axe need the same in the canvas.
if (typeof document !== 'undefined') document.documentElement.lang = 'fr';

const preview: Preview = {
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true },
    // The order of a visit, not the alphabet.
    options: {
      storySort: {
        order: [
          'Accès',
          ['Connexion', 'Conditions générales d’utilisation'],
          'Espace Esat',
          ['Accueil', 'Mes travailleurs', 'Choix de la téléprocédure', 'Quitter le service'],
          'Certificat d’emploi',
          ['Fiche travailleur', 'Saisie', 'Récapitulatif', 'Fin'],
        ],
      },
    },
    // Report violations in the panel without failing a story run (the screens are checked by
    // their own tests); set 'error' on a story to make it strict.
    a11y: { test: 'todo' },
  },
};

export default preview;
