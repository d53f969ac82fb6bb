import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';

/**
 * Verifies staff ID tokens as API Gateway's Cognito authoriser does: the signature against the
 * pool's published keys (JWKS), the issuer (the pool), the audience (the console's app client),
 * `token_use: id` and the expiry. The emulator publishes its keys at the pool's usual path, but
 * recognises the request as Cognito's only by an AWS-style Authorization header.
 */
export async function localTokenVerifier(
  endpoint: string,
  userPoolId: string,
  clientId: string,
): Promise<(token: string) => Promise<JwtPayload>> {
  const verifier = CognitoJwtVerifier.create({ userPoolId, tokenUse: 'id', clientId });
  const response = await fetch(`${endpoint}/${userPoolId}/.well-known/jwks.json`, {
    headers: {
      authorization:
        'AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=0',
    },
  });
  if (!response.ok)
    throw new Error(`the local staff pool's keys are not published (${response.status})`);
  verifier.cacheJwks((await response.json()) as Parameters<typeof verifier.cacheJwks>[0]);
  return (token) => verifier.verify(token);
}
