/**
 * Timing what a person sees in the terminal. xterm's accessibility rows refresh at most once a
 * second, so a latency bound is taken on the drawn rows instead: the DOM renderer repaints
 * `.xterm-rows` every animation frame, and a MutationObserver in the page stamps the first frame
 * whose last non-blank row is an idle prompt, on the page's own clock.
 */

/**
 * Presses Ctrl-C and resolves to the milliseconds from its keydown (window, capture phase, before
 * anything in the page sees it) to the first drawn frame that shows an idle prompt.
 */
export async function ctrlCToPromptMs(page, { timeout = 5000 } = {}) {
  await page.evaluate(() => {
    const rows = /** @type {Element} */ (document.querySelector('.xterm-rows'));
    const promptRe = /^learner@dojo:[^$]*\$\s*$/;
    window.__promptAt = undefined;
    const check = () => {
      const texts = [...rows.children].map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd());
      const last = texts.filter((t) => t !== '').pop() ?? '';
      if (window.__promptAt === undefined && promptRe.test(last)) {
        window.__promptAt = performance.now();
        observer.disconnect();
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(rows, { childList: true, subtree: true, characterData: true });
    // The Control key's own keydown comes first and is skipped.
    window.__ctrlCAt = undefined;
    const onKey = (e) => {
      if (e.ctrlKey && e.code === 'KeyC') {
        window.__ctrlCAt = performance.now();
        window.removeEventListener('keydown', onKey, true);
      }
    };
    window.addEventListener('keydown', onKey, true);
  });
  await page.keyboard.press('Control+C');
  await page.waitForFunction(() => window.__promptAt !== undefined, null, { timeout, polling: 'raf' });
  return page.evaluate(() => Number(window.__promptAt) - Number(window.__ctrlCAt));
}

/** Resolves once the drawn rows (not the slower accessibility rows) show `needle`. */
export async function waitForDrawn(page, needle, { timeout = 10000 } = {}) {
  await page.waitForFunction(
    (n) => [...document.querySelectorAll('.xterm-rows > div')].some((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ').includes(n)),
    needle,
    { timeout, polling: 'raf' },
  );
}
