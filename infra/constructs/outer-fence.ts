import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { checkProps } from './check-props.js';

export interface OuterFenceProps {
  /** Countries refused at the edge, before any Warden code runs. */
  deniedCountries: string[];
  /** The gateway's API stage: denied countries and a per-address rate limit. */
  gatewayStageArn: string;
  /** The fenced user pools: denied countries only (their callers are the gateway's own addresses). */
  userPoolArns: string[];
  /** Requests one address may make to the gateway in five minutes (default 300). */
  requestsPerFiveMinutes?: number;
}

const visibility = (metricName: string) => ({
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});

/**
 * AWS WAF in front of the gateway and the pools. The per-address rate rule guards the gateway
 * only: in front of a pool it would count the gateway's own egress addresses, and a block there
 * would fail every sign-in behind them.
 */
export class OuterFence extends Construct {
  constructor(scope: Construct, id: string, props: OuterFenceProps) {
    super(scope, id);
    const rate = props.requestsPerFiveMinutes ?? 300;
    checkProps('OuterFence', [
      (!Number.isInteger(rate) || rate < 10) &&
        'requestsPerFiveMinutes: must be a whole number, at least 10 (the WAF minimum)',
    ]);
    const deniedCountries: CfnWebACL.RuleProperty[] =
      props.deniedCountries.length > 0
        ? [
            {
              name: 'DeniedCountries',
              priority: 0,
              action: { block: {} },
              statement: { geoMatchStatement: { countryCodes: props.deniedCountries } },
              visibilityConfig: visibility('WardenDeniedCountries'),
            },
          ]
        : [];
    const gatewayAcl = new CfnWebACL(this, 'GatewayAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('WardenGatewayFence'),
      rules: [
        ...deniedCountries,
        {
          name: 'PerAddressRate',
          priority: 1,
          action: { block: {} },
          statement: {
            rateBasedStatement: { limit: rate, aggregateKeyType: 'IP', evaluationWindowSec: 300 },
          },
          visibilityConfig: visibility('WardenPerAddressRate'),
        },
      ],
    });
    new CfnWebACLAssociation(this, 'GatewayAssociation', {
      webAclArn: gatewayAcl.attrArn,
      resourceArn: props.gatewayStageArn,
    });
    if (props.userPoolArns.length === 0) return;
    const poolAcl = new CfnWebACL(this, 'PoolAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('WardenPoolFence'),
      rules: deniedCountries,
    });
    props.userPoolArns.forEach((resourceArn, i) => {
      new CfnWebACLAssociation(this, `PoolAssociation${i}`, {
        webAclArn: poolAcl.attrArn,
        resourceArn,
      });
    });
  }
}
