// What e2e tests put on the page's window through page.evaluate, typed for tsconfig.scripts.json.
interface Window {
  /** offline.e2e: every `securitypolicyviolation` the page raised. */
  __cspViolations: string[];
  /** pwa.e2e: how often the install offer was shown, and whether the mini-infobar was held back. */
  __prompts: number;
  __defaultPrevented: boolean;
  /** lib/timing.mjs: when the prompt came back after Ctrl-C, and when Ctrl-C was sent (performance.now()). */
  __promptAt: number | undefined;
  __ctrlCAt: number | undefined;
}
/** axe-core, injected into the page as a script by e2e/lib/a11y.mjs. */
declare const axe: typeof import('axe-core');
