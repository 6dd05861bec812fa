/** Turns an FsError into coreutils' trailing text ("No such file or directory"). */
import { FsError, FS_ERROR_TEXT } from '../../fs/types';

export function errorText(err: unknown): string {
  if (err instanceof FsError) return FS_ERROR_TEXT[err.code];
  return err instanceof Error ? err.message : String(err);
}
