import { createHash } from 'node:crypto';

/**
 * The same change to the same account for the same reason always gets the same id, so a
 * re-run after a crash recognises work already done and never audits it twice.
 */
export function actionId(kind: string, source: string, accountKey: string, basis: string): string {
  return createHash('sha256')
    .update([kind, source, accountKey, basis].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}
