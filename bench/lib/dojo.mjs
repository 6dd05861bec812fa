/**
 * Driving the built Dojo for measurements. Keys go in through the keyboard as in e2e/lib/terminal.mjs;
 * times come from the User Timing marks the app sets (see benchMark in src/terminal/session.ts):
 *   dojo:enter          Enter submitted a non-empty line (TerminalSession.runLine)
 *   dojo:first-output   that line's first output chunk handed to the terminal widget
 *   dojo:prompt         the prompt after it was written
 *   dojo:prompt-written start-up: the first prompt handed to xterm, keys attached (xterm-view.ts)
 *   dojo:prompt-ready   start-up: that prompt parsed into xterm's buffer (the figure the budgets use)
 *   dojo:worker-ready   WorkerEngine's worker finished @wasmer/wasi init (worker-engine.ts)
 *   dojo:run (measure)  WorkerEngine: request → result, detail = RunResult.timings
 *   dojo:grade (measure) least-privilege ablation wall time, detail = { grants, replays }
 */
export const RUN_MARKS = ['dojo:enter', 'dojo:first-output', 'dojo:prompt'];
export const RUN_MEASURES = ['dojo:run', 'dojo:grade'];

/** Waits until a mark exists and returns its startTime (ms since navigation start). */
export async function waitForMark(page, name, timeout = 30000) {
  const handle = await page.waitForFunction((n) => performance.getEntriesByName(n, 'mark')[0]?.startTime ?? null, name, {
    timeout,
    polling: 5,
  });
  return handle.jsonValue();
}

export async function markTime(page, name) {
  return page.evaluate((n) => performance.getEntriesByName(n, 'mark')[0]?.startTime ?? null, name);
}

/**
 * Resolves once the frame after the last typed key has been drawn. A person sees the line they typed
 * before pressing Enter; a script types it in a few milliseconds, so without this the render of the
 * last keys lands inside the Enter → output window in some runs and not in others, and the figure
 * measures that lottery (0 to 5 ms) more than the run.
 */
export async function typedLineDrawn(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

/**
 * Types one command line, presses Enter and waits for the prompt after it. Returns Enter → first
 * output chunk, Enter → prompt, and the engine's timings of the run (if the line ran a module) and
 * the grader's measure (if the line was graded).
 */
export async function runMeasured(page, line, { timeout = 30000 } = {}) {
  await page.evaluate(
    ({ marks, measures }) => {
      for (const m of marks) performance.clearMarks(m);
      for (const m of measures) performance.clearMeasures(m);
    },
    { marks: RUN_MARKS, measures: RUN_MEASURES },
  );
  await page.keyboard.type(line);
  await typedLineDrawn(page);
  await page.keyboard.press('Enter');
  const handle = await page.waitForFunction(
    () => {
      const mark = (n) => performance.getEntriesByName(n, 'mark')[0]?.startTime;
      const prompt = mark('dojo:prompt');
      if (prompt === undefined) return null;
      const enter = mark('dojo:enter');
      const first = mark('dojo:first-output');
      const run = /** @type {PerformanceMeasure | undefined} */ (performance.getEntriesByName('dojo:run', 'measure')[0]);
      const grade = /** @type {PerformanceMeasure | undefined} */ (performance.getEntriesByName('dojo:grade', 'measure')[0]);
      return {
        enter,
        enterToFirstOutput: first !== undefined && enter !== undefined ? first - enter : null,
        enterToPrompt: enter !== undefined ? prompt - enter : null,
        // run.startTime is WorkerEngine.runNow's start: Enter → there is the shell and the command's own work.
        enterToEngine: run && enter !== undefined ? run.startTime - enter : null,
        engineToFirstOutput: run && first !== undefined ? first - run.startTime : null,
        run: run ? { pageMs: run.duration, ...run.detail } : null,
        grade: grade ? { ms: grade.duration, ...grade.detail } : null,
      };
    },
    undefined,
    { timeout, polling: 2 },
  );
  return handle.jsonValue();
}

/** Navigates (a new document, as a learner opening the tab) and returns start-up figures. */
export async function loadAndTime(page, url, { timeout = 30000 } = {}) {
  await page.goto(url, { waitUntil: 'commit', timeout });
  const promptReady = await waitForMark(page, 'dojo:prompt-ready', timeout);
  const promptWritten = await markTime(page, 'dojo:prompt-written');
  const nav = await page.evaluate(() => {
    const n = /** @type {PerformanceNavigationTiming | undefined} */ (performance.getEntriesByType('navigation')[0]);
    return n
      ? {
          responseEnd: n.responseEnd,
          domContentLoaded: n.domContentLoadedEventEnd,
          transferSize: n.transferSize,
          fromServiceWorker: n.workerStart > 0,
        }
      : null;
  });
  const controlled = await page.evaluate(() => Boolean(navigator.serviceWorker?.controller));
  return { promptReady, promptWritten, nav, controlled };
}
