import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { configFile, synth } from './synth.js';

let external: Template;
let demo: Template;

beforeAll(() => {
  const example = configFile('example.json') as { geo: Record<string, unknown> };
  external = synth(example).template;
  const { gateway: _g, waf: _w, ...geo } = example.geo;
  demo = synth({ geo }).template;
}, 180_000);

const functionsWithEnv = (template: Template, name: string) =>
  Object.values(template.findResources('AWS::Lambda::Function')).filter(
    (f) => f.Properties.Environment?.Variables?.[name],
  );

describe('geo-fenced sign-in in the stack', () => {
  it('deploys the five Cognito triggers with the validated policy', () => {
    const triggers = functionsWithEnv(external, 'WARDEN_GEO_POLICY');
    expect(triggers).toHaveLength(5);
    const policy = JSON.parse(triggers[0]?.Properties.Environment.Variables.WARDEN_GEO_POLICY);
    expect(policy.groups['press-admins']).toEqual({ allowedCountries: ['MX'], outside: 'deny' });
    for (const t of triggers)
      expect(t.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Timeout: 5,
      });
  });

  it('lets each configured pool invoke each trigger, and nothing else', () => {
    const permissions = Object.values(
      external.findResources('AWS::Lambda::Permission', {
        Properties: { Principal: 'cognito-idp.amazonaws.com' },
      }),
    );
    expect(permissions).toHaveLength(10);
    expect(new Set(permissions.map((p) => JSON.stringify(p.Properties.SourceArn))).size).toBe(2);
  });

  it('limits the triggers to their own table items by partition-key prefix', () => {
    const statements = Object.values(external.findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement,
    );
    const conditions = statements
      .filter((s) => s.Condition?.['ForAllValues:StringLike'])
      .map((s) => [s.Action, s.Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys']]);
    expect(conditions).toEqual(
      expect.arrayContaining([
        ['dynamodb:GetItem', ['ACCESS#*']],
        ['dynamodb:PutItem', ['NONCE#*', 'SIGNIN#*']],
        ['dynamodb:UpdateItem', ['RATE#*']],
      ]),
    );
  });

  it('ships the country database inside the gateway and routes the two POST methods', () => {
    const [gateway] = functionsWithEnv(external, 'WARDEN_APP_CLIENT_ID');
    expect(gateway?.Properties.Environment.Variables).toMatchObject({
      WARDEN_GEO_DB: '/var/task/dbip-country.mmdb',
      WARDEN_APP_CLIENT_ID: '4tq2exampleclientid0000000',
      WARDEN_ATTEMPTS_PER_MINUTE: '10',
    });
    const paths = Object.values(external.findResources('AWS::ApiGateway::Resource'))
      .filter((r) => JSON.stringify(r.Properties.RestApiId).includes('GeoFencedSignIn'))
      .map((r) => r.Properties.PathPart);
    expect(paths.sort()).toEqual(['auth', 'respond', 'sign-in']);
    const methods = Object.values(external.findResources('AWS::ApiGateway::Method')).filter((m) =>
      JSON.stringify(m.Properties.RestApiId).includes('GeoFencedSignIn'),
    );
    expect(methods).toHaveLength(2);
    for (const method of methods)
      expect(method.Properties).toMatchObject({
        HttpMethod: 'POST',
        RequestValidatorId: expect.anything(),
      });
  });

  it('puts the WAF outer fence in front of the API and both pools when asked', () => {
    external.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      Rules: Match.arrayWith([
        Match.objectLike({
          Statement: { GeoMatchStatement: { CountryCodes: ['KP'] } },
          Action: { Block: {} },
        }),
        Match.objectLike({
          Statement: { RateBasedStatement: Match.objectLike({ AggregateKeyType: 'IP' }) },
        }),
      ]),
    });
    external.resourceCountIs('AWS::WAFv2::WebACLAssociation', 3);
    demo.resourceCountIs('AWS::WAFv2::WebACL', 0);
  });

  it('wires the triggers and a secret-holding SRP/custom-auth client into the demo pool', () => {
    demo.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: {
        PreAuthentication: Match.anyValue(),
        DefineAuthChallenge: Match.anyValue(),
        CreateAuthChallenge: Match.anyValue(),
        VerifyAuthChallengeResponse: Match.anyValue(),
        PreTokenGeneration: Match.anyValue(),
      },
    });
    demo.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: true,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_CUSTOM_AUTH', 'ALLOW_USER_SRP_AUTH']),
      PreventUserExistenceErrors: 'ENABLED',
    });
    const [gateway] = functionsWithEnv(demo, 'WARDEN_APP_CLIENT_ID');
    expect(gateway?.Properties.Environment.Variables.WARDEN_APP_CLIENT_SECRET).toBeUndefined();
  });
});
