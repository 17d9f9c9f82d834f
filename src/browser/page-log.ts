// What a page's own script reports while Kamishibai works on it: its errors, its console's
// errors, and its dialogs (dismissed, so that an alert() does not hold the export).
import type { ConsoleMessage, Dialog, Page } from 'puppeteer-core';

/** Errors of a page's own script reported, and the length of each shown. */
const PAGE_ERRORS_SHOWN = 20;
const PAGE_ERROR_LENGTH = 500;

/**
 * The errors a page's own script reports, as they come. A deck's script may log without end:
 * the first PAGE_ERRORS_SHOWN, each cut short, then a count of the rest.
 */
export function pageLog(page: Page): { errors: () => string[]; stop: () => void } {
  const shown: string[] = [];
  let unshown = 0;
  const logged = (message: string) => {
    if (shown.length < PAGE_ERRORS_SHOWN) shown.push(message.length > PAGE_ERROR_LENGTH ? `${message.slice(0, PAGE_ERROR_LENGTH)}… (${message.length} characters)` : message);
    else unshown++;
  };
  const onError = (e: unknown) => logged((e as Error).message);
  // alert(), confirm(), prompt() would hold the export until the timeout: dismissed, reported.
  const onDialog = (dialog: Dialog) => {
    logged(`a script called ${dialog.type()}("${dialog.message().slice(0, 80)}"), which was dismissed; a deck that waits for a click stalls on stage too`);
    void dialog.dismiss().catch(() => {});
  };
  const onConsole = (m: ConsoleMessage) => {
    if (m.type() === 'error') logged(m.text());
  };
  page.on('pageerror', onError);
  page.on('dialog', onDialog);
  page.on('console', onConsole);
  return {
    errors: () => (unshown > 0 ? [...shown, `${unshown} more errors, not shown; open the deck in a browser and see its console`] : [...shown]),
    // The tab may serve the next talk (launch.ts, givePageBack).
    stop() {
      page.off('pageerror', onError);
      page.off('dialog', onDialog);
      page.off('console', onConsole);
    },
  };
}
