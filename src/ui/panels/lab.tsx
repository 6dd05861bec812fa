/** The Lab tab (`#/lab`): the cold-start race. Its view and uPlot load when the tab is first shown. */
import type { PanelDefinition } from '../../app/panels';

export const labPanel: PanelDefinition = {
  id: 'lab',
  label: 'Lab',
  order: 30,
  route: 'lab',
  load: () => import('../lab/LabView').then((m) => m.LabView),
};
