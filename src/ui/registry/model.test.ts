import { describe, expect, it } from 'vitest';
import { OciStore } from '../../registry/store';
import { pushOras } from '../../registry/layouts';
import { formatSize, manifestTree, repositoryRows } from './model';

describe('the Registry view model', () => {
  it('lists repositories with their tags, and a manifest as a tree of its config and layers', async () => {
    const s = new OciStore();
    const r = await pushOras(s, 'localhost:5000/a/b:v1', [{ name: 'x.wasm', bytes: new Uint8Array([1, 2, 3]), mediaType: 'application/wasm' }], {
      created: new Date(0),
    });
    s.tag('localhost:5000/a/b', r.digest, 'stable');
    expect(repositoryRows(s)).toEqual([
      {
        repository: 'localhost:5000/a/b',
        host: 'localhost:5000',
        path: 'a/b',
        tags: [
          { tag: 'stable', digest: r.digest },
          { tag: 'v1', digest: r.digest },
        ],
      },
    ]);
    const tree = manifestTree(s, 'localhost:5000/a/b:v1')!;
    expect(tree.descriptor).toMatchObject({ digest: r.digest, artifactType: 'application/vnd.unknown.artifact.v1' });
    expect(tree.children.map((c) => [c.role, c.descriptor.mediaType, c.descriptor.size, c.title])).toEqual([
      ['config', 'application/vnd.oci.empty.v1+json', 2, undefined],
      ['layer 0', 'application/wasm', 3, 'x.wasm'],
    ]);
    expect(manifestTree(s, 'localhost:5000/a/b:nope')).toBeUndefined();
    expect([formatSize(3), formatSize(3538), formatSize(256 * 1024 * 1024)]).toEqual(['3 B', '3.5 KiB', '256 MiB']);
  });
});
