/**
 * What the Registry view shows, computed from the store (DOM-free, so it is tested in Node): hosts with
 * their repositories and tags, and a manifest as a tree of descriptors.
 */
import type { OciDescriptor, OciStore } from '../../registry/store';

export interface RepoRow {
  repository: string;
  host: string;
  path: string;
  tags: Array<{ tag: string; digest: string }>;
}

export function repositoryRows(store: OciStore): RepoRow[] {
  return store.repositories().map((repository) => {
    const slash = repository.indexOf('/');
    const tags = [...store.tagMap(repository)].map(([tag, digest]) => ({ tag, digest })).sort((a, b) => a.tag.localeCompare(b.tag));
    return { repository, host: repository.slice(0, slash), path: repository.slice(slash + 1), tags };
  });
}

export interface TreeNode {
  /** What the node is: `manifest`, `config`, `layer 0`, … */
  role: string;
  descriptor: OciDescriptor;
  /** The layer's file name (org.opencontainers.image.title), when it has one. */
  title?: string;
  children: TreeNode[];
}

/** The manifest `reference` names, as a tree: the manifest, then its config and layers (or an index's manifests). */
export function manifestTree(store: OciStore, reference: string): TreeNode | undefined {
  const found = store.resolve(reference);
  if (!found) return undefined;
  const root: TreeNode = {
    role: found.index ? 'index' : 'manifest',
    descriptor: {
      mediaType: found.mediaType,
      digest: found.digest,
      size: found.bytes.length,
      ...(found.manifest.artifactType ? { artifactType: found.manifest.artifactType } : {}),
    },
    children: [],
  };
  const leaf = (role: string, d: OciDescriptor): TreeNode => ({
    role,
    descriptor: d,
    ...(d.annotations?.['org.opencontainers.image.title'] ? { title: d.annotations['org.opencontainers.image.title'] } : {}),
    children: [],
  });
  if (found.index) found.index.manifests.forEach((d, i) => root.children.push(leaf(`manifest ${i}`, d)));
  else {
    root.children.push(leaf('config', found.manifest.config));
    found.manifest.layers.forEach((d, i) => root.children.push(leaf(`layer ${i}`, d)));
  }
  return root;
}

/** Human size in binary units (the view's, not docker's). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
