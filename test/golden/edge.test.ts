/**
 * The build and edge tools' texts against golden transcripts written from the real tools' sources
 * (test/golden/{tinygo,cargo,wrangler,fastly}/), through the real shell and the real commands, typed
 * in the seeded home (no project files unless the transcript's own command makes them).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tinygoCommand } from '../../src/commands/tinygo';
import { cargoCommand } from '../../src/commands/cargo';
import { rustupCommand } from '../../src/commands/rustup';
import { wranglerCommand } from '../../src/commands/wrangler';
import { fastlyCommand } from '../../src/commands/fastly';
import type { CommandDefinition } from '../../src/shell/types';
import { testShell } from '../support/shell';
import { loadGoldens } from '../support/golden';

const TOOLS: Record<string, CommandDefinition[]> = {
  tinygo: [tinygoCommand],
  cargo: [cargoCommand, rustupCommand],
  wrangler: [wranglerCommand],
  fastly: [fastlyCommand],
};

/** The time of the real runs whose log file names the transcripts show. */
const RUN_AT = Date.UTC(2026, 11, 2, 0, 51, 42, 943);
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(RUN_AT);
});
afterEach(() => vi.useRealTimers());

/** The Dojo's own dim lines are not the tool's: they are checked by the commands' tests, not here. */
const withoutDojoLines = (text: string) => text.replace(/^dojo: .*\n/gm, '');

for (const [tool, commands] of Object.entries(TOOLS)) {
  const dir = fileURLToPath(new URL(`./${tool}/`, import.meta.url));
  if (!existsSync(dir)) continue;
  describe(`${tool} golden transcripts`, () => {
    for (const golden of loadGoldens(dir)) {
      it(`${golden.file}: ${golden.command}`, async () => {
        const r = await testShell({ extra: commands }).run(golden.command, { tty: false });
        expect({ exit: r.status, stdout: withoutDojoLines(r.stdout), stderr: withoutDojoLines(r.stderr) }).toEqual({
          exit: golden.exit,
          stdout: golden.stdout,
          stderr: golden.stderr,
        });
      });
    }
  });
}
