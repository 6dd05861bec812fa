/**
 * The OCI clients' texts (oras, wasm-to-oci, wkg) against golden transcripts written from their sources
 * (test/golden/{oras,wasm-to-oci,wkg}/), typed into the whole product. The Dojo's own dim `dojo:` lines are
 * not part of the real tools' output and are left out of the comparison; `time="…"` values are masked.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeDojo } from '../support/dojo';
import { loadGoldens } from '../support/golden';

const mask = (s: string) => s.replace(/^dojo: .*\n/gm, '').replace(/time="[^"]+"/g, 'time="<TIME>"');

for (const tool of ['oras', 'wasm-to-oci', 'wkg']) {
  describe(`${tool} golden transcripts`, () => {
    for (const golden of loadGoldens(fileURLToPath(new URL(`./${tool}/`, import.meta.url)))) {
      it(`${golden.file}: ${golden.command}`, async () => {
        const d = await makeDojo({ tty: false });
        await d.modulesReady;
        const r = await d.type(golden.command);
        expect({ exit: r.status, stdout: mask(r.stdout), stderr: mask(r.stderr) }).toEqual({
          exit: golden.exit,
          stdout: golden.stdout,
          stderr: golden.stderr,
        });
      });
    }
  });
}
