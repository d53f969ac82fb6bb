import { createHash, randomBytes } from 'node:crypto';
import {
  CodeMismatchException,
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { z } from 'zod';
import { escapeHtml, signInPage } from './html.js';

/** Where the local stand-in for Cognito's managed login answers, under the console's origin. */
export const LOCAL_LOGIN = {
  authorize: '/local-login/authorize',
  password: '/local-login/password',
  code: '/local-login/code',
  token: '/local-login/token',
  logout: '/local-login/logout',
} as const;

export interface LoginAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface Tokens {
  idToken: string;
  accessToken: string;
  expiresIn: number;
}

const TEN_MINUTES = 600_000;
const REFUSED = 'Incorrect username, password or code.';

const authorizeSchema = z.object({
  response_type: z.literal('code'),
  client_id: z.string().min(1),
  redirect_uri: z.string().min(1),
  state: z.string().min(8).max(512),
  code_challenge: z.string().regex(/^[A-Za-z0-9_-]{43,128}$/),
  code_challenge_method: z.literal('S256'),
  scope: z.string().optional(),
});
type Authorization = z.infer<typeof authorizeSchema>;

const tokenSchema = z.object({
  grant_type: z.literal('authorization_code'),
  client_id: z.string(),
  code: z.string(),
  redirect_uri: z.string(),
  code_verifier: z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/),
});

const html = (status: number, title: string, body: string): LoginAnswer => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  body: signInPage(title, body),
});
const redirect = (location: string): LoginAnswer => ({
  status: 302,
  headers: { location, 'cache-control': 'no-store' },
  body: '',
});
const tokenError = (error: string): LoginAnswer => ({
  status: 400,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: JSON.stringify({ error }),
});

const random = () => randomBytes(24).toString('base64url');

/**
 * A stand-in for Cognito's managed login, which the emulator does not have: the same OAuth 2.0
 * authorisation code flow with PKCE (S256 only) for the console's public client, whose sign-in
 * pages call the local staff pool (`InitiateAuth` with the password, then `RespondToAuthChallenge`
 * with the authenticator's code) and issue the pool's own tokens. Codes are single-use and expire
 * after ten minutes; a refused sign-in never says which part was wrong.
 */
export class LocalLogin {
  private readonly requests = new Map<
    string,
    { auth: Authorization; expires: number; session?: string; username?: string }
  >();
  private readonly codes = new Map<
    string,
    { auth: Authorization; tokens: Tokens; expires: number }
  >();

  constructor(
    private readonly cognito: CognitoIdentityProviderClient,
    private readonly clientId: string,
    private readonly origin: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** GET authorize: checks the client's request, then shows the password form. */
  authorize(query: URLSearchParams): LoginAnswer {
    const parsed = authorizeSchema.safeParse(Object.fromEntries(query));
    if (!parsed.success || !this.isOurs(parsed.data.client_id, parsed.data.redirect_uri)) {
      return html(
        400,
        'Sign-in request refused',
        '<p>The request is not from the Warden console.</p>',
      );
    }
    const id = random();
    this.requests.set(id, { auth: parsed.data, expires: this.now() + TEN_MINUTES });
    return this.passwordForm(id);
  }

  /** POST password: the first factor. */
  async password(form: URLSearchParams): Promise<LoginAnswer> {
    const id = form.get('request') ?? '';
    const request = this.live(id);
    if (!request) return this.expired();
    const username = (form.get('username') ?? '').trim();
    try {
      const answer = await this.cognito.send(
        new InitiateAuthCommand({
          ClientId: this.clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: username, PASSWORD: form.get('password') ?? '' },
        }),
      );
      if (answer.ChallengeName !== 'SOFTWARE_TOKEN_MFA' || !answer.Session) {
        // The staff pool requires an authenticator; an account without one is not let in.
        return this.passwordForm(
          id,
          'This account has no authenticator enrolled. Ask an IT admin.',
        );
      }
      this.requests.set(id, { ...request, session: answer.Session, username });
      return this.codeForm(id);
    } catch (error) {
      if (error instanceof NotAuthorizedException || error instanceof UserNotFoundException)
        return this.passwordForm(id, REFUSED);
      throw error;
    }
  }

  /** POST code: the second factor; then back to the console with a one-time code. */
  async code(form: URLSearchParams): Promise<LoginAnswer> {
    const id = form.get('request') ?? '';
    const request = this.live(id);
    if (!request?.session || !request.username) return this.expired();
    try {
      const answer = await this.cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: this.clientId,
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          Session: request.session,
          ChallengeResponses: {
            USERNAME: request.username,
            SOFTWARE_TOKEN_MFA_CODE: (form.get('code') ?? '').trim(),
          },
        }),
      );
      const result = answer.AuthenticationResult;
      if (!result?.IdToken || !result.AccessToken) return this.codeForm(id, REFUSED);
      this.requests.delete(id);
      const code = random();
      this.codes.set(code, {
        auth: request.auth,
        expires: this.now() + TEN_MINUTES,
        tokens: {
          idToken: result.IdToken,
          accessToken: result.AccessToken,
          expiresIn: result.ExpiresIn ?? 3600,
        },
      });
      const back = new URL(request.auth.redirect_uri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', request.auth.state);
      return redirect(back.toString());
    } catch (error) {
      if (error instanceof CodeMismatchException || error instanceof NotAuthorizedException) {
        // The emulator ends the session on a wrong code; so does a fresh start here.
        this.requests.set(id, { auth: request.auth, expires: request.expires });
        return this.passwordForm(id, REFUSED);
      }
      throw error;
    }
  }

  /** POST token: the code for the tokens, once, with the verifier whose hash the request carried. */
  token(form: URLSearchParams): LoginAnswer {
    const parsed = tokenSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return tokenError('invalid_request');
    const grant = this.codes.get(parsed.data.code);
    this.codes.delete(parsed.data.code);
    const challenge = createHash('sha256').update(parsed.data.code_verifier).digest('base64url');
    if (
      !grant ||
      grant.expires < this.now() ||
      grant.auth.client_id !== parsed.data.client_id ||
      grant.auth.redirect_uri !== parsed.data.redirect_uri ||
      grant.auth.code_challenge !== challenge
    ) {
      return tokenError('invalid_grant');
    }
    return {
      status: 200,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
      body: JSON.stringify({
        id_token: grant.tokens.idToken,
        access_token: grant.tokens.accessToken,
        expires_in: grant.tokens.expiresIn,
        token_type: 'Bearer',
      }),
    };
  }

  /** GET logout: back to the console, if that is where the client asks to go. */
  logout(query: URLSearchParams): LoginAnswer {
    const target = query.get('logout_uri') ?? '';
    if (!this.isOurs(query.get('client_id') ?? '', target))
      return html(
        400,
        'Sign-out request refused',
        '<p>The request is not from the Warden console.</p>',
      );
    return redirect(target);
  }

  private isOurs(clientId: string, uri: string): boolean {
    return clientId === this.clientId && uri === `${this.origin}/`;
  }

  private live(id: string) {
    const request = this.requests.get(id);
    if (!request || request.expires < this.now()) {
      this.requests.delete(id);
      return undefined;
    }
    return request;
  }

  private expired(): LoginAnswer {
    return html(
      400,
      'Sign-in expired',
      `<p>This sign-in has expired. <a href="${escapeHtml(`${this.origin}/`)}">Start again</a>.</p>`,
    );
  }

  private passwordForm(id: string, error?: string): LoginAnswer {
    return html(
      error ? 401 : 200,
      'Sign in',
      `${error ? `<div class="notice notice-error" role="alert"><p>${escapeHtml(error)}</p></div>` : ''}
      <p>Warden staff sign-in on the local AWS. Your authenticator app asks for a code next.</p>
      <form class="sign-in-form stack" method="post" action="${LOCAL_LOGIN.password}">
        <input type="hidden" name="request" value="${escapeHtml(id)}" />
        <div class="field"><label for="username">Username</label>
          <input id="username" name="username" autocomplete="username" required /></div>
        <div class="field"><label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required /></div>
        <button type="submit">Next</button>
      </form>`,
    );
  }

  private codeForm(id: string, error?: string): LoginAnswer {
    return html(
      error ? 401 : 200,
      'Authenticator code',
      `${error ? `<div class="notice notice-error" role="alert"><p>${escapeHtml(error)}</p></div>` : ''}
      <form class="sign-in-form stack" method="post" action="${LOCAL_LOGIN.code}">
        <input type="hidden" name="request" value="${escapeHtml(id)}" />
        <div class="field"><label for="code">The 6-digit code your authenticator app shows</label>
          <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" required /></div>
        <button type="submit">Sign in</button>
      </form>`,
    );
  }
}
