/** The Practice tab (`#/practice`): its view loads once the trainer is up (after the lessons, after the first prompt). */
import { createElement } from 'react';
import { couldNotLoad } from '../../app/load-failure';
import { trainerOf } from '../../app/features/trainer';
import type { PanelDefinition, PanelProps } from '../../app/panels';

function PracticePlaceholder({ failed }: { failed: boolean }) {
  return (
    <div className="lesson-placeholder">
      <h2>Practice</h2>
      <p>{failed ? couldNotLoad('The trainer') : 'Loading the trainer…'}</p>
    </div>
  );
}

export const practicePanel: PanelDefinition = {
  id: 'practice',
  label: 'Practice',
  order: 15,
  route: 'practice',
  load: (app) =>
    Promise.all([trainerOf(app), import('../trainer/PracticePane')]).then(([sys, m]) => {
      const View = (props: PanelProps) => createElement(m.PracticePane, { ...props, sys });
      return View;
    }),
  Placeholder: PracticePlaceholder,
};
