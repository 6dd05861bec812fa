/**
 * file(1) 5.44 for what a Dojo machine holds: WebAssembly modules (the magic `\0asm` and its
 * version), directories, links, devices, empty files, text (ASCII, UTF-8, CRLF, shell scripts by
 * their #! line, JSON, HTML) and a few binary formats by their magic numbers (gzip, ELF, PNG, tar).
 * Anything else is "data". The type names are file's magic database's words.
 */
import type { CommandDefinition } from '../../shell/types';
import { parseOptions } from './options';

const USAGE = `Usage: file [-bcCdEhikLlNnprsSvzZ0] [--apple] [--extension] [--mime-encoding]
            [--mime-type] [-e <testname>] [-F <separator>]  [-f <namefile>]
            [-m <magicfiles>] [-P <parameter=value>] [--exclude-quiet]
            <file> ...
       file -C [-m <magicfiles>]
       file [--help]
`;

function textKind(bytes: Uint8Array): string | null {
  let ascii = true;
  for (const b of bytes) {
    if (b === 0) return null;
    if (b < 0x20 && ![7, 8, 9, 10, 11, 12, 13, 27].includes(b)) return null;
    if (b >= 0x80) ascii = false;
  }
  if (ascii) return 'ASCII text';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'Unicode text, UTF-8 text';
  } catch {
    return 'ISO-8859 text';
  }
}

/** The description of a file's bytes, and its MIME type. */
export function describeBytes(bytes: Uint8Array): { text: string; mime: string } {
  if (bytes.length === 0) return { text: 'empty', mime: 'inode/x-empty' };
  const at = (s: string, off = 0) => [...s].every((c, i) => bytes[off + i] === c.charCodeAt(0));
  if (at('\0asm')) {
    const version = bytes.length >= 8 ? new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true) : 0;
    return { text: `WebAssembly (wasm) binary module version 0x${version.toString(16)}${version === 1 ? ' (MVP)' : ''}`, mime: 'application/wasm' };
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return { text: 'gzip compressed data', mime: 'application/gzip' };
  if (at('\x7fELF')) return { text: `ELF ${bytes[4] === 2 ? '64' : '32'}-bit ${bytes[5] === 2 ? 'MSB' : 'LSB'}`, mime: 'application/x-executable' };
  if (bytes.length > 24 && at('\x89PNG\r\n\x1a\n')) {
    const dv = new DataView(bytes.buffer, bytes.byteOffset);
    return { text: `PNG image data, ${dv.getUint32(16)} x ${dv.getUint32(20)}`, mime: 'image/png' };
  }
  if (bytes.length >= 262 && at('ustar', 257)) return { text: 'POSIX tar archive', mime: 'application/x-tar' };
  if (at('PK\x03\x04')) return { text: 'Zip archive data', mime: 'application/zip' };
  const kind = textKind(bytes);
  if (!kind) return { text: 'data', mime: 'application/octet-stream' };
  const text = new TextDecoder().decode(bytes);
  const charset = kind.startsWith('ASCII') ? 'us-ascii' : 'utf-8';
  const crlf = /\r\n/.test(text) ? ', with CRLF line terminators' : '';
  const shebang = /^#! ?(\S+)(?: (\S+))?/.exec(text);
  if (shebang) {
    const prog = (shebang[1]!.endsWith('/env') ? shebang[2] : shebang[1]!.split('/').pop()) ?? '';
    const names: Record<string, string> = {
      bash: 'Bourne-Again shell script',
      sh: 'POSIX shell script',
      zsh: "Paul Falstad's zsh script",
      python3: 'Python script',
      python: 'Python script',
      node: 'Node.js script',
      perl: 'Perl script',
    };
    const name = names[prog] ?? `a ${shebang[1]}${shebang[2] ? ` ${shebang[2]}` : ''} script`;
    return { text: `${name}, ${kind} executable${crlf}`, mime: 'text/x-shellscript' };
  }
  const trimmed = text.trim();
  if (/^[{[]/.test(trimmed)) {
    try {
      JSON.parse(trimmed);
      return { text: 'JSON text data', mime: 'application/json' };
    } catch {
      // not JSON after all
    }
  }
  if (/^(<!doctype html|<html|<head|<body)/i.test(trimmed)) return { text: `HTML document, ${kind}${crlf}`, mime: 'text/html' };
  return { text: `${kind}${crlf}`, mime: `text/plain; charset=${charset}` };
}

export const file: CommandDefinition = {
  name: 'file',
  summary: 'determine file type',
  usage: 'file [-bLi] [--mime-type] FILE...',
  async run(ctx) {
    if (ctx.argv[1] === '--help') {
      ctx.stdout.write(HELP);
      return 0;
    }
    const opts = parseOptions(ctx, file, {
      letters: 'bLhiz',
      long: { brief: 'b', dereference: 'L', 'no-dereference': 'h', mime: 'i' },
      longOnly: ['mime-type'],
    });
    if (typeof opts === 'number') return opts;
    if (!opts.operands.length) {
      ctx.stderr.write(USAGE);
      return 1;
    }
    const width = Math.max(...opts.operands.map((o) => o.length)) + 1;
    const mime = opts.flags.has('i') || opts.flags.has('mime-type');
    let out = '';
    for (const name of opts.operands) {
      const path = ctx.shell.resolvePath(name);
      const st = opts.flags.has('L') ? ctx.fs.stat(path) : ctx.fs.lstat(path);
      let desc: { text: string; mime: string };
      if (!st) desc = { text: `cannot open \`${name}' (No such file or directory)`, mime: 'cannot open' };
      else if (st.kind === 'dir') desc = { text: 'directory', mime: 'inode/directory' };
      else if (st.kind === 'symlink') desc = { text: `symbolic link to ${st.target ?? ''}`, mime: 'inode/symlink' };
      else if (st.kind === 'chardev') desc = { text: `character special (${st.rdev?.major ?? 0}/${st.rdev?.minor ?? 0})`, mime: 'inode/chardevice' };
      else desc = describeBytes(ctx.fs.readFile(path, { limit: 1 << 20 }));
      let shown = mime ? desc.mime : desc.text;
      if (opts.flags.has('mime-type')) shown = shown.replace(/;.*$/, '');
      else if (opts.flags.has('i') && !shown.includes('charset') && !shown.startsWith('cannot')) shown += '; charset=binary';
      out += opts.flags.has('b') ? `${shown}\n` : `${`${name}:`.padEnd(width)} ${shown}\n`;
    }
    ctx.stdout.write(out);
    return 0;
  },
};

/** file --help of file 5.44 (src/file.c help() with file_opts.h), word for word. */
const HELP =
  "Usage: file [OPTION...] [FILE...]\nDetermine type of FILEs.\n\n      --help                 display this help and exit\n  -v, --version              output version information and exit\n  -m, --magic-file LIST      use LIST as a colon-separated list of magic\n                               number files\n  -z, --uncompress           try to look inside compressed files\n  -Z, --uncompress-noreport  only print the contents of compressed files\n  -b, --brief                do not prepend filenames to output lines\n  -c, --checking-printout    print the parsed form of the magic file, use in\n                               conjunction with -m to debug a new magic file\n                               before installing it\n  -e, --exclude TEST         exclude TEST from the list of test to be\n                               performed for file. Valid tests are:\n                               apptype, ascii, cdf, compress, csv, elf,\n                               encoding, soft, tar, json, text,\n                               tokens\n      --exclude-quiet TEST   like exclude, but ignore unknown tests\n  -f, --files-from FILE      read the filenames to be examined from FILE\n  -F, --separator STRING     use string as separator instead of `:'\n  -i, --mime                 output MIME type strings (--mime-type and\n                               --mime-encoding)\n      --apple                output the Apple CREATOR/TYPE\n      --extension            output a slash-separated list of extensions\n      --mime-type            output the MIME type\n      --mime-encoding        output the MIME encoding\n  -k, --keep-going           don't stop at the first match\n  -l, --list                 list magic strength\n  -L, --dereference          follow symlinks (default if POSIXLY_CORRECT is set)\n  -h, --no-dereference       don't follow symlinks (default if POSIXLY_CORRECT is not set) (default)\n  -n, --no-buffer            do not buffer output\n  -N, --no-pad               do not pad output\n  -0, --print0               terminate filenames with ASCII NUL\n  -p, --preserve-date        preserve access times on files\n  -P, --parameter            set file engine parameter limits\n                                   bytes 7340032 max bytes to look inside file\n                               elf_notes     256 max ELF notes processed\n                               elf_phnum    2048 max ELF prog sections processed\n                               elf_shnum   32768 max ELF sections processed\n                                encoding   65536 max bytes to scan for encoding\n                                   indir      50 recursion limit for indirection\n                                    name      50 use limit for name/use magic\n                                   regex    8192 length limit for REGEX searches\n  -r, --raw                  don't translate unprintable chars to \\ooo\n  -s, --special-files        treat special (block/char devices) files as\n                             ordinary ones\n  -S, --no-sandbox           disable system call sandboxing\n  -C, --compile              compile file specified by -m\n  -d, --debug                print debugging messages\n\nReport bugs to https://bugs.astron.com/\n";
