import { validateDeclaration } from './forms/index.ts';
for (const k of Object.getOwnPropertyNames(Object.prototype)) {
  const d = JSON.parse(`{"dateDepart":"2026-11-02","motif":"retraite",${JSON.stringify(k)}:"x"}`);
  console.log(k, JSON.stringify(validateDeclaration('depart', d, '2026-12-02')));
}
for (const k of Object.getOwnPropertyNames(Object.prototype)) {
  const d = JSON.parse(`{"dateEffet":"2026-11-02","tauxEsatAvant":50,"tauxMilieuOrdinaireAvant":50,"tauxEsatApres":50,"tauxMilieuOrdinaireApres":0,${JSON.stringify(k)}:"x"}`);
  console.log(k, JSON.stringify(validateDeclaration('double-fin', d, '2026-12-02')));
}
