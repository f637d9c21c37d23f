import { refusMotDePasse } from './server/password.ts';
for (const p of ['aaaaaaaaaaaa','Aa1!Aa1!Aa1!','azertyuiop12','qwerty-asdfgh','abcdefgh1234','Esat-Demo-2026!','Un-Nouveau-Secret-42','Une phrase assez longue 2027','une phrase assez longue','Le jardin de Suresnes fleurit en mai','Une-longue-phrase-de-passe-'.padEnd(64,'z'),'Canal-Essai-2026!','Canal-Referent-2026!','Parc-Essai-2026!','Agent-Essai-2026!','Provisoire-2026!','1qaz2wsx3edc','Xk9#mP2$vL7q', 'AZERTYazerty', 'zyxwvutsrqpo', 'Z8vtpw-Q3mn'])
  console.log(JSON.stringify(p), refusMotDePasse(p, 'a@b.fr')?.slice(0,90));
