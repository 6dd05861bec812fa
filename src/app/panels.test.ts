import { describe, expect, it } from 'vitest';
import { routeOf, type PanelDefinition } from './panels';

const panel = (id: string, route?: string): PanelDefinition => ({
  id,
  label: id,
  order: 0,
  route,
  load: () => Promise.reject(new Error('not here')),
});

describe('routeOf', () => {
  const panels = [panel('trace'), panel('lab', 'lab'), panel('team', 'plan')];

  it('opens the panel whose route the hash names, with the rest of the hash', () => {
    expect(routeOf(panels, '#/lab')).toMatchObject({ panel: { id: 'lab' }, rest: '' });
    expect(routeOf(panels, '#/plan/eJwrSS0u')).toMatchObject({ panel: { id: 'team' }, rest: 'eJwrSS0u' });
  });

  it('matches whole path segments only, and nothing for other hashes', () => {
    expect(routeOf(panels, '#/laboratory')).toBeUndefined();
    expect(routeOf(panels, '#/lesson/first-run')).toBeUndefined();
    expect(routeOf(panels, '')).toBeUndefined();
  });
});
