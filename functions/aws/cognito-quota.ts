import {
  type CognitoIdentityProviderClient,
  TooManyRequestsException,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  type CategoryUsage,
  type QuotaCategory,
  type QuotaUsage,
  quotaCategoryOf,
} from '../core/shared/cognito-quotas.js';
import { evenlySpaced } from './evenly-spaced.js';

type Take = () => Promise<unknown>;

// One bucket per quota category and Region (the scope of a Cognito quota), shared by every
// client in the process: two pools of one Region draw on the same UserList quota.
const buckets = new Map<string, Take>();

/**
 * A token bucket that refills at `perSecond`. With a burst of one it holds one token: requests
 * leave evenly spaced. A larger burst lets that many leave at once, and never more than `burst`
 * in any span of `burst / perSecond` seconds, so the rate over any such span stays at `perSecond`.
 */
function bucketFor(
  region: string,
  category: QuotaCategory,
  perSecond: number,
  burst: number,
): Take {
  const key = `${region}/${category}/${perSecond}/${burst}`;
  let take = buckets.get(key);
  if (!take) {
    take = evenlySpaced(1000 / perSecond, burst);
    buckets.set(key, take);
  }
  return take;
}

/** Calls, throttles, retries and failures per quota category, for one run's report and metrics. */
export class QuotaMeter {
  private readonly usage = new Map<
    QuotaCategory,
    CategoryUsage & { first: number; last: number }
  >();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Marks the start of an attempt; returns the function that records how it ended. */
  attempt(category: QuotaCategory, isRetry: boolean): (throttled: boolean) => void {
    const started = this.now();
    const entry = this.usage.get(category) ?? {
      calls: 0,
      throttles: 0,
      retries: 0,
      failures: 0,
      activeMs: 0,
      first: started,
      last: started,
    };
    this.usage.set(category, entry);
    entry.calls++;
    if (isRetry) entry.retries++;
    return (throttled) => {
      entry.last = Math.max(entry.last, this.now());
      if (throttled) entry.throttles++;
    };
  }

  /** Final failures are counted once per request, after the SDK gave up retrying. */
  failed(category: QuotaCategory): void {
    const entry = this.usage.get(category);
    if (entry) entry.failures++;
  }

  snapshot(): QuotaUsage {
    const out: QuotaUsage = {};
    for (const [category, { first, last, ...counts }] of this.usage) {
      out[category] = { ...counts, activeMs: Math.round(last - first) };
    }
    return out;
  }
}

export interface QuotaSettings {
  /** The Region whose quotas the client's calls count against. */
  region: string;
  /** Requests per second Warden allows itself, per category. */
  rates: Record<QuotaCategory, number>;
  meter: QuotaMeter;
  /** Calls of one category that may leave at once (1: evenly spaced, the default). */
  burst?: number;
}

/**
 * Holds every call of the client to its category's bucket, attempt by attempt (retries count
 * against the quota too), and meters it. Throttling is then rare; when it happens anyway (other
 * callers share the quota), the SDK's adaptive retry backs off with jitter and slows the client.
 */
export function governCognitoClient<C extends CognitoIdentityProviderClient>(
  client: C,
  { region, rates, meter, burst = 1 }: QuotaSettings,
): C {
  const attempted = new WeakSet<object>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const category = quotaCategoryOf(String(context.commandName).replace(/Command$/, ''));
      if (!category) return next(args);
      await bucketFor(region, category, rates[category], burst)();
      const end = meter.attempt(category, attempted.has(context));
      attempted.add(context);
      try {
        const result = await next(args);
        end(false);
        return result;
      } catch (error) {
        end(error instanceof TooManyRequestsException);
        throw error;
      }
    },
    // Below the retry middleware: every attempt waits for its token and is counted.
    { step: 'finalizeRequest', priority: 'low', name: 'wardenQuotaBucket' },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        const category = quotaCategoryOf(String(context.commandName).replace(/Command$/, ''));
        if (category) meter.failed(category);
        throw error;
      }
    },
    // Above the retry middleware: sees only what the SDK gave up on.
    { step: 'initialize', name: 'wardenQuotaFailures' },
  );
  return client;
}
