/**
 * Setup file of the projects that run test/server without isolation (vite.config.ts): a setup
 * file runs again before each test file, store-engine.ts's own module-level `afterAll` does not
 * (the module is loaded once per worker). Closing twice is harmless.
 */
import { afterAll } from 'vitest';
import { fermerLeFichier } from './store-engine.ts';

afterAll(fermerLeFichier);
