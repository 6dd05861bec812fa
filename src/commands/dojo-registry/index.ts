/**
 * `dojo-registry`: the Dojo's own look at its simulated registry (no real tool has one — hence the
 * `dojo-` name). `df` is a `docker system df`-style table of what each registry host stores and how much
 * of the 256 MiB quota is used; `tamper REF` stages a corrupted layer for the lesson on digests: the bytes
 * under a layer's digest are changed without re-keying them, as a broken disk or a hostile registry would,
 * so every client's pull refuses them.
 */
import type { CommandContext, CommandDefinition } from '../../shell/types';
import { dojoLine } from '../../lib/dojo-line';

/** docker's units (go-units HumanSize: decimal, 3 significant digits). */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${Number(v.toPrecision(3))}${units[i]}`;
}

const USAGE = 'Usage: dojo-registry df | tamper <reference> [--layer N]\n';

function df(ctx: CommandContext): number {
  const store = ctx.services.machine.registry;
  const hosts = new Map<string, { repos: number; tags: number; manifests: Set<string>; blobs: Set<string> }>();
  for (const repo of store.repositories()) {
    const host = repo.slice(0, repo.indexOf('/'));
    const row = hosts.get(host) ?? { repos: 0, tags: 0, manifests: new Set<string>(), blobs: new Set<string>() };
    row.repos++;
    const tags = store.tagMap(repo);
    row.tags += tags.size;
    for (const d of tags.values()) {
      row.manifests.add(d);
      const m = store.resolve(`${repo}@${d}`)?.manifest;
      if (m?.config) row.blobs.add(m.config.digest);
      for (const l of m?.layers ?? []) row.blobs.add(l.digest);
    }
    hosts.set(host, row);
  }
  const rows = [['REGISTRY', 'REPOSITORIES', 'TAGS', 'MANIFESTS', 'SIZE']];
  for (const [host, r] of [...hosts].sort(([a], [b]) => a.localeCompare(b))) {
    let size = 0;
    for (const b of r.blobs) size += store.getBlob(b)?.length ?? 0;
    for (const m of r.manifests) size += new TextEncoder().encode(store.manifestText(m) ?? '').length;
    rows.push([host, String(r.repos), String(r.tags), String(r.manifests.size), humanSize(size)]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) ctx.stdout.write(`${r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]! + 3))).join('')}\n`);
  const u = store.usage();
  const pct = ((u.used / u.quota) * 100).toFixed(2);
  ctx.stdout.write(
    `\nStored: ${humanSize(u.used)} used of the ${u.quota / 1024 / 1024}MiB quota (${pct}%), in ${u.blobs} blobs and ${u.manifests} manifests; blobs shared between hosts count once here\n`,
  );
  ctx.stdout.write(
    dojoLine('the registry is simulated: it lives in this browser (IndexedDB), survives reloads, and `dojo reset` empties it', ctx.stdout.isTTY),
  );
  return 0;
}

function tamper(ctx: CommandContext, args: string[]): number {
  const ref = args.find((a) => !a.startsWith('-'));
  const at = args.indexOf('--layer');
  const index = at >= 0 ? Number(args[at + 1]) : 0;
  if (!ref || !Number.isInteger(index) || index < 0) {
    ctx.stderr.write(USAGE);
    return 2;
  }
  const store = ctx.services.machine.registry;
  const found = store.resolve(ref);
  if (!found) {
    ctx.stderr.write(`dojo-registry: ${ref}: not found\n`);
    return 1;
  }
  const layer = found.manifest.layers?.[index];
  if (!layer) {
    ctx.stderr.write(`dojo-registry: ${ref} has no layer ${index}\n`);
    return 1;
  }
  const bytes = store.getBlob(layer.digest)!.slice();
  // Flip the last byte (or add one to an empty blob): same size, different hash.
  if (bytes.length) bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
  store.tamperBlob(layer.digest, bytes.length ? bytes : new Uint8Array([0]));
  ctx.stdout.write(`tampered with layer ${index} of ${ref}: the bytes stored under ${layer.digest} changed, the digest did not\n`);
  return 0;
}

export const dojoRegistryCommand: CommandDefinition = {
  name: 'dojo-registry',
  summary: "The Dojo's simulated registry: storage used (df), stage a tampered layer (tamper)",
  usage: 'dojo-registry df | tamper <reference> [--layer N]',
  subcommands: [
    { name: 'df', summary: 'Show what each registry host stores and the quota used' },
    { name: 'tamper', summary: 'Corrupt a layer in place (for the lesson on digests)' },
  ],
  async run(ctx) {
    const [, sub, ...rest] = ctx.argv;
    if (rest.includes('-h') || rest.includes('--help')) {
      ctx.stdout.write(USAGE);
      return 0;
    }
    if (sub === 'df') return df(ctx);
    if (sub === 'tamper') return tamper(ctx, rest);
    if (sub === '-h' || sub === '--help') {
      ctx.stdout.write(USAGE);
      return 0;
    }
    ctx.stderr.write(USAGE);
    return 2;
  },
};
