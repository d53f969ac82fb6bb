import type { Account } from '../account.js';
import { type ClassifyContext, classify } from './classify.js';
import { emptyCounts, type Finding } from './situation.js';

/** Classifies accounts one at a time and keeps the tallies a plan needs. */
export class PlanBuilder {
  readonly findings: Finding[] = [];
  readonly counts = emptyCounts();
  enabledCount = 0;
  disableCount = 0;

  constructor(private readonly ctx: ClassifyContext) {}

  add(account: Account): Finding {
    const finding = classify(account, this.ctx);
    this.findings.push(finding);
    this.counts[finding.situation]++;
    if (account.enabled) this.enabledCount++;
    if (finding.action === 'disable') this.disableCount++;
    return finding;
  }
}
