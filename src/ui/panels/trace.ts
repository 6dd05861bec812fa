/** The Trace tab: the WASI calls of the last module run (live while one runs and the tab is open). */
import type { PanelDefinition } from '../../app/panels';

export const tracePanel: PanelDefinition = {
  id: 'trace',
  label: 'Trace',
  order: 20,
  // Its view (and the trace formatting) loads when the tab is first shown, not before the first prompt.
  load: () => import('../TracePanel').then((m) => m.TracePanel),
};
