/** The Trace tab: the WASI calls of the last module run (live while one runs and the tab is open). */
import type { PanelDefinition } from '../../app/panels';
import { TracePanel } from '../TracePanel';

export const tracePanel: PanelDefinition = {
  id: 'trace',
  label: 'Trace',
  order: 20,
  load: () => Promise.resolve(TracePanel),
};
