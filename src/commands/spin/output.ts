/**
 * How the Spin CLI talks (v3.0.0 src/bin/spin.rs): `Error: <top>` then `Caused by:` (index right-aligned to width 4
 * when there are several causes, 6 spaces when one), `Warning: <text>`, green step words ("Building",
 * "Finished", "Serving"), colour only on a terminal; plus the Dojo's single dim `dojo:` note line.
 */
import type { OutputSink } from '../../shell/types';
import { registryHostOf } from '../../registry/reference';
import { paint, style } from '../../lib/ansi';

/** `Error: top` + causes, exactly as src/bin/spin.rs prints an anyhow chain. Ends with a newline. */
export function formatSpinError(top: string, causes: string[], color: boolean): string {
  const label = paint(style('bold', 'red'), 'Error', color);
  let out = `${label}: ${top}\n`;
  if (causes.length > 0) {
    out += '\nCaused by:\n';
    if (causes.length === 1) out += `      ${causes[0]}\n`;
    else causes.forEach((c, i) => (out += `${String(i).padStart(4)}: ${c}\n`));
  }
  return out;
}

export function writeError(sink: OutputSink, top: string, causes: string[] = []): void {
  sink.write(formatSpinError(top, causes, sink.isTTY));
}

export function formatWarning(lines: string[], color: boolean): string {
  const label = paint(style('bold', 'yellow'), 'Warning', color);
  return `${label}: ${lines.join('\n')}\n`;
}

/** A green step word, e.g. step('Building', 'component x with `...`'). */
export function step(word: string, rest: string, color: boolean): string {
  return `${paint(style('bold', 'green'), word, color)} ${rest}\n`;
}

/**
 * The cause chain of a registry the Dojo cannot reach (every one but the machine's local registry):
 * the oci-distribution client's first request, `GET https://<registry>/v2/`, failing in reqwest 0.12 /
 * hyper-util 0.1 on a machine whose resolver answers nothing.
 */
export function unreachableRegistry(reference: string): string[] {
  const dns = 'failed to lookup address information: Temporary failure in name resolution';
  return [`error sending request for url (https://${registryHostOf(reference)}/v2/)`, 'client error (Connect)', `dns error: ${dns}`, dns];
}

/** The dojo: line after a reference the local registry does not have. */
export function registryMissNote(reference: string, reason: 'not-found' | 'not-a-spin-app', what: string): string {
  if (reason === 'not-a-spin-app') return `${reference} in the Dojo's local registry is not a Spin app`;
  return `the Dojo is offline: \`${what}\` reaches only this machine's local registry, where nothing was pushed as ${reference} (\`spin registry push ${reference}\` first)`;
}
