import { useState } from 'react';
import { Button, Notice } from '../components/index.ts';
import type { PortalSend, PortalSnapshot } from './types.ts';
import '../ecrans.css';

/** R-AC-5 / R-AC-6: both CGU to accept at first login; refusing returns to the welcome screen. */
export function Cgu({ state, send }: { state: PortalSnapshot; send: PortalSend }) {
  const [mcp, setMcp] = useState(false);
  const [esat, setEsat] = useState(false);
  const envoi = state.matches({ cgu: 'envoi' });
  return (
    <div className="screen">
      <h1>Conditions générales d'utilisation</h1>
      <p className="lead">
        À votre première connexion, lisez et acceptez les conditions générales d'utilisation de «
        Mon Compte Partenaire » et celles de « l'Espace Esat ».
      </p>
      {state.context.erreur ? (
        <Notice type="error" title="Les conditions générales n'ont pas pu être enregistrées" live>
          <p>{state.context.erreur.message}</p>
        </Notice>
      ) : null}
      <section className="card cgu" aria-labelledby="cgu-mcp">
        <h2 id="cgu-mcp">Conditions générales d'utilisation de « Mon Compte Partenaire »</h2>
        <div
          className="cgu__text"
          role="region"
          tabIndex={0}
          aria-label="Texte des conditions de Mon Compte Partenaire"
        >
          <p>
            « Mon Compte Partenaire » est le portail par lequel la Caf met des services en ligne à
            la disposition de ses partenaires. L'accès est personnel : chaque personne habilitée
            dispose de son identifiant et de son mot de passe, qu'elle ne communique à personne.
          </p>
          <p>
            Le partenaire s'engage à n'utiliser les informations auxquelles il accède que pour les
            missions pour lesquelles il est habilité, et à signaler sans délai à la Caf toute perte
            ou tout usage frauduleux de ses identifiants. Les accès sont tracés.
          </p>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={mcp} onChange={(e) => setMcp(e.target.checked)} />
          J'ai lu et j'accepte les conditions générales d'utilisation de « Mon Compte Partenaire »
        </label>
      </section>
      <section className="card cgu" aria-labelledby="cgu-esat">
        <h2 id="cgu-esat">Conditions générales d'utilisation de « l'Espace Esat »</h2>
        <div
          className="cgu__text"
          role="region"
          tabIndex={0}
          aria-label="Texte des conditions de l'Espace Esat"
        >
          <p>
            Les déclarations faites dans l'Espace Esat ont la même valeur juridique qu'une
            déclaration papier. Elles sont faites sur l'honneur : toute fausse déclaration ou
            omission expose à des poursuites (articles L.114-13 et L.835-5 du Code de la sécurité
            sociale, article 441-1 du Code pénal).
          </p>
          <p>
            Conformément à la loi n° 78-17 du 6 janvier 1978 relative à l'informatique, aux fichiers
            et aux libertés et au règlement général sur la protection des données, les personnes
            concernées disposent d'un droit d'accès, de rectification et d'opposition auprès de leur
            Caf.
          </p>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={esat} onChange={(e) => setEsat(e.target.checked)} />
          J'ai lu et j'accepte les conditions générales d'utilisation de « l'Espace Esat »
        </label>
      </section>
      <div className="actions">
        <Button variant="secondary" onPress={() => send({ type: 'cgu.refuser' })}>
          Refuser
        </Button>
        <Button
          isDisabled={!(mcp && esat)}
          isPending={envoi}
          onPress={() => send({ type: 'cgu.accepter' })}
        >
          Valider
        </Button>
      </div>
    </div>
  );
}
