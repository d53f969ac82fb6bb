import middy from '@middy/core';
import { newCode, type OneTimeCode } from '../core/geo/sign-in-steps.js';
import { triggerDependencies } from './trigger-dependencies.js';
import { createAuthChallengeEvent, parseEvent } from './trigger-events.js';

const CODE_METADATA = /^CODE:(\d+):(\d{6})$/;

/**
 * Issues the one-time code for a sign-in from outside the fence and emails it. A retry after a
 * wrong answer reuses the code still valid rather than sending another; the code is never logged.
 */
async function createAuthChallenge(raw: unknown): Promise<unknown> {
  const event = parseEvent(createAuthChallengeEvent, raw);
  if (event.request.challengeName !== 'CUSTOM_CHALLENGE') return raw;
  const email = event.request.userAttributes.email;
  if (!email || event.request.userAttributes.email_verified !== 'true') {
    throw new Error('Sign-in refused');
  }
  const now = new Date();
  let code = previousCode(event.request.session.map((s) => s.challengeMetadata ?? undefined));
  if (!code || code.expiresAt <= now.getTime()) {
    code = newCode(now);
    const { codeSender } = await triggerDependencies();
    if (!codeSender) throw new Error('no code sender is configured');
    await codeSender.send(email, code.code);
  }
  Object.assign(event.response, {
    publicChallengeParameters: { delivery: 'EMAIL', destination: maskEmail(email) },
    privateChallengeParameters: { code: code.code, expiresAt: String(code.expiresAt) },
    // Kept by Cognito in the session, never sent to the client: lets a retry reuse the code.
    challengeMetadata: `CODE:${code.expiresAt}:${code.code}`,
  });
  return { ...(raw as object), response: event.response };
}

function previousCode(metadata: (string | undefined)[]): OneTimeCode | undefined {
  const last = metadata.filter((m) => m && CODE_METADATA.test(m)).at(-1);
  const [, expiresAt, code] = last ? (CODE_METADATA.exec(last) as RegExpExecArray) : [];
  return code ? { code, expiresAt: Number(expiresAt) } : undefined;
}

/** `r***@presidencia.example`: enough for the person to know where to look. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

export const handler = middy(createAuthChallenge);
