import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api.js';

/** A failure the user must see: announced at once to assistive technology. */
export function ErrorNotice({ error }: { error: ApiError | Error }) {
  const problems = 'problems' in error ? error.problems : [];
  return (
    <div class="notice notice-error" role="alert">
      <p>{error.message}</p>
      {problems.length > 0 && (
        <ul>
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Progress or an outcome, announced politely. */
export function StatusNotice({ children }: { children: ComponentChildren }) {
  return (
    <div class="notice" role="status">
      {children}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return <StatusNotice>Loading {what}…</StatusNotice>;
}
