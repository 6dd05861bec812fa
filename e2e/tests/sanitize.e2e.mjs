/**
 * The lesson pane's Markdown sanitiser as it ships: src/ui/lessons/markdown.ts bundled as it is
 * (rolldown, Vite's bundler) and run in real Chromium, where DOMPurify works. The vitest suite runs
 * in Node, where the same code falls back to escaping everything, so only here is the DOMPurify
 * configuration itself exercised.
 */
import assert from 'node:assert/strict';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { rolldown } from 'rolldown';
import { launchBrowser } from '../lib/browser.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function markdownBundle() {
  const bundle = await rolldown({ input: join(root, 'src/ui/lessons/markdown.ts'), logLevel: 'silent' });
  const { output } = await bundle.generate({ format: 'iife', name: 'DojoMarkdown' });
  await bundle.close();
  return output[0].code;
}

test('hostile HTML in lesson Markdown loses every script, handler and form; ordinary markup stays', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto('about:blank');
    await page.addScriptTag({ content: await markdownBundle() });
    const hostile = [
      'Read **this** and [the docs](https://docs.wasmtime.dev/).',
      '<img src=x onerror="window.pwned=1"> <script>window.pwned=2</script>',
      '<a href="javascript:window.pwned=3">click</a> <svg onload="window.pwned=4"></svg>',
      '<form action="https://evil.example"><input name=p><button>go</button></form>',
      '<p style="position:fixed">styled</p> <iframe src="https://evil.example"></iframe>',
    ].join('\n\n');
    const html = await page.evaluate((md) => {
      const pieces = globalThis.DojoMarkdown.renderMarkdown(md);
      const out = pieces
        .filter((p) => p.kind === 'html')
        .map((p) => p.html)
        .join('');
      // Put it in the page as the lesson pane would, and give any handler a chance to run.
      document.body.innerHTML = out;
      return out;
    }, hostile);
    await page.waitForTimeout(100);
    assert.equal(await page.evaluate(() => globalThis.pwned), undefined, 'a handler ran');
    for (const bad of [/<script/i, /onerror/i, /onload/i, /javascript:/i, /<form/i, /<input/i, /<button/i, /<iframe/i, /style=/i]) {
      assert.doesNotMatch(html, bad);
    }
    assert.match(html, /<strong>this<\/strong>/);
    assert.match(html, /<a href="https:\/\/docs\.wasmtime\.dev\/">the docs<\/a>/);
    assert.match(html, /styled/);
  } finally {
    await context.close();
  }
});
