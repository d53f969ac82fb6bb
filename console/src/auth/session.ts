// Sign-in with the OAuth 2.0 authorisation code flow and PKCE (RFC 7636), as a public client: no
// secret in the browser. Tokens live in this tab's sessionStorage only, never in cookies or
// localStorage, and are sent to the console's own API alone.
import type { ConsoleConfig } from '../config.js';

const PENDING = 'warden.sign-in';
const SESSION = 'warden.session';

export interface Session {
  idToken: string;
  expiresAt: number;
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const randomText = (bytes: number) => base64url(crypto.getRandomValues(new Uint8Array(bytes)));

const redirectUri = () => `${location.origin}/`;

/** Sends the browser to the sign-in page, remembering where it was. */
export async function signIn(config: ConsoleConfig): Promise<void> {
  const verifier = randomText(48);
  const state = randomText(24);
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)),
  );
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo: location.hash }));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid email profile',
    state,
    code_challenge: base64url(digest),
    code_challenge_method: 'S256',
  });
  location.assign(`${config.authorizeUrl}?${query}`);
}

/**
 * Finishes a sign-in when the page is the redirect back (`?code=…&state=…`): the state must be the
 * one this tab sent, and the code is exchanged with the verifier only this tab knows.
 */
export async function completeSignIn(config: ConsoleConfig): Promise<Session | undefined> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const error = params.get('error');
  if (!code && !error) return undefined;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as {
    verifier: string;
    state: string;
    returnTo: string;
  } | null;
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', `/${pending?.returnTo ?? ''}`);
  if (error) throw new Error(`sign-in failed: ${error}`);
  if (!pending || params.get('state') !== pending.state)
    throw new Error('sign-in failed: the answer does not belong to this tab; sign in again');
  const response = await fetch(config.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      code: code as string,
      redirect_uri: redirectUri(),
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error(`sign-in failed: the code was refused (${response.status})`);
  const tokens = (await response.json()) as { id_token: string; expires_in: number };
  const session = { idToken: tokens.id_token, expiresAt: Date.now() + tokens.expires_in * 1000 };
  sessionStorage.setItem(SESSION, JSON.stringify(session));
  return session;
}

/** The session of this tab, while it lasts. */
export function currentSession(): Session | undefined {
  const session = JSON.parse(sessionStorage.getItem(SESSION) ?? 'null') as Session | null;
  return session && session.expiresAt > Date.now() + 10_000 ? session : undefined;
}

export function signOut(config: ConsoleConfig): void {
  sessionStorage.removeItem(SESSION);
  const query = new URLSearchParams({ client_id: config.clientId, logout_uri: redirectUri() });
  location.assign(`${config.logoutUrl}?${query}`);
}
