/**
 * Pulling a Spin app from the Dojo's registry the way a client does: every byte re-hashed against its
 * digest (registry `pullArtifact`) before Spin loads it, so a tampered layer is refused. Used by
 * `spin registry pull` and `spin up --from REF`.
 */
import { pullArtifact } from '../../registry';
import type { CommandContext } from '../../shell/types';
import { dojoLine } from '../../lib/dojo-line';
import { writeError } from './output';

/**
 * Undefined when the artifact's bytes check out (or it is absent: the caller reports that); otherwise
 * prints the refusal and returns 1. The wording of oci-client's digest error was not read (UNVERIFIED):
 * the top line is Spin's loader context, the cause says what was checked.
 */
export async function verifySpinArtifact(
  ctx: CommandContext,
  reference: string,
  context = 'cannot pull Spin application',
): Promise<number | undefined> {
  const pulled = await pullArtifact(ctx.services.machine.registry, reference);
  if (pulled.ok || pulled.code !== 'DIGEST_MISMATCH') return undefined;
  writeError(ctx.stderr, context, [
    `${pulled.what === 'blob' ? 'layer' : 'manifest'} digest mismatch: expected ${pulled.expected}, got ${pulled.actual}`,
  ]);
  ctx.stderr.write(
    dojoLine(
      `the registry's copy of ${pulled.expected} was changed after it was pushed; a client re-hashes every blob and refuses it`,
      ctx.stderr.isTTY,
    ),
  );
  return 1;
}
