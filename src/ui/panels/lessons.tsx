/** The Lessons tab: its view loads once the lesson system is up (after the first prompt). */
import { couldNotLoad } from '../../app/load-failure';
import type { PanelDefinition } from '../../app/panels';

function LessonsPlaceholder({ failed }: { failed: boolean }) {
  return (
    <div className="lesson-placeholder">
      <h2>Lessons</h2>
      <p>{failed ? couldNotLoad('The lessons') : 'Loading lessons…'} Meanwhile, explore the terminal:</p>
      <ul>
        <li>
          <code>help</code> lists every command
        </li>
        <li>
          <code>ls ~/modules</code> shows the WebAssembly modules you can run
        </li>
        <li>
          <code>wasmtime hello.wasm</code> runs one
        </li>
      </ul>
    </div>
  );
}

export const lessonsPanel: PanelDefinition = {
  id: 'lessons',
  label: 'Lessons',
  order: 10,
  // The pane's chunk is fetched only once the lessons are there: never before the first prompt.
  load: (app) => app.lessonsReady.then(() => import('../lessons/LessonPane')).then((m) => m.LessonPane),
  Placeholder: LessonsPlaceholder,
};
