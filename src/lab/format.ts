/**
 * Durations and sizes as the lab prints them. `durationUnit`/`formatDuration` follow hyperfine's
 * format.rs: the unit is picked from the mean (µs below 1 ms, ms below 1 s, else s) and every other
 * figure of the same benchmark is printed in it; µs and ms with one decimal, seconds with three.
 */
export type TimeUnit = 'µs' | 'ms' | 's';

export function durationUnit(ms: number): TimeUnit {
  if (ms < 1) return 'µs';
  if (ms < 1000) return 'ms';
  return 's';
}

export function formatDuration(ms: number, unit: TimeUnit = durationUnit(ms)): string {
  switch (unit) {
    case 'µs':
      return `${(ms * 1000).toFixed(1)} µs`;
    case 'ms':
      return `${ms.toFixed(1)} ms`;
    case 's':
      return `${(ms / 1000).toFixed(3)} s`;
  }
}

/** Milliseconds for tables and charts: three significant decimals below 10 ms. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  return ms < 10 ? ms.toFixed(3) : ms < 100 ? ms.toFixed(2) : ms.toFixed(1);
}

/** Bytes in binary units: 3.5 KiB, 1.0 MiB, 128 KiB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${units[i]}`;
}
