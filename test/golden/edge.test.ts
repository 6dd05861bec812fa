/**
 * The build and edge tools' texts against golden transcripts written from the real tools' sources
 * (test/golden/{tinygo,cargo,wrangler,fastly}/), through the real shell and the real commands, typed
 * in the seeded home (no project files unless the transcript's own command makes them).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tinygoCommand } from '../../src/commands/tinygo';
import { cargoCommand } from '../../src/commands/cargo';
import { rustupCommand } from '../../src/commands/rustup';
import type { CommandDefinition } from '../../src/shell/types';
import { testShell } from '../support/shell';
import { loadGoldens } from '../support/golden';

const TOOLS: Record<string, CommandDefinition[]> = {
  tinygo: [tinygoCommand],
  cargo: [cargoCommand, rustupCommand],
};

for (const [tool, commands] of Object.entries(TOOLS)) {
  const dir = fileURLToPath(new URL(`./${tool}/`, import.meta.url));
  if (!existsSync(dir)) continue;
  describe(`${tool} golden transcripts`, () => {
    for (const golden of loadGoldens(dir)) {
      it(`${golden.file}: ${golden.command}`, async () => {
        const r = await testShell({ extra: commands }).run(golden.command, { tty: false });
        expect({ exit: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ exit: golden.exit, stdout: golden.stdout, stderr: golden.stderr });
      });
    }
  });
}
