#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so there is no build step to forget.
import { register } from 'tsx/esm/api';

// The SDK's notice about future Node versions is not for the CLI's users to act on.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// The Lambda code run by the CLI logs warnings only and writes no metrics, unless asked to.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
register();
await import('../cli/main.ts');
