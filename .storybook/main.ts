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
    // needs the repository as root and its own entry points (the iframe, not the app's pages).
    config.root = racine;
    // Storybook sets outDir and emptyOutDir itself (its manager is already in the output).
    for (const options of [config.build?.rollupOptions, config.build?.rolldownOptions])
      if (options) delete options.input;
    if (config.server) delete config.server.proxy;
    // The .br/.gz beside each file are for server/site.ts: a Storybook build does not need them.
    config.plugins = config.plugins
      ?.flat()
      .filter((p) => !(p && typeof p === 'object' && 'name' in p && p.name === 'esat-precompress'));
    return config;
  },
};

export default config;
