/**
 * Spin's clap texts against golden transcripts written from clap's and Spin's sources
 * (test/golden/spin/), through the real shell and the real spin command.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spinCommand } from '../../src/commands/spin';
import { testShell } from '../support/shell';
import { loadGoldens } from '../support/golden';

describe('spin golden transcripts', () => {
  for (const golden of loadGoldens(fileURLToPath(new URL('./spin/', import.meta.url)))) {
    it(`${golden.file}: ${golden.command}`, async () => {
      const r = await testShell({ extra: [spinCommand] }).run(golden.command);
      expect({ exit: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ exit: golden.exit, stdout: golden.stdout, stderr: golden.stderr });
    });
  }
});
