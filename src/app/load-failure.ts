/**
 * What the app says when one of its lazily loaded pieces did not download (the usual cause: the
 * network dropped before the offline cache held it). One wording for every place that says it.
 */
export const RELOAD_ADVICE = 'Reload the page once the network is back.';

export function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** "The editor could not be loaded (reason). Reload the page once the network is back." */
export function couldNotLoad(what: string, err?: unknown): string {
  return `${what} could not be loaded${err === undefined ? '' : ` (${reasonOf(err)})`}. ${RELOAD_ADVICE}`;
}
