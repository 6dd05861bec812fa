/**
 * kubectl's and helm's texts through the whole product (makeDojo: the cluster feature, the real
 * commands) against golden transcripts written from the tools' sources (test/golden/{kubectl,helm}/ and
 * their cluster/ folders).
 * A transcript may carry `# setup: <line>` lines, typed first.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadGoldens } from '../support/golden';
import { makeDojo } from '../support/dojo';

// test/golden/<tool>/ holds the CLI kit's flag-dialect transcripts (dialects.test.ts); <tool>/cluster/ the
// command's own. Both run here through the real command.
for (const dir of ['kubectl', 'kubectl/cluster', 'helm', 'helm/cluster'].map((d) => fileURLToPath(new URL(`./${d}/`, import.meta.url)))) {
  describe(`${dir.split('/golden/')[1]} golden transcripts (the real command)`, () => {
    for (const golden of loadGoldens(dir)) {
      // The flag-dialect transcripts without setup also run here: the real command must agree.
      const setup = readFileSync(`${dir}${golden.file}`, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('# setup: '))
        .map((l) => l.slice('# setup: '.length));
      it(`${golden.file}: ${golden.command}`, async () => {
        const d = await makeDojo({ lessons: false, tty: false });
        for (const line of setup) expect((await d.type(line)).status, line).toBe(0);
        const r = await d.type(golden.command);
        expect({ exit: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ exit: golden.exit, stdout: golden.stdout, stderr: golden.stderr });
      });
    }
  });
}
