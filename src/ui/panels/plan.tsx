/**
 * The Plan tab: a learner's session (the plan's lessons in order, the clock, the notes), their
 * results export, and the facilitator's plan builder. `#/plan/<data>` opens it and joins the plan.
 * Everything here loads after the first prompt.
 */
import type { PanelDefinition } from '../../app/panels';

export const planPanel: PanelDefinition = {
  id: 'plan',
  label: 'Plan',
  order: 30,
  route: 'plan',
  load: (app) => Promise.all([app.teamReady, import('../team/PlanPane')]).then(([team, m]) => m.bindPlanPane(team)),
  onRoute(rest, app) {
    if (rest) void import('../team/links').then((m) => m.openPlanLink(rest, app));
  },
};
