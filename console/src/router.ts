import { useEffect, useState } from 'preact/hooks';

/**
 * The console's pages live in the fragment (`#/runs/…`): static hosting needs no rewrite rules.
 * A fragment without the slash (`#guard`) is an anchor within the page, and keeps the page.
 */
export function useRoute(): string[] {
  const read = () =>
    location.hash.startsWith('#/') || location.hash === ''
      ? location.hash
          .replace(/^#\/?/, '')
          .split('/')
          .filter(Boolean)
          .map((part) => decodeURIComponent(part))
      : undefined;
  const [route, setRoute] = useState(() => read() ?? []);
  useEffect(() => {
    const changed = () => {
      const next = read();
      if (next) setRoute(next);
    };
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}

export const href = (...parts: string[]) => `#/${parts.map(encodeURIComponent).join('/')}`;
