/**
 * `npm start`: the product started from process.env (server/demarrer.ts); a configuration or data
 * it cannot start with is said in French and exits 1; SIGTERM or SIGINT (systemd, the load
 * balancer, Ctrl-C) stops it cleanly.
 */
import { demarrer, ErreurDemarrage } from './demarrer.ts';

try {
  const produit = await demarrer(process.env);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void produit.arreter().finally(() => process.exit(0)));
  }
} catch (e) {
  if (!(e instanceof ErreurDemarrage)) throw e;
  console.error(e.message);
  process.exit(1);
}
