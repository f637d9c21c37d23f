/**
 * Entry point of the browser app. In development, `?inspect` opens the Stately inspector on the
 * live machines (loaded dynamically so it never reaches the production bundle).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

async function inspector() {
  if (!import.meta.env.DEV || !new URLSearchParams(location.search).has('inspect'))
    return undefined;
  const { createBrowserInspector } = await import('@statelyai/inspect');
  return createBrowserInspector().inspect;
}

const root = createRoot(document.getElementById('root')!);
inspector().then((inspect) =>
  root.render(
    <StrictMode>
      <App inspect={inspect} />
    </StrictMode>,
  ),
);
