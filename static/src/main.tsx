import './styles.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';

import { callResolver } from './api/client';
import { ModuleScreen, ScreenMessage } from './app/ModuleScreen';
import { ROUTES, findRoute, unknownModuleMessage } from './app/routes';
import { loadAppContext, type ContextResult } from './platform/context';
import { followHostTheme } from './platform/theme';
import { Shell } from './ui/Shell';

/**
 * Entry point of the `main` resource. Order matters for perceived speed:
 * 1. paint the shell synchronously (index.html already shows the same skeleton before this runs);
 * 2. ask the host for the theme and the context in parallel (bridge calls, no backend);
 * 3. route on the module key: the feature's chunk download and its first backend call start together.
 */
const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
const root = createRoot(container);

flushSync(() => {
  root.render(<Shell label="Loading Firebreak…" />);
});

void followHostTheme();
void loadAppContext().then((result) => {
  root.render(<StrictMode>{screenFor(result)}</StrictMode>);
});

function screenFor(result: ContextResult) {
  if (!result.ok) return <ScreenMessage message={result.message} />;
  const route = findRoute(ROUTES, result.context);
  if (route === undefined) return <ScreenMessage message={unknownModuleMessage(result.context.moduleKey)} />;
  const started = route.start(result.context, { callResolver });
  return started.ok ? <ModuleScreen loadingLabel={route.loadingLabel} element={started.element} /> : <ScreenMessage message={started.message} />;
}
