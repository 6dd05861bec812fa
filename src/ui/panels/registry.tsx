/** The Registry tab: repositories, tags and manifests of the machine's simulated OCI registry. */
import type { PanelDefinition } from '../../app/panels';

export const registryPanel: PanelDefinition = {
  id: 'registry',
  label: 'Registry',
  order: 30,
  route: 'registry',
  // The view loads when the tab is first shown, never before the first prompt.
  load: () => import('../registry/RegistryView').then((m) => m.RegistryView),
};
