/**
 * Screen-level timing: from the Enter keydown to the row holding the line's output being painted.
 *
 * In the page, a capture-phase keydown listener notes the Enter's event time (event.timeStamp: when
 * the browser received the key). A MutationObserver on xterm's DOM-renderer rows (`.xterm-rows`,
 * which xterm rewrites inside its requestAnimationFrame) notices the first row whose text contains
 * the expected output; from there a MessageChannel task runs after that frame's rendering step, so
 * its time is the "painted" time: the frame that shows the output has been produced. What a person
 * sees follows at the next display refresh; that part is the same for every command.
 *
 * Nothing here is a test hook of the app: it observes the page's DOM as a user would see it.
 */
import { typedLineDrawn } from './dojo.mjs';

/** Installs the observer once per document. */
export async function installScreenProbe(page) {
  await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    if (w.__screenProbe) return;
    /** @type {any} */
    const probe = { enterAt: null, needle: null, baseline: 0, paintedAt: null, mutatedAt: null, rows: null };
    w.__screenProbe = probe;
    window.addEventListener(
      'keydown',
      (e) => {
        if (e.key === 'Enter' && probe.needle !== null && probe.enterAt === null) probe.enterAt = e.timeStamp;
      },
      { capture: true },
    );
    const rows = document.querySelector('.xterm-screen .xterm-rows') ?? document.querySelector('.xterm-rows');
    probe.rows = rows;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      if (probe.paintedAt === null) probe.paintedAt = performance.now();
    };
    const observer = new MutationObserver(() => {
      if (probe.needle === null || probe.mutatedAt !== null || probe.enterAt === null) return;
      // Rows, not their joined text: a row's end is where a line's output ends.
      const seen = [...(rows?.children ?? [])].filter((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd() === probe.needle).length;
      if (seen <= probe.baseline) return;
      probe.mutatedAt = performance.now();
      // A task: it runs after this frame's style, layout and paint, so the output row is on it.
      channel.port2.postMessage(0);
    });
    if (rows) observer.observe(rows, { childList: true, subtree: true, characterData: true });
  });
}

/**
 * Types `line`, presses Enter and returns { mutated, painted } in ms from the Enter keydown: when the
 * row with `needle` entered the DOM and when the frame holding it was produced. `needle` must be
 * a whole row of this line's output; rows equal to it that were already on the screen are not counted.
 */
export async function enterToPainted(page, line, needle, { timeout = 10000 } = {}) {
  await page.evaluate((n) => {
    for (const m of ['dojo:prompt', 'dojo:enter', 'dojo:first-output']) performance.clearMarks(m);
    performance.clearMeasures('dojo:run');
    const p = /** @type {any} */ (window).__screenProbe;
    p.enterAt = null;
    p.mutatedAt = null;
    p.paintedAt = null;
    p.needle = n;
    p.baseline = [...(p.rows?.children ?? [])].filter((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd() === n).length;
  }, needle);
  await page.keyboard.type(line);
  await typedLineDrawn(page);
  await page.keyboard.press('Enter');
  const handle = await page.waitForFunction(
    () => {
      const p = /** @type {any} */ (window).__screenProbe;
      if (p.paintedAt === null || p.enterAt === null) return null;
      const mark = (n) => performance.getEntriesByName(n, 'mark').at(-1)?.startTime ?? null;
      const rel = (t) => (t === null ? null : t - p.enterAt);
      const run = /** @type {PerformanceMeasure | undefined} */ (performance.getEntriesByName('dojo:run', 'measure').at(-1));
      return {
        mutated: p.mutatedAt - p.enterAt,
        painted: p.paintedAt - p.enterAt,
        // Where the time went, from the same keydown: the shell took the line, the engine request, its first output to xterm.
        shell: rel(mark('dojo:enter')),
        engine: run && run.startTime > p.enterAt ? run.startTime - p.enterAt : null,
        firstOutput: rel(mark('dojo:first-output')),
        run: run && run.startTime > p.enterAt ? run.detail : null,
      };
    },
    undefined,
    { timeout, polling: 5 },
  );
  const r = await handle.jsonValue();
  // Wait for the prompt, so the next line is typed at a prompt as a person would.
  await page.waitForFunction(() => performance.getEntriesByName('dojo:prompt', 'mark').length > 0, undefined, { timeout, polling: 5 });
  await page.evaluate(() => {
    performance.clearMarks('dojo:prompt');
    /** @type {any} */ (window).__screenProbe.needle = null;
  });
  return r;
}
