/**
 * /dev as a Linux box has it, for the devices a shell script or a module meets: the memory devices of
 * drivers/char/mem.c with their device numbers (major 1: null 3, zero 5, random 8, urandom 9) and the
 * links to the process's own fds that udev/systemd create (stdin → /proc/self/fd/0, …, fd → /proc/self/fd).
 * They are not the learner's work: persistence does not save them and every load puts them back.
 */
import type { DeviceName } from './types';

export const DEV_DIR = '/dev';

export const DEVICE_NUMBERS: Readonly<Record<DeviceName, { major: number; minor: number }>> = {
  null: { major: 1, minor: 3 },
  zero: { major: 1, minor: 5 },
  random: { major: 1, minor: 8 },
  urandom: { major: 1, minor: 9 },
};

/** The symlinks of /dev and their text, exactly as on Linux. */
export const DEVICE_LINKS: Readonly<Record<string, string>> = {
  fd: '/proc/self/fd',
  stdin: '/proc/self/fd/0',
  stdout: '/proc/self/fd/1',
  stderr: '/proc/self/fd/2',
};

/**
 * What one read of an endless device (/dev/zero, /dev/urandom) gives when the reader sets no limit:
 * one pipe buffer's worth (Linux's default pipe size), so `cat /dev/zero` or `< /dev/urandom` ends
 * with a bounded amount instead of filling the tab's memory.
 */
export const DEVICE_READ_BYTES = 64 * 1024;

/** `n` bytes read from `device`: nothing from null, zeros, or random bytes. */
export function deviceBytes(device: DeviceName, n: number): Uint8Array {
  if (device === 'null') return new Uint8Array(0);
  const out = new Uint8Array(n);
  if (device === 'zero') return out;
  // getRandomValues fills at most 65536 bytes per call.
  for (let at = 0; at < n; at += 65536) crypto.getRandomValues(out.subarray(at, Math.min(n, at + 65536)));
  return out;
}

/**
 * The standard stream a path names (/dev/stdin, /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N
 * for N = 0, 1, 2), which the shell maps to its current fds for redirects, as bash does.
 */
export function standardStream(abs: string): 0 | 1 | 2 | undefined {
  const m = /^\/(?:dev\/(?:(stdin|stdout|stderr)|fd\/([012]))|proc\/self\/fd\/([012]))$/.exec(abs);
  if (!m) return undefined;
  if (m[1]) return m[1] === 'stdin' ? 0 : m[1] === 'stdout' ? 1 : 2;
  return Number(m[2] ?? m[3]) as 0 | 1 | 2;
}
