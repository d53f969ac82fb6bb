import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Aws,
  type CfnElement,
  DefaultStackSynthesizer,
  Duration,
  Fn,
  RemovalPolicy,
  SecretValue,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import {
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  LambdaIntegration,
  type Resource,
  type RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { RestApiOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  CfnUserPoolGroup,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  ProviderAttribute,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolIdentityProviderOidc,
  UserPoolIdentityProviderSaml,
  UserPoolIdentityProviderSamlMetadata,
} from 'aws-cdk-lib/aws-cognito';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { buildConsole } from '../../console/build.js';
import type { ConsoleSettings } from '../../functions/core/config/deployment-config.js';
import { STAFF_ROLES } from '../../functions/core/console/roles.js';
import { CONSOLE_ROUTES } from '../../functions/core/console/routes.js';
import {
  contentSecurityPolicy,
  SECURITY_HEADERS,
  STRICT_TRANSPORT_SECURITY_SECONDS,
} from '../../functions/core/console/security-headers.js';
import { ENV } from '../../functions/core/shared/environment.js';
import { ROLE_PARTITIONS } from '../../functions/core/shared/table-keys.js';
import { checkProps } from './check-props.js';
import { consoleAddressParameter, readsConsoleAddress } from './console-address.js';
import type { Foundation } from './foundation.js';
import type { HrOffboarding } from './hr-offboarding.js';
import { allow, lambdaRole, partitionAccess, publishTo } from './iam.js';
import { loggedRestApi } from './logged-rest-api.js';
import { STAFF_PASSWORD_POLICY } from './password-policy.js';
import type { ReconcileFunction } from './reconcile-function.js';
import { wardenFunction } from './warden-function.js';

export interface StaffConsoleProps {
  foundation: Foundation;
  settings: ConsoleSettings;
  /** The reconcile settings as JSON, as the reconcile function gets them. */
  configJson: string;
  /** The governed user pools: offboarding disables their accounts, a restore re-enables one. */
  userPoolArns: string[];
  /** Approvals and rejections of quarantined runs go through the reconcile function. */
  reconcile: ReconcileFunction;
  offboarding: HrOffboarding;
  /** Another REST API that already sets API Gateway's account-level logging role. */
  accountLoggingRoleFrom?: RestApi;
  logRetention: RetentionDays;
  /** Where staff open the console when not at the distribution's address (a custom domain). */
  publicUrl?: string;
}

/** The stage the console API is deployed in; CloudFront forwards `/api/*` to it. */
const STAGE = 'v1';

/**
 * The console for HR and IT admins: a staff user pool Warden creates (TOTP required, a group per
 * role, optional SAML or OIDC federation) with Cognito managed login (code flow with PKCE for a
 * public client); the static files in a private bucket behind CloudFront with origin access
 * control and a strict CSP; and the console API on API Gateway behind a Cognito authoriser,
 * served through the same distribution under `/api/*`. Defaults: sessions of 60 minutes, the
 * sign-in domain `warden-<account id>`, the API function 29 s and 1024 MB, 20 requests/s (burst 40).
 */
export class StaffConsole extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;
  readonly distribution: Distribution;
  readonly api: RestApi;
  readonly bucket: Bucket;
  /** https://<distribution domain> */
  readonly url: string;

  constructor(scope: Construct, id: string, props: StaffConsoleProps) {
    super(scope, id);
    checkProps('StaffConsole', [
      props.userPoolArns.length === 0 && 'userPoolArns: name at least one user pool to govern',
    ]);
    const { foundation, settings } = props;
    this.userPool = this.staffPool();
    const providers = this.federation(settings.federation);

    const domainPrefix = settings.domainPrefix ?? Fn.join('-', ['warden', Aws.ACCOUNT_ID]);
    this.domain = this.userPool.addDomain('SignIn', {
      cognitoDomain: { domainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    const signInOrigin = `https://${this.domain.domainName}.auth.${Aws.REGION}.amazoncognito.com`;

    this.bucket = new Bucket(this, 'Assets', {
      // The files are the console's code, served to anyone who opens it: no secret to keep.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: foundation.accessLogs,
      serverAccessLogsPrefix: 'Console/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const cdnLogs = new Bucket(this, 'CdnLogs', {
      // CloudFront's standard logs are delivered with an ACL, so this bucket keeps ACLs on.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: foundation.accessLogs,
      serverAccessLogsPrefix: 'ConsoleCdnLogs/',
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.api = this.consoleApi(props);
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Warden console: strict CSP and security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: `${contentSecurityPolicy(signInOrigin)}; upgrade-insecure-requests`,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(STRICT_TRANSPORT_SECURITY_SECONDS),
          includeSubdomains: true,
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: (
          [
            'permissions-policy',
            'cross-origin-opener-policy',
            'cross-origin-resource-policy',
          ] as const
        ).map((header) => ({ header, value: SECURITY_HEADERS[header], override: true })),
      },
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Warden console',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: cdnLogs,
      logFilePrefix: 'console/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new RestApiOrigin(this.api),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          // Never cached; every header but Host (the token included) reaches API Gateway.
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'Staff sign in from wherever they work; the console needs a staff token with TOTP, and the geo fence protects the governed pools.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'The files are public code and every API call needs a staff token verified by the Cognito authoriser, whose pool enforces threat protection.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        "The distribution uses CloudFront's default certificate, whose viewer TLS policy CloudFront fixes; a custom domain with its own certificate sets TLS 1.2.",
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
    // Published for the run links of the functions that cannot take a token of the distribution.
    new StringParameter(this, 'Address', {
      parameterName: consoleAddressParameter(this).name,
      description: 'Warden console address: run notifications and reports link to it',
      stringValue: props.publicUrl ?? `${this.url}/`,
    });

    this.client = this.userPool.addClient('Console', {
      userPoolClientName: 'warden-console',
      generateSecret: false,
      authFlows: {
        user: false,
        userSrp: false,
        custom: false,
        userPassword: false,
        adminUserPassword: false,
      },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${this.url}/`],
        logoutUrls: [`${this.url}/`],
      },
      supportedIdentityProviders: [
        UserPoolClientIdentityProvider.COGNITO,
        ...providers.map((p) => UserPoolClientIdentityProvider.custom(p)),
      ],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.minutes(settings.sessionMinutes),
      accessTokenValidity: Duration.minutes(settings.sessionMinutes),
      refreshTokenValidity: Duration.minutes(60),
    });
    for (const provider of this.providerConstructs) this.client.node.addDependency(provider);
    new CfnManagedLoginBranding(this, 'SignInBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    const deployment = new BucketDeployment(this, 'Files', {
      destinationBucket: this.bucket,
      sources: [
        Source.asset(buildConsole(mkdtempSync(join(tmpdir(), 'warden-console-')))),
        Source.jsonData('config.json', {
          clientId: this.client.userPoolClientId,
          authorizeUrl: `${signInOrigin}/oauth2/authorize`,
          tokenUrl: `${signInOrigin}/oauth2/token`,
          logoutUrl: `${signInOrigin}/logout`,
          environment: 'aws',
        }),
      ],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      memoryLimit: 256,
    });
    this.acknowledgeDeployment(deployment);
  }

  private readonly providerConstructs: Construct[] = [];

  /** Staff accounts: no self sign-up, TOTP required, threat protection enforced. */
  private staffPool(): UserPool {
    const pool = new UserPool(this, 'StaffPool', {
      userPoolName: 'warden-staff',
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      passwordPolicy: STAFF_PASSWORD_POLICY,
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false, email: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const role of STAFF_ROLES) {
      new CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: pool.userPoolId,
        groupName: role,
        description: `Warden console role ${role}`,
      });
    }
    return pool;
  }

  /** The organisation's identity provider, when one is configured; its name, for the client. */
  private federation(federation: ConsoleSettings['federation']): string[] {
    if (!federation) return [];
    const attributeMapping = { email: ProviderAttribute.other('email') };
    const provider =
      federation.type === 'saml'
        ? new UserPoolIdentityProviderSaml(this, 'Saml', {
            userPool: this.userPool,
            name: federation.name,
            metadata: UserPoolIdentityProviderSamlMetadata.url(federation.metadataUrl),
            attributeMapping,
          })
        : new UserPoolIdentityProviderOidc(this, 'Oidc', {
            userPool: this.userPool,
            name: federation.name,
            issuerUrl: federation.issuerUrl,
            clientId: federation.clientId,
            // A dynamic reference: CloudFormation resolves it; the template never holds the secret.
            clientSecret: SecretValue.secretsManager(federation.clientSecretArn).unsafeUnwrap(),
            scopes: ['openid', 'email'],
            attributeMapping,
          });
    this.providerConstructs.push(provider);
    return [federation.name];
  }

  /** The console API: one method per route of the core's table, each behind the authoriser. */
  private consoleApi(props: StaffConsoleProps): RestApi {
    const { foundation } = props;
    const role = lambdaRole(this, 'ApiRole', 'Warden console API', foundation.key, [
      'dynamodb',
      's3',
    ]);
    role.addToPolicy(
      allow(
        [
          'cognito-idp:ListUsers',
          'cognito-idp:AdminGetUser',
          'cognito-idp:AdminUserGlobalSignOut',
          'cognito-idp:AdminDisableUser',
          // Restore: an IT admin re-enables an account Warden disabled.
          'cognito-idp:AdminEnableUser',
        ],
        props.userPoolArns,
      ),
    );
    for (const statement of partitionAccess(foundation.table.tableArn, ROLE_PARTITIONS.console))
      role.addToPolicy(statement);
    role.addToPolicy(allow(['s3:GetObject'], [foundation.reportsBucket.arnForObjects('runs/*')]));
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(foundation.reportsBucket.node.defaultChild as never)}.Arn>/runs/*]`,
      reason:
        'Reports are stored under runs/YYYY/MM/DD/<run id>/; the console API may read under runs/ only.',
    });
    role.addToPolicy(allow(['lambda:InvokeFunction'], [props.reconcile.function.functionArn]));
    for (const statement of publishTo(foundation.topic)) role.addToPolicy(statement);
    props.offboarding.grantScheduling(role, 'console API');

    const logs = new LogGroup(this, 'ApiLogs', { retention: props.logRetention });
    logs.grantWrite(role);
    const fn = wardenFunction(this, 'ApiFunction', {
      entry: 'functions/console-api/handler.ts',
      role,
      logGroup: logs,
      memorySize: 1024,
      timeout: Duration.seconds(29),
      environment: {
        [ENV.table]: foundation.table.tableName,
        [ENV.topicArn]: foundation.topic.topicArn,
        [ENV.config]: props.configJson,
        [ENV.reportsBucket]: foundation.reportsBucket.bucketName,
        [ENV.reconcileFunction]: props.reconcile.function.functionName,
        ...props.offboarding.schedulingEnvironment,
        ...readsConsoleAddress(this, role),
        POWERTOOLS_SERVICE_NAME: 'warden-console-api',
      },
    });

    const api = loggedRestApi(this, {
      ids: { api: 'Api', accessLogs: 'ApiAccessLogs' },
      restApiName: 'warden-console',
      description: 'Warden console API: Cognito-authorised (staff pool); roles enforced per route',
      stageName: STAGE,
      throttling: { rateLimit: 20, burstLimit: 40 },
      logRetention: props.logRetention,
      logsWho: { caller: false, user: true },
      accountLoggingRoleFrom: props.accountLoggingRoleFrom,
    });
    Validations.of(api).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason:
        'The function validates every body and query with zod and names the wrong field; a gateway validator would refuse before the call is audited.',
    });
    Validations.of(api.deploymentStage).acknowledge({
      id: 'AwsSolutions-APIG3',
      reason:
        'Every method needs a staff token verified by the Cognito authoriser; the staff pool itself has threat protection enforced.',
    });
    const authorizer = new CognitoUserPoolsAuthorizer(this, 'StaffAuthorizer', {
      cognitoUserPools: [this.userPool],
      authorizerName: 'warden-staff',
      identitySource: 'method.request.header.Authorization',
    });
    const integration = new LambdaIntegration(fn);
    const resources = new Map<string, Resource>();
    const resourceOf = (path: string): Resource => {
      const existing = resources.get(path);
      if (existing) return existing;
      const cut = path.lastIndexOf('/');
      const parent = cut === 0 ? api.root : resourceOf(path.slice(0, cut));
      const created = parent.addResource(path.slice(cut + 1));
      resources.set(path, created as Resource);
      return created as Resource;
    };
    for (const route of CONSOLE_ROUTES) {
      resourceOf(route.path).addMethod(route.method, integration, {
        authorizationType: AuthorizationType.COGNITO,
        authorizer,
      });
    }
    return api;
  }

  /**
   * CDK's bucket-deployment function (one per stack) copies the built files from CDK's asset
   * bucket into the console's bucket and invalidates the distribution while the stack deploys.
   */
  private acknowledgeDeployment(deployment: BucketDeployment): void {
    const stack = Stack.of(this);
    const helper = stack.node.children.find((c) =>
      c.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as CfnElement);
    const assets = `arn:<AWS::Partition>:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${stack.account}-${stack.region}/*`;
    const grants =
      "CDK's bucket-deployment function: the object rights CDK grants on its asset bucket and the console's bucket, and CloudFront invalidations, which IAM cannot scope to a distribution path.";
    const acknowledgements = [
      [
        'AwsSolutions-L1',
        "CDK's bucket-deployment function: CDK chooses its runtime, and it runs only while the stack deploys the console's files.",
      ],
      [
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        "CDK's bucket-deployment function logs with AWS's basic Lambda execution policy, as CDK defines it.",
      ],
      ...[
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
        'Action::s3:DeleteObject*',
        'Action::s3:Abort*',
        `Resource::${assets}`,
        `Resource::<${bucketId}.Arn>/*`,
        'Resource::*',
      ].map((finding) => [`AwsSolutions-IAM5[${finding}]`, grants]),
    ];
    for (const target of [deployment, ...(helper ? [helper] : [])]) {
      for (const [id, reason] of acknowledgements) {
        Validations.of(target).acknowledge({ id: id as string, reason: reason as string });
      }
    }
  }
}
