import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_ROUTES } from '../../functions/core/console/routes.js';
import { actionsOf, statementsOfRole } from './statements.js';
import { configFile, synth } from './synth.js';

let template: Template;

beforeAll(() => {
  // The example configuration federates the staff pool with a SAML identity provider.
  template = synth(configFile('example.json')).template;
}, 300_000);

const resourceOf = (t: Template, type: string, logicalPrefix: string) =>
  Object.entries(t.findResources(type)).find(([id]) => id.startsWith(logicalPrefix))?.[1];

describe('the console in the stack', () => {
  it('creates a staff pool of its own: TOTP required, no self sign-up, threat protection, the three role groups', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolName: 'warden-staff',
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      DeletionProtection: 'ACTIVE',
    });
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual(['auditor', 'hr', 'it-admin']);
  });

  it('signs staff in through managed login: code grant only, a public client (no secret), back to the console', () => {
    const client = resourceOf(template, 'AWS::Cognito::UserPoolClient', 'ConsoleStaffPoolConsole');
    expect(client?.Properties).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
    expect(client?.Properties.ExplicitAuthFlows).not.toEqual(
      expect.arrayContaining(['ALLOW_USER_PASSWORD_AUTH']),
    );
    expect(JSON.stringify(client?.Properties.CallbackURLs)).toMatch(/DomainName/);
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
    template.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 1);
  });

  it('federates with the configured identity provider, and sessions last as configured', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderName: 'PresidenciaIdP',
      ProviderType: 'SAML',
      ProviderDetails: { MetadataURL: 'https://idp.presidencia.example/saml/metadata.xml' },
    });
    const client = resourceOf(template, 'AWS::Cognito::UserPoolClient', 'ConsoleStaffPoolConsole');
    expect(client?.Properties.SupportedIdentityProviders).toEqual(['COGNITO', 'PresidenciaIdP']);
    expect(client?.Properties.IdTokenValidity).toBe(30);
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'presidencia-warden-staff',
    });
  });

  it('keeps the files in a private bucket that only the distribution reads, through origin access control', () => {
    const bucket = resourceOf(template, 'AWS::S3::Bucket', 'ConsoleAssets');
    expect(bucket?.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find((p) =>
      JSON.stringify(p.Properties.Bucket).includes('ConsoleAssets'),
    );
    const reads = policy?.Properties.PolicyDocument.Statement.filter(
      (s: { Effect: string }) => s.Effect === 'Allow',
    );
    expect(reads).toEqual([
      expect.objectContaining({
        Action: 's3:GetObject',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
      }),
    ]);
  });

  it('sends a strict CSP and the usual security headers with every response', () => {
    const policy = resourceOf(template, 'AWS::CloudFront::ResponseHeadersPolicy', 'Console');
    const config = policy?.Properties.ResponseHeadersPolicyConfig;
    const csp = JSON.stringify(config.SecurityHeadersConfig.ContentSecurityPolicy);
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(config.SecurityHeadersConfig).toMatchObject({
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY' },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer' },
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true },
    });
    const distribution = resourceOf(template, 'AWS::CloudFront::Distribution', 'Console');
    const distributionConfig = distribution?.Properties.DistributionConfig ?? {};
    const behaviours = [
      distributionConfig.DefaultCacheBehavior,
      ...(distributionConfig.CacheBehaviors ?? []),
    ];
    for (const b of behaviours) {
      expect(b.ResponseHeadersPolicyId).toBeDefined();
      expect(['redirect-to-https', 'https-only']).toContain(b.ViewerProtocolPolicy);
    }
    expect(distributionConfig.Logging).toBeDefined();
  });

  it('serves the API under /api/* of the same origin, never cached', () => {
    const distribution = resourceOf(template, 'AWS::CloudFront::Distribution', 'Console');
    const api = distribution?.Properties.DistributionConfig.CacheBehaviors.find(
      (b: { PathPattern: string }) => b.PathPattern === '/api/*',
    );
    expect(api).toMatchObject({
      AllowedMethods: expect.arrayContaining(['POST', 'PATCH', 'DELETE']),
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
    });
  });

  it('puts a Cognito authoriser for the staff pool on every method of the console API, one per route', () => {
    const apiId = Object.keys(template.findResources('AWS::ApiGateway::RestApi')).find((id) =>
      id.startsWith('ConsoleApi'),
    );
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method')).filter(
      (m) =>
        JSON.stringify(m.Properties.RestApiId).includes(apiId as string) &&
        m.Properties.HttpMethod !== 'OPTIONS',
    );
    expect(methods).toHaveLength(CONSOLE_ROUTES.length);
    for (const m of methods) {
      expect(m.Properties.AuthorizationType).toBe('COGNITO_USER_POOLS');
      expect(m.Properties.AuthorizerId).toBeDefined();
    }
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'COGNITO_USER_POOLS',
      IdentitySource: 'method.request.header.Authorization',
      ProviderARNs: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^ConsoleStaffPool'), 'Arn'] }],
    });
    template.hasOutput('ConsoleUrl', {});
  });

  it('gives the console API only what its routes need: enable for restores, invoke the reconcile function, no wildcard', () => {
    const statements = statementsOfRole(template, 'ConsoleApiRole');
    const actions = statements.flatMap(actionsOf);
    expect(actions).toEqual(
      expect.arrayContaining([
        'cognito-idp:AdminEnableUser',
        'cognito-idp:AdminDisableUser',
        'lambda:InvokeFunction',
        's3:GetObject',
        'scheduler:CreateSchedule',
      ]),
    );
    for (const s of statements) {
      expect(s.Resource).not.toBe('*');
      if (actionsOf(s).some((a) => a.startsWith('dynamodb:')))
        expect(s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']).toBeDefined();
    }
    // Only the console may re-enable: reconciliation and offboarding never do.
    for (const role of ['LeaverReconciliationReconcileRole', 'HrOffboardingApiRole'])
      expect(statementsOfRole(template, role).flatMap(actionsOf)).not.toContain(
        'cognito-idp:AdminEnableUser',
      );
  });
});
