/**
 * "Did it get slower?": this build against a baseline build (`--baseline DIR`, e.g. the build of the
 * last release), measured in one browser at the same time so the machine's load hits both alike.
 *
 * - The prompt: fresh first visits (a new profile each, so no service worker), baseline and current
 *   alternating, navigation start → the frame that shows the first prompt (what a person sees;
 *   observed in the DOM, as screen.mjs does), and → the prompt parsed by xterm (`dojo:prompt-ready`).
 * - A warm module run: one page per build, both warmed up, then `wasmtime hello.wasm` typed into
 *   each in turn (ABBA order, so neither always goes first), Enter → first output chunk handed to
 *   the terminal (`dojo:enter` → `dojo:first-output`).
 *
 * Each figure compares the two builds' interquartile means, with a verdict (compare.mjs: a paired
 * bootstrap and a non-inferiority margin), and reports their medians.
 */
import { focusTerminal, waitForText } from '../../e2e/lib/terminal.mjs';
import { loadAndTime, runMeasured } from './dojo.mjs';
import { compareBuilds } from './compare.mjs';
import { log, summary } from './stats.mjs';

/** Warm runs per pair of pages (see versusBaseline). */
const WARM_BLOCK = 200;

/**
 * Installed before the page's own scripts: notes when the frame holding the first prompt row
 * (`…@dojo:…$`) has been produced. xterm writes its rows inside requestAnimationFrame; a task posted
 * from there runs after that frame's style, layout and paint. No hook of the app: the DOM only.
 */
function promptPaintProbe() {
  const w = /** @type {any} */ (window);
  w.__promptPainted = null;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    if (w.__promptPainted === null) w.__promptPainted = performance.now();
  };
  const observer = new MutationObserver(() => {
    const rows = document.querySelector('.xterm-rows');
    if (!rows || ![...rows.children].some((r) => /@dojo:.*\$$/.test((r.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()))) return;
    observer.disconnect();
    channel.port2.postMessage(0);
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

/**
 * Runs both comparisons. `current` and `baseline` are served URLs.
 * @param {import('playwright-core').Browser} browser
 * @param {{ current: string, baseline: string, runs: number, visits: number }} options
 */
export async function versusBaseline(browser, { current, baseline, runs, visits }) {
  const newContext = () => browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });

  log(`versus baseline: ${visits} first visits of each build, alternating ...`);
  const visitPairs = [];
  const paintedPairs = [];
  for (let i = 0; i < visits; i++) {
    const pair = /** @type {[number | null, number | null]} */ ([null, null]);
    const painted = /** @type {[number | null, number | null]} */ ([null, null]);
    const order = i % 2 ? [1, 0] : [0, 1];
    for (const side of order) {
      const context = await newContext();
      try {
        await context.addInitScript(promptPaintProbe);
        const page = await context.newPage();
        pair[side] = (await loadAndTime(page, side ? current : baseline)).promptReady;
        const handle = await page.waitForFunction(() => /** @type {any} */ (window).__promptPainted, undefined, { timeout: 30000, polling: 5 });
        painted[side] = /** @type {number} */ (await handle.jsonValue());
      } finally {
        await context.close();
      }
    }
    visitPairs.push(pair);
    paintedPairs.push(painted);
  }

  log(`versus baseline: ${runs} warm wasmtime hello.wasm in each build, in turn ...`);
  const warmPairs = [];
  /** @type {Array<Array<number | null>>} */
  const engine = [[], []];
  /** Opens a build's page and warms it: the first run compiles, ten more settle the worker. */
  const openWarm = async (url) => {
    const context = await newContext();
    const page = await context.newPage();
    try {
      await loadAndTime(page, url);
      await focusTerminal(page);
      await runMeasured(page, 'wasmtime hello.wasm');
      await waitForText(page, 'Hello, world!', { timeout: 10000 });
      for (let i = 0; i < 10; i++) await runMeasured(page, 'wasmtime hello.wasm');
    } catch (err) {
      await context.close().catch(() => undefined);
      throw err;
    }
    return { context, page };
  };
  // In blocks, each with two fresh pages opened in alternating order, so neither build always has
  // the page (and renderer process) that was opened first.
  for (let done = 0, block = 0; done < runs; block++) {
    const n = Math.min(WARM_BLOCK, runs - done);
    /** @type {Array<{ context: import('playwright-core').BrowserContext, page: import('playwright-core').Page }>} */
    const sides = [];
    try {
      for (const side of block % 2 ? [1, 0] : [0, 1]) sides[side] = await openWarm(side ? current : baseline);
      for (let i = 0; i < n; i++) {
        const pair = /** @type {[number | null, number | null]} */ ([null, null]);
        for (const side of i % 2 ? [1, 0] : [0, 1]) {
          const { page } = /** @type {{ page: import('playwright-core').Page }} */ (sides[side]);
          if (i % 50 === 0) await page.keyboard.press('Control+L');
          const r = await runMeasured(page, 'wasmtime hello.wasm');
          pair[side] = r.enterToFirstOutput;
          engine[side]?.push(r.enterToEngine);
        }
        warmPairs.push(pair);
      }
    } finally {
      for (const s of sides) await s?.context.close().catch(() => undefined);
    }
    done += n;
  }
  return {
    what: 'this build against --baseline, measured together (alternating visits; runs in turn on two pages, reopened every 200 runs in alternating order); prompt_painted: navigation → the frame showing the first prompt, prompt: → the prompt parsed by xterm; interquartile means (iqm) and medians, paired-bootstrap 95 % interval of current − baseline; not_slower = the iqm interval within the margin (5 % of the baseline iqm, at least the 0.1 ms clock tick)',
    prompt_painted_first_visit_ms: compareBuilds(paintedPairs),
    prompt_first_visit_ms: compareBuilds(visitPairs),
    warm_hello_enter_to_first_output_ms: {
      ...compareBuilds(warmPairs),
      baseline: summary(
        warmPairs.map((p) => p[0]),
        3,
      ),
      current: summary(
        warmPairs.map((p) => p[1]),
        3,
      ),
      enter_to_engine_request_p50: [summary(engine[0], 3).p50, summary(engine[1], 3).p50],
    },
  };
}
