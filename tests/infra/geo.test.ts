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

  it('lets the fenced pool invoke each trigger, and attaches them to it with the pool-fence custom resource', () => {
    const permissions = Object.values(
      external.findResources('AWS::Lambda::Permission', {
        Properties: { Principal: 'cognito-idp.amazonaws.com' },
      }),
    );
    expect(permissions).toHaveLength(5);
    external.hasResourceProperties('Custom::WardenPoolFence', {
      UserPoolId: 'us-east-1_PressOff1',
      GatewayClientId: '4tq2exampleclientid0000000',
      Triggers: {
        PreAuthentication: Match.anyValue(),
        DefineAuthChallenge: Match.anyValue(),
        CreateAuthChallenge: Match.anyValue(),
        VerifyAuthChallengeResponse: Match.anyValue(),
        PreTokenGeneration: Match.anyValue(),
      },
    });
    demo.resourceCountIs('Custom::WardenPoolFence', 0);
    const [trigger] = functionsWithEnv(external, 'WARDEN_GEO_POLICY');
    expect(trigger?.Properties.Environment.Variables).toMatchObject({
      WARDEN_GATEWAY_CLIENTS: '4tq2exampleclientid0000000',
      WARDEN_SIGN_IN_RECORD_DAYS: '400',
    });
  });

  it('limits the geo roles to their own table items by partition-key prefix, and the data key to its services', () => {
    const statements = Object.values(external.findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement,
    );
    const conditions = statements
      .filter((s) => s.Condition?.['ForAllValues:StringLike'])
      .map((s) => [s.Action, s.Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys']]);
    expect(conditions).toEqual(
      expect.arrayContaining([
        ['dynamodb:GetItem', ['ACCESS#*', 'GRANT#*']],
        ['dynamodb:PutItem', ['NONCE#*', 'SIGNIN#*', 'SIGNINDAY#*', 'GRANT#*']],
        [['dynamodb:UpdateItem', 'dynamodb:GetItem'], ['RATE#*']],
        [['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'], ['FENCE#*']],
      ]),
    );
    const keyUse = statements.filter(
      (s) => [s.Action].flat().includes('kms:Decrypt') && s.Condition,
    );
    expect(keyUse.length).toBeGreaterThanOrEqual(3);
    for (const s of keyUse) expect(s.Condition.StringEquals['kms:ViaService']).toBeDefined();
  });

  it('ships the country database inside the gateway and routes sign-in, respond and refresh', () => {
    const [gateway] = functionsWithEnv(external, 'WARDEN_APP_CLIENT_ID');
    expect(gateway?.Properties.Environment.Variables).toMatchObject({
      WARDEN_GEO_DB: '/var/task/dbip-country.mmdb',
      WARDEN_APP_CLIENT_ID: '4tq2exampleclientid0000000',
      WARDEN_ATTEMPTS_PER_MINUTE: '10',
      WARDEN_ATTEMPTS_PER_USERNAME: '5',
    });
    const paths = Object.values(external.findResources('AWS::ApiGateway::Resource'))
      .filter((r) => JSON.stringify(r.Properties.RestApiId).includes('GeoFencedSignIn'))
      .map((r) => r.Properties.PathPart);
    expect(paths.sort()).toEqual(['auth', 'refresh', 'respond', 'sign-in']);
    const methods = Object.values(external.findResources('AWS::ApiGateway::Method')).filter((m) =>
      JSON.stringify(m.Properties.RestApiId).includes('GeoFencedSignIn'),
    );
    expect(methods).toHaveLength(3);
    for (const method of methods)
      expect(method.Properties).toMatchObject({
        HttpMethod: 'POST',
        RequestValidatorId: expect.anything(),
      });
  });

  it('rotates the geo-context keys with Secrets Manager', () => {
    external.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
    });
  });

  it('puts the per-address rate limit in front of the gateway only; the pool gets denied countries alone', () => {
    const acls = Object.values(external.findResources('AWS::WAFv2::WebACL')).map((a) =>
      (a.Properties.Rules as { Name: string }[]).map((r) => r.Name),
    );
    expect(acls).toEqual(
      expect.arrayContaining([['DeniedCountries', 'PerAddressRate'], ['DeniedCountries']]),
    );
    external.resourceCountIs('AWS::WAFv2::WebACLAssociation', 2);
    demo.resourceCountIs('AWS::WAFv2::WebACL', 0);
  });

  it('wires the triggers into the demo pool and gives the gateway a client with no other way in', () => {
    demo.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: {
        PreAuthentication: Match.anyValue(),
        DefineAuthChallenge: Match.anyValue(),
        CreateAuthChallenge: Match.anyValue(),
        VerifyAuthChallengeResponse: Match.anyValue(),
        PreTokenGeneration: Match.anyValue(),
      },
    });
    const [client] = Object.values(demo.findResources('AWS::Cognito::UserPoolClient'));
    expect(client?.Properties).toMatchObject({
      GenerateSecret: true,
      ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      AccessTokenValidity: 15,
      IdTokenValidity: 15,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes' },
    });
    expect(client?.Properties.AllowedOAuthFlows).toBeUndefined();
    expect(client?.Properties.AllowedOAuthFlowsUserPoolClient).not.toBe(true);
    expect(client?.Properties.CallbackURLs).toBeUndefined();
    const [gateway] = functionsWithEnv(demo, 'WARDEN_APP_CLIENT_ID');
    expect(gateway?.Properties.Environment.Variables.WARDEN_APP_CLIENT_SECRET).toBeUndefined();
  });
});
