/** Deep links to lessons: `#/lesson/ID`. Hash-based so it works on any static host and offline. */
import { LESSON_ID_PATTERN } from './schema';

export function hashForLesson(id: string): string {
  return `#/lesson/${id}`;
}

/** The lesson id in a location hash, or null ("#/lesson/wasmtime-dir" → "wasmtime-dir"). */
export function lessonIdFromHash(hash: string): string | null {
  const m = /^#\/lesson\/([^/?#]+)\/?$/.exec(hash);
  if (!m?.[1]) return null;
  let id: string;
  try {
    id = decodeURIComponent(m[1]);
  } catch {
    return null;
  }
  return LESSON_ID_PATTERN.test(id) ? id : null;
}
