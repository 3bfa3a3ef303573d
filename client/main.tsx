// The tokens and plain elements first: every area's stylesheet comes after them.
import './base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { LiveRegions } from './a11y/LiveRegions.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { loadLanguage } from './i18n/languages.ts';
import { useLocaleStore } from './i18n/localeStore.ts';
import { markAppStarted } from './state/earlySocket.ts';

markAppStarted();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
const start = () =>
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
      <LiveRegions />
    </StrictMode>,
  );
// The first screen in the reader's language, not English first (English ships in this bundle;
// another language is one small request). Should that request fail or stall, English it is:
// the texts switch once the catalogue arrives (useTranslatorFor re-renders then).
const LANGUAGE_WAIT_MS = 2_500;
const stalled = new Promise<void>((resolve) => setTimeout(resolve, LANGUAGE_WAIT_MS));
Promise.race([loadLanguage(useLocaleStore.getState().locale), stalled]).then(start, start);
