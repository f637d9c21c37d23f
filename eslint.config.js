// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';

export default defineConfig(
  {
    // Written by the generators (as in .prettierignore) or by the builds.
    ignores: [
      'forms/generated/',
      'machines/json/',
      'dist/',
      'storybook-static/',
      'test-results/',
      'coverage/',
      '.tmp/',
    ],
  },
  js.configs.recommended,
  // recommended, not recommendedTypeChecked: the type-aware run took 3 min here (tsc covers types).
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // `const { id: _, ...rest } = x` is how a key is left out, and `(_, params) => {}` how a
      // default implementation declares a signature: neither is dead code.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['ui/**', 'stories/**', 'test/**', '.storybook/**'],
    extends: [reactHooks.configs.flat.recommended],
    // A missing dependency is a bug, not a style: it fails the lint like the others.
    rules: { 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['ui/**/*.tsx', 'stories/**/*.tsx'],
    extends: [jsxA11y.flatConfigs.recommended],
    rules: {
      // A scrolling region (the CGU texts, a wide table) takes the focus so that the keyboard can
      // scroll it: axe's scrollable-region-focusable asks for it (WCAG 2.1.1).
      'jsx-a11y/no-noninteractive-tabindex': ['error', { roles: ['tabpanel', 'region'] }],
      // On a react-aria component (the date field's Calendar, in the dialog the user just opened)
      // autoFocus is its own focus management, as the date picker pattern wants; on DOM elements
      // it stays refused.
      'jsx-a11y/no-autofocus': ['error', { ignoreNonDOM: true }],
    },
  },
);
