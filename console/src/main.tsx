import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import { completeSignIn, currentSession, signIn, signOut } from './auth/session.js';
import { ErrorNotice, Loading } from './components/notice.js';
import { type ConsoleConfig, loadConfig } from './config.js';
import { Layout, type Me } from './layout.js';
import { OffboardPage } from './pages/offboard.js';
import { PersonPage } from './pages/person.js';
import { RunPage } from './pages/run.js';
import { RunsPage } from './pages/runs.js';
import { SignInsPage } from './pages/sign-ins.js';
import { useRoute } from './router.js';

function App({ config }: { config: ConsoleConfig }) {
  const [me, setMe] = useState<Me>();
  const [error, setError] = useState<Error>();
  const route = useRoute();
  useEffect(() => {
    api<Me>('/api/me').then(setMe, setError);
  }, []);
  // Each page starts at its heading, so keyboard and screen-reader users know where they are.
  useEffect(() => {
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [route.join('/'), me]);
  if (error) return <ErrorNotice error={error} />;
  if (!me) return <Loading what="your account" />;
  return (
    <Layout
      me={me}
      route={route}
      onSignOut={() => signOut(config)}
      environment={config.environment}
    >
      <Page me={me} route={route} />
    </Layout>
  );
}

function Page({ me, route }: { me: Me; route: string[] }) {
  const [page, id, sub] = route;
  const may = (permission: string) => me.permissions.includes(permission);
  if (page === 'runs' && id && may('runs.read'))
    return <RunPage key={id} runId={id} review={sub === 'review'} mayReview={may('runs.review')} />;
  if (page === 'runs' && may('runs.read')) return <RunsPage />;
  if (page === 'people' && may('people.read'))
    return (
      <PersonPage mayRestore={may('accounts.restore')} mayOverride={may('accounts.override')} />
    );
  if (page === 'offboard' && may('offboarding.read'))
    return <OffboardPage deploymentZone={me.timeZone} />;
  if (page === 'sign-ins' && may('signins.read')) return <SignInsPage />;
  return <Home me={me} />;
}

function Home({ me }: { me: Me }) {
  return (
    <>
      <h1 tabIndex={-1}>Warden console</h1>
      <p>
        Signed in as {me.username}
        {me.roles.length > 0 ? ` (${me.roles.join(', ')})` : ''}.
      </p>
      {me.roles.length === 0 && (
        <p>Your account is in no console role yet: ask an IT admin to add you to one.</p>
      )}
    </>
  );
}

function SignedOut({ config, error }: { config: ConsoleConfig; error?: Error }) {
  return (
    <main id="main" class="signed-out">
      <h1>Warden console</h1>
      {error && <ErrorNotice error={error} />}
      <p>Sign in with your staff account and its authenticator app.</p>
      <button type="button" onClick={() => signIn(config)}>
        Sign in
      </button>
    </main>
  );
}

async function start(root: HTMLElement): Promise<void> {
  const config = await loadConfig();
  root.replaceChildren();
  let error: Error | undefined;
  try {
    await completeSignIn(config);
  } catch (e) {
    error = e as Error;
  }
  if (currentSession()) render(<App config={config} />, root);
  else render(<SignedOut config={config} error={error} />, root);
}

const root = document.getElementById('app');
if (root) {
  start(root).catch((error: Error) => {
    render(<ErrorNotice error={error} />, root);
  });
}
