/**
 * GNU coreutils' texts (getopt's diagnostics, head/tail's counts) against golden transcripts written
 * from glibc's, gnulib's and coreutils' sources (test/golden/coreutils/), run through the real shell.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testShell } from '../support/shell';
import { loadGoldens } from '../support/golden';

describe('coreutils golden transcripts', () => {
  for (const golden of loadGoldens(fileURLToPath(new URL('./coreutils/', import.meta.url)))) {
    it(`${golden.file}: ${golden.command}`, async () => {
      const r = await testShell().run(golden.command);
      expect({ exit: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ exit: golden.exit, stdout: golden.stdout, stderr: golden.stderr });
    });
  }
});
