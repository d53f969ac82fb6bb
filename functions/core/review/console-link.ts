import type { Notifier } from '../reconcile/ports.js';

/**
 * The console page of a run. The console routes in the URL's fragment, so the page exists
 * whatever path CloudFront serves the console from, and the run id never reaches a server log.
 */
export function runPageUrl(consoleUrl: string, runId: string): string {
  return `${consoleUrl.replace(/\/+$/, '')}/#/runs/${encodeURIComponent(runId)}`;
}

/** A notifier whose run notices end with a link to the run's page in the console. */
export function withRunLinks(notifier: Notifier, consoleUrl: string | undefined): Notifier {
  if (!consoleUrl) return notifier;
  return {
    notify: (notice) =>
      notifier.notify({
        ...notice,
        message: `${notice.message}\nConsole: ${runPageUrl(consoleUrl, notice.runId)}`,
      }),
  };
}
