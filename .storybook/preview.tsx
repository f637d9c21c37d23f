/** Every story: the app's CSS, French page language, the whole page as canvas, a11y checks. */
import type { Preview } from '@storybook/react-vite';
import '../ui/styles.css';
import '../ui/ecrans.css';

// The app's index.html says lang="fr"; screen readers and axe need the same in the canvas.
if (typeof document !== 'undefined') document.documentElement.lang = 'fr';

const preview: Preview = {
  // « Inspecteur » in the toolbar: when on, the machines of the story report to the Stately
  // inspector (a window on stately.ai/inspect: network and pop-ups needed). See stories/portail.tsx.
  globalTypes: {
    inspecteur: {
      description: 'Ouvre l’inspecteur Stately sur les machines de l’histoire',
      toolbar: {
        title: 'Inspecteur',
        icon: 'eye',
        items: [
          { value: 'off', title: 'Inspecteur désactivé', icon: 'eyeclose' },
          { value: 'on', title: 'Inspecteur Stately (fenêtre stately.ai)', icon: 'eye' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { inspecteur: 'off' },
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
