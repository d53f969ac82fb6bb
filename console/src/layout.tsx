import type { ComponentChildren } from 'preact';
import { href } from './router.js';

export interface Me {
  username: string;
  roles: string[];
  permissions: string[];
  timeZone: string;
}

/** The pages a role may open, in the order they appear. */
const PAGES = [
  { path: 'runs', label: 'Runs', permission: 'runs.read' },
  { path: 'people', label: 'People', permission: 'people.read' },
  { path: 'offboard', label: 'Offboard', permission: 'offboarding.read' },
  { path: 'sign-ins', label: 'Sign-ins', permission: 'signins.read' },
];

export function Layout(props: {
  me: Me;
  route: string[];
  environment: string;
  onSignOut: () => void;
  children: ComponentChildren;
}) {
  const { me } = props;
  const pages = PAGES.filter((p) => me.permissions.includes(p.permission));
  return (
    <>
      {/* The fragment holds the page, so the skip link moves focus itself. */}
      <button
        type="button"
        class="skip-link"
        onClick={() => document.getElementById('main')?.focus()}
      >
        Skip to the page
      </button>
      <header class="top">
        <p class="brand">Warden console{props.environment === 'local' ? ' (local)' : ''}</p>
        <nav aria-label="Pages">
          <ul>
            {pages.map((p) => (
              <li key={p.path}>
                <a
                  href={href(p.path)}
                  aria-current={props.route[0] === p.path ? 'page' : undefined}
                >
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <p class="who">
          {me.username} ({me.roles.join(', ') || 'no role'})
          <button type="button" class="link" onClick={props.onSignOut}>
            Sign out
          </button>
        </p>
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}
