// The tokens and plain elements first: every area's stylesheet comes after them.
import './base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { LiveRegions } from './a11y/LiveRegions.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
    <LiveRegions />
  </StrictMode>,
);
