/** Applies the chosen theme to <html> and follows the OS setting while the choice is "system". */
import { useEffect } from 'react';
import { resolvedTheme, useUi } from '../app/store';

export function useThemeEffect(): 'light' | 'dark' {
  const theme = useUi((s) => resolvedTheme(s));
  const setSystemTheme = useUi((s) => s.setSystemTheme);

  useEffect(() => {
    const query = globalThis.matchMedia?.('(prefers-color-scheme: light)');
    if (!query) return;
    const update = () => setSystemTheme(query.matches ? 'light' : 'dark');
    update();
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, [setSystemTheme]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);

  return theme;
}
