/** Storybook for the screens, each story driven to its state by the portal machine (stories/). */
import type { StorybookConfig } from '@storybook/react-vite';
import { fileURLToPath } from 'node:url';

const racine = fileURLToPath(new URL('..', import.meta.url));

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-a11y'],
  // The network is closed here: telemetry would wait on it (TOOLCHAIN pitfall 3).
  core: { disableTelemetry: true },
  viteFinal(config) {
    // vite.config.ts describes the app (root 'ui', two HTML pages, the /api proxy); Storybook
    // needs the repository as root and its own entry points.
    config.root = racine;
    if (config.build) {
      delete config.build.outDir;
      delete config.build.emptyOutDir;
      if (config.build.rollupOptions) delete config.build.rollupOptions.input;
    }
    if (config.server) delete config.server.proxy;
    return config;
  },
};

export default config;
