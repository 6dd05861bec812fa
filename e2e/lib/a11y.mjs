/** axe-core in the page, run through the DevTools protocol so a strict CSP does not block it. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Violations of impact serious or critical, as short strings ("color-contrast: 3 nodes ..."). */
export async function seriousViolations(page, { exclude = [] } = {}) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(
    async (excluded) =>
      // eslint-disable-next-line no-undef
      axe.run({ exclude: excluded.map((s) => [s]) }, { resultTypes: ['violations'] }),
    exclude,
  );
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}
