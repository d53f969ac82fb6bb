import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { checkProps } from './check-props.js';

export interface OuterFenceProps {
  /** Countries refused at the edge, before any Warden code runs. */
  deniedCountries: string[];
  /** The gateway's API stage and the user pools. */
  protectedArns: string[];
}

/** AWS WAF in front of the gateway and the pools: denied countries, and a per-address rate limit. */
export class OuterFence extends Construct {
  constructor(scope: Construct, id: string, props: OuterFenceProps) {
    super(scope, id);
    checkProps('OuterFence', [
      props.protectedArns.length === 0 && 'protectedArns: name what the web ACL protects',
    ]);
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });
    const rules: CfnWebACL.RuleProperty[] = [
      {
        name: 'PerAddressRate',
        priority: 1,
        action: { block: {} },
        statement: {
          rateBasedStatement: { limit: 300, aggregateKeyType: 'IP', evaluationWindowSec: 300 },
        },
        visibilityConfig: visibility('WardenPerAddressRate'),
      },
    ];
    if (props.deniedCountries.length > 0) {
      rules.unshift({
        name: 'DeniedCountries',
        priority: 0,
        action: { block: {} },
        statement: { geoMatchStatement: { countryCodes: props.deniedCountries } },
        visibilityConfig: visibility('WardenDeniedCountries'),
      });
    }
    const acl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('WardenOuterFence'),
      rules,
    });
    props.protectedArns.forEach((resourceArn, i) => {
      new CfnWebACLAssociation(this, `Association${i}`, { webAclArn: acl.attrArn, resourceArn });
    });
  }
}
