/**
 * The Caf's answers are what the contract says (issue 15): each one validates against its route's
 * schema in server/contract/caf.ts — the schema machines/caf.types.ts derives its types from and
 * the OpenAPI document shows — so that neither the types nor the document can drift from the wire.
 */
import { describe, expect, it } from 'vitest';
import { contrat } from '../../server/contract/routes.ts';
import { champs, compiler } from '../../server/contract/valider.ts';
import type { Schema } from '../../server/contract/definir.ts';
import { AGENT_92, AGENT_PARIS, call, ready } from './helpers.ts';
import { SIRET_VILLETTE, cafSetup } from './caf-setup.ts';

const d = contrat.caf;
/** The answer's schema of a route for a status, as the definition declares it. */
const schemaDe = (def: { reponses: Record<number, { schema?: Schema }> }, status: number) => {
  const schema = def.reponses[status]?.schema;
  if (!schema) throw new Error(`no schema for ${status}`);
  return schema;
};
/** The ajv errors of `json` against a schema, as the contract's fields (empty: it fits). */
const ecarts = (schema: Schema, json: unknown) => {
  const validate = compiler(schema);
  return validate(json) ? [] : champs(validate.errors);
};

describe('the Caf’s answers fit their schemas (server/contract/caf.ts)', () => {
  it('campagne, fiche Esat, declarations, one declaration with its history, preview and relances', async () => {
    const s = await cafSetup();
    const paris = await ready(s.app, AGENT_PARIS);
    const get = async (path: string, cookie = paris) => {
      const r = await call(s.app, 'GET', path, { cookie });
      expect(r.status, path).toBe(200);
      return r.json;
    };

    const campagne = await get('/api/caf/campagne');
    expect(campagne.items.length).toBeGreaterThan(0);
    expect(ecarts(schemaDe(d.campagne, 200), campagne)).toEqual([]);

    const fiche = await get(`/api/caf/esats/${SIRET_VILLETTE}`);
    expect(fiche.workers.length).toBeGreaterThan(0);
    expect(ecarts(schemaDe(d.ficheEsat, 200), fiche)).toEqual([]);

    const page = await get('/api/caf/declarations?pageSize=100');
    expect(page.items.length).toBeGreaterThan(0);
    expect(ecarts(schemaDe(d.declarations, 200), page)).toEqual([]);

    // A declaration marked traitée then back to à traiter: its traitement and history filled.
    const id = page.items[0].id;
    for (const body of [
      { ids: [id], etat: 'traitee' },
      { ids: [id], etat: 'a-traiter', motif: 'Montant à vérifier' },
    ]) {
      const r = await call(s.app, 'POST', '/api/caf/traitement', { cookie: paris, body });
      expect(r.status).toBe(200);
    }
    const detail = await get(`/api/caf/declarations/${id}`);
    expect(detail.historiqueEtat.length).toBe(2);
    expect(ecarts(schemaDe(d.declaration, 200), detail)).toEqual([]);

    const hds = await ready(s.app, AGENT_92);
    const apercu = await get('/api/caf/relances/apercu?year=2026&esats=retard', hds);
    expect(apercu.destinataires.length).toBeGreaterThan(0);
    expect(ecarts(schemaDe(d.apercuRelance, 200), apercu)).toEqual([]);
    const sent = await call(s.app, 'POST', '/api/caf/relances', {
      cookie: hds,
      body: { year: 2026, esats: 'retard' },
    });
    expect(sent.status).toBe(200);
    expect(ecarts(schemaDe(d.relances, 200), sent.json)).toEqual([]);
    // Once reminded, the fiche lists the relance too.
    const reminded = await get(`/api/caf/esats/${apercu.destinataires[0].siret}`, hds);
    expect(reminded.relances.length).toBeGreaterThan(0);
    expect(ecarts(schemaDe(d.ficheEsat, 200), reminded)).toEqual([]);
  });

  it('a field the schema does not name is caught (the check can fail)', () => {
    const schema = schemaDe(d.relances, 200);
    expect(ecarts(schema, { sent: [{ siret: '1', manquants: 2 }] })).toEqual([]);
    expect(ecarts(schema, { sent: [{ siret: '1', manquants: 2, nom: 'x' }] })).toEqual([
      { path: '/sent/0/nom', message: "Ce champ n'est pas prévu." },
    ]);
  });
});
