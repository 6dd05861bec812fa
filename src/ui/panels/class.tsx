/** The Class tab: the facilitator imports many results and reads the class's figures (`#/class`). */
import type { PanelDefinition } from '../../app/panels';

export const classPanel: PanelDefinition = {
  id: 'class',
  label: 'Class',
  order: 40,
  route: 'class',
  load: () => import('../team/ClassPane').then((m) => m.ClassPane),
};
