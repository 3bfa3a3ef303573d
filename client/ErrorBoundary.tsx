/**
 * A render error shows a calm message with a way back, never a blank page. A lazy screen whose
 * code failed to load (gone after a redeploy) reloads the page once instead (chunkReload.ts).
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { isChunkLoadError, reloadOnceForMissingCode } from './chunkReload.ts';
import { useTranslator } from './i18n/useTranslator.ts';

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    if (isChunkLoadError(error) && reloadOnceForMissingCode()) return;
    console.error('Continuum failed to show this page:', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return <CrashMessage error={this.state.error} />;
  }
}

function CrashMessage({ error }: { error: Error }) {
  const { t } = useTranslator();
  return (
    <main className="page">
      <h1>{t('pages.crash.heading')}</h1>
      <p>{t('pages.crash.safe')}</p>
      {/* The error itself, for whoever fixes it: a program's words, in English. */}
      <p className="hint" lang="en">
        {error.message}
      </p>
      <button type="button" onClick={() => window.location.reload()}>
        {t('pages.crash.reload')}
      </button>
    </main>
  );
}
