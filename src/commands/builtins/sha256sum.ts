/**
 * coreutils sha256sum (src/digest.c): real SHA-256 digests (Web Crypto, the same code in Node and
 * the browser), `HASH  NAME` lines, --tag, -b/-t, -z, and -c FILE with --quiet, --status, --strict
 * and -w, with digest.c's summary warnings.
 */
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { GNU_HELP } from './gnu-help';
import { parseOptions } from './options';
import { errorText } from './fs-errors';
import { shellEscapeName } from './display-name';
import { fail, tryHelp } from './gnu-text';
import { standardStream } from '../../fs/devices';

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function readOperand(ctx: CommandContext, name: string): Promise<Uint8Array> {
  if (name === '-' || standardStream(ctx.shell.resolvePath(name)) === 0) return ctx.stdin.readAll();
  const path = ctx.shell.resolvePath(name);
  const st = ctx.fs.stat(path);
  if (st?.kind === 'dir') throw new Error('Is a directory');
  return ctx.fs.readFile(path);
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many).replace('%d', String(n));

export const sha256sum: CommandDefinition = {
  name: 'sha256sum',
  summary: 'compute and check SHA256 message digest',
  usage: 'sha256sum [OPTION]... [FILE]...',
  async run(ctx) {
    const opts = parseOptions(ctx, sha256sum, {
      letters: 'bctwz',
      long: { binary: 'b', check: 'c', text: 't', warn: 'w', zero: 'z' },
      longOnly: ['tag', 'quiet', 'status', 'strict', 'ignore-missing', 'untagged'],
      help: GNU_HELP.sha256sum,
    });
    if (typeof opts === 'number') return opts;
    const f = opts.flags;
    const operands = opts.operands.length ? opts.operands : ['-'];
    if (!f.has('c')) {
      for (const o of ['quiet', 'status', 'strict', 'ignore-missing', 'w'] as const) {
        if (f.has(o)) {
          const shown = o === 'w' ? '--warn' : `--${o}`;
          return tryHelp(ctx, 'sha256sum', `the ${shown} option is meaningful only when verifying checksums`);
        }
      }
      let status = 0;
      for (const name of operands) {
        let bytes: Uint8Array;
        try {
          bytes = await readOperand(ctx, name);
        } catch (err) {
          status = fail(ctx, 'sha256sum', `${shellEscapeName(name, false)}: ${errorText(err)}`);
          continue;
        }
        const hex = await sha256Hex(bytes);
        const end = f.has('z') ? '\0' : '\n';
        ctx.stdout.write(f.has('tag') ? `SHA256 (${name}) = ${hex}${end}` : `${hex} ${f.has('b') ? '*' : ' '}${name}${end}`);
      }
      return status;
    }
    if (f.has('tag')) return tryHelp(ctx, 'sha256sum', 'the --tag option is meaningless when verifying checksums');
    let status = 0;
    for (const list of operands) {
      let text: string;
      try {
        text = new TextDecoder().decode(await readOperand(ctx, list));
      } catch (err) {
        status = fail(ctx, 'sha256sum', `${shellEscapeName(list, false)}: ${errorText(err)}`);
        continue;
      }
      let bad = 0;
      let failed = 0;
      let unreadable = 0;
      let good = 0;
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      let out = '';
      for (const [i, line] of lines.entries()) {
        const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line) ?? /^SHA256 \((.+)\) = ([0-9a-fA-F]{64})$/.exec(line);
        if (!m) {
          bad++;
          if (f.has('w')) out += `sha256sum: ${list}: ${i + 1}: improperly formatted SHA256 checksum line\n`;
          continue;
        }
        const [hash, name] = /^SHA256/.test(line) ? [m[2]!, m[1]!] : [m[1]!, m[2]!];
        good++;
        let bytes: Uint8Array;
        try {
          bytes = await readOperand(ctx, name);
        } catch (err) {
          if (f.has('ignore-missing') && !ctx.fs.exists(ctx.shell.resolvePath(name))) continue;
          ctx.stdout.write(out);
          out = '';
          ctx.stderr.write(`sha256sum: ${shellEscapeName(name, false)}: ${errorText(err)}\n`);
          unreadable++;
          if (!f.has('status')) out += `${name}: FAILED open or read\n`;
          continue;
        }
        const ok = (await sha256Hex(bytes)) === hash.toLowerCase();
        if (!ok) failed++;
        if (!f.has('status') && (!ok || !f.has('quiet'))) out += `${name}: ${ok ? 'OK' : 'FAILED'}\n`;
      }
      ctx.stdout.write(out);
      if (!good) {
        ctx.stderr.write(`sha256sum: ${shellEscapeName(list, false)}: no properly formatted checksum lines found\n`);
        status = 1;
        continue;
      }
      if (!f.has('status')) {
        if (bad) ctx.stderr.write(`sha256sum: WARNING: ${plural(bad, '%d line is improperly formatted', '%d lines are improperly formatted')}\n`);
        if (unreadable)
          ctx.stderr.write(`sha256sum: WARNING: ${plural(unreadable, '%d listed file could not be read', '%d listed files could not be read')}\n`);
        if (failed)
          ctx.stderr.write(`sha256sum: WARNING: ${plural(failed, '%d computed checksum did NOT match', '%d computed checksums did NOT match')}\n`);
      }
      if (failed || unreadable || (f.has('strict') && bad)) status = 1;
    }
    return status;
  },
};
