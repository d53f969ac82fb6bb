// The console in real headless Chromium against the local console: the same server, API handler
// and local staff pool `warden console --local` serves, on the test's own emulator.
import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/aws/clients/dynamodb.js';
import { GovernanceTable } from '../../functions/aws/dynamo/governance-table.js';
import { DynamoRunStore } from '../../functions/aws/dynamo/run-store.js';
import { newRunRecord } from '../../functions/core/reconcile/run-record.js';
import { DEFAULT_FEED_KEY } from '../../functions/core/shared/bucket-layout.js';
import { type LocalConsole, startLocalConsole } from '../../local/console/local-console.js';
import { createLocalStaffPool, type LocalStaffPool } from '../../local/console/staff-pool.js';
import { localQuarantineDecisions } from '../../local/local-review.js';
import type { LocalWarden } from '../../local/local-warden.js';
import { seedUsers, uploadFeed } from '../../local/seed.js';
import { localWarden } from '../integration/local-aws.js';
import {
  idTokenOf,
  launchChromium,
  screenshot,
  seriousViolations,
  signIn,
  type Watched,
  watchedPage,
} from './harness.js';

const HOSTILE = '<svg/onload=alert(1)>';
let warden: LocalWarden;
let served: LocalConsole;
let staff: LocalStaffPool;
let browser: Browser;
let config: Record<string, unknown>;
/** The run the auditor may not approve, which the admin then rejects. */
let firstRun: string;
const opened: Watched[] = [];

const account = (username: string, employeeId: string) => ({
  Username: username,
  Enabled: true,
  UserStatus: 'CONFIRMED',
  Attributes: [
    { Name: 'email', Value: `${employeeId.toLowerCase()}@x.org` },
    { Name: 'custom:employee_id', Value: employeeId },
  ],
});
const isEnabled = async (username: string) =>
  (
    await warden.cognito.send(
      new AdminGetUserCommand({ UserPoolId: warden.resources.userPoolId, Username: username }),
    )
  ).Enabled;

/** A quarantined run: two of five accounts to disable, over the default `maxDisablePercent`. */
async function quarantinedRun(): Promise<string> {
  const run = await warden.invokeReconcile({}, config);
  expect(run.status).toBe('quarantined');
  return run.runId;
}

async function as(role: 'hr' | 'it-admin' | 'auditor'): Promise<Watched> {
  const user = staff.users.find((u) => u.role === role);
  if (!user) throw new Error(`no local staff member with role ${role}`);
  const watched = await watchedPage(browser);
  opened.push(watched);
  await signIn(watched, served.url, user, staff.totpSecret);
  return watched;
}

/** The page passes axe (nothing serious or critical) and gets its screenshot. */
async function checkPage(watched: Watched, step: string) {
  await screenshot(watched.page, step);
  expect(await seriousViolations(watched.page), step).toEqual([]);
}

beforeAll(async () => {
  warden = await localWarden();
  await seedUsers(warden.cognito, warden.resources.userPoolId, [
    account('ana', 'E1'),
    account('ben', 'E2'),
    account('cruz', 'E3'),
    account('dora', 'E4'),
    account(HOSTILE, 'E5'),
  ]);
  const roster = [
    'employee_id,email,display_name,status,last_day',
    'E1,e1@x.org,,active,',
    'E2,e2@x.org,,leaver,2025-01-31',
    'E3,e3@x.org,,leaver,2025-02-28',
    'E4,e4@x.org,,active,',
    'E5,e5@x.org,,active,',
  ];
  await uploadFeed(warden.s3, warden.resources.feedBucket, DEFAULT_FEED_KEY, roster.join('\n'));
  config = {
    accountSources: [{ userPoolId: warden.resources.userPoolId }],
    dryRun: false,
  };
  staff = await createLocalStaffPool(warden.cognito, `${warden.resources.table}-staff`);
  served = await startLocalConsole({
    endpoint: warden.emulator.endpoint,
    resources: warden.resources,
    config,
    staff,
    decisions: localQuarantineDecisions(warden, config),
  });
  // The first run indexes the accounts (for HR's offboarding) and waits for review.
  firstRun = await quarantinedRun();
  browser = await launchChromium();
});

afterEach(async (context) => {
  // Every tab of the test: no console error, nothing requested off the loopback, no script run.
  for (const watched of opened.splice(0)) {
    if (context.task.result?.state === 'fail')
      await screenshot(watched.page, `failed-${context.task.name.slice(0, 40)}`);
    expect(watched.consoleErrors).toEqual([]);
    expect(watched.offLoopback).toEqual([]);
    expect(watched.dialogs).toEqual([]);
    await watched.context.close();
  }
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

describe('the console in Chromium', () => {
  it('quarantine review: an auditor cannot approve, an admin rejects, approves and restores', async () => {
    const auditor = await as('auditor');
    const { page: auditorPage } = auditor;
    await auditorPage.goto(`${served.url}/#/runs`);
    await auditorPage.getByRole('heading', { name: 'Runs' }).waitFor();
    await auditorPage.locator('table').getByText('Quarantined').first().waitFor();
    await checkPage(auditor, 'auditor-runs');
    await auditorPage.goto(`${served.url}/#/runs/${firstRun}/review`);
    await auditorPage
      .getByText(/maxDisablePercent/)
      .first()
      .waitFor();
    await checkPage(auditor, 'auditor-run');
    expect(await auditorPage.getByRole('button', { name: /Approve/ }).count()).toBe(0);
    const answer = await auditorPage.request.post(`${served.url}/api/runs/${firstRun}/approve`, {
      headers: { authorization: await idTokenOf(auditorPage), 'content-type': 'application/json' },
      data: { reason: 'trying anyway' },
    });
    expect(answer.status()).toBe(403);
    expect(await isEnabled('ben')).toBe(true);

    // An admin rejects that run, approves another, then restores one of the accounts it disabled.
    const admin = await as('it-admin');
    const { page } = admin;
    await page.goto(`${served.url}/#/runs/${firstRun}/review`);
    await page.getByLabel(/Why reject/).fill('The HR export was cut short');
    await checkPage(admin, 'admin-review');
    await page.getByRole('button', { name: 'Reject' }).click();
    // The run page shows the decision, who made it and why.
    await page.getByText('Reason: The HR export was cut short').waitFor();
    await page.getByText(/Rejected by staff it-admin\.local/).waitFor();
    await screenshot(page, 'admin-rejected');
    expect(await isEnabled('ben')).toBe(true);

    const approved = await quarantinedRun();
    await page.goto(`${served.url}/#/runs/${approved}/review`);
    await page.getByLabel(/Why approve/).fill('Both left; confirmed with HR');
    await page.getByRole('button', { name: 'Approve and apply' }).click();
    await page.getByText('Reason: Both left; confirmed with HR').waitFor();
    await screenshot(page, 'admin-approved');
    expect(await isEnabled('ben')).toBe(false);
    expect(await isEnabled('cruz')).toBe(false);

    await page.goto(`${served.url}/#/people`);
    await page.getByLabel('Employee id, username or email').fill('E2');
    await page.getByLabel('Search by').selectOption('employeeId');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('button', { name: 'Restore ben' }).click();
    await page.getByLabel('Why restore it?').fill('Rehired on the same contract');
    await page.getByRole('button', { name: 'Restore the account' }).click();
    // Ben is a leaver in the roster: the API refuses (409), and the page asks for an override.
    await page.getByText(/is not restored: the person's access ended/).waitFor();
    expect(await isEnabled('ben')).toBe(false);
    expect(admin.consoleErrors).toEqual([expect.stringMatching(/status of 409/)]);
    admin.consoleErrors.length = 0;
    await page.getByLabel(/Override reason/).fill('HR confirmed the rehire in writing');
    await checkPage(admin, 'admin-restore');
    await page.getByRole('button', { name: 'Restore the account' }).click();
    await expect.poll(() => isEnabled('ben')).toBe(true);
    await screenshot(page, 'admin-restored');
  });

  it('HR offboards a person now, and the accounts show as disabled', async () => {
    const hr = await as('hr');
    const { page } = hr;
    await page.goto(`${served.url}/#/offboard`);
    await page.getByLabel('Employee id').fill('E4');
    await page.getByRole('button', { name: 'Show linked accounts' }).click();
    await page.getByLabel('Reason (kept in the record, never logged)').fill('Left today');
    await checkPage(hr, 'hr-offboard-now');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Confirm offboarding' }).click();
    await page.getByText('Done: every linked account is signed out and disabled').waitFor();
    await checkPage(hr, 'hr-offboarded');
    expect(await isEnabled('dora')).toBe(false);
  });

  it('HR schedules an offboarding with an explicit time zone, then cancels it', async () => {
    const hr = await as('hr');
    const { page } = hr;
    await page.goto(`${served.url}/#/offboard`);
    await page.getByLabel('Employee id').fill('E1');
    await page.getByRole('button', { name: 'Show linked accounts' }).click();
    await page.getByLabel('At a date and time').check();
    await page.getByLabel('Date and time', { exact: true }).fill('2031-03-14T17:30');
    await page.getByLabel('Time zone of that date and time').selectOption('UTC');
    await page.getByLabel('Reason (kept in the record, never logged)').fill('Contract ends');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByText('2031-03-14 17:30 in UTC').waitFor();
    await page.getByRole('button', { name: 'Confirm offboarding' }).click();
    await page.getByRole('button', { name: 'Cancel offboarding of E1' }).click();
    await page.getByLabel('Why is it cancelled?').fill('HR changed the plan');
    await checkPage(hr, 'hr-cancel');
    await page.getByRole('button', { name: 'Cancel the offboarding' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Cancel offboarding of E1' }).count())
      .toBe(0);
    await screenshot(page, 'hr-cancelled');
    expect(await isEnabled('ana')).toBe(true);
  });

  it('an auditor pages to older runs and back, and a status filter starts again at page 1', async () => {
    // More runs than a page holds (25), older than any other test's, so they fill the last pages.
    const runs = new DynamoRunStore(new GovernanceTable(documentClient(), warden.resources.table));
    for (let day = 1; day <= 26; day++) {
      const startedAt = new Date(Date.UTC(2020, 0, day));
      const runId = `r-${startedAt.toISOString().replace(/[-:.]/g, '')}-0000000${day % 10}`;
      const feed = { kind: 'roster' as const, source: 's3://feeds/roster.csv', records: 5 };
      const run = newRunRecord({ runId, mode: 'dry-run', trigger: 'schedule', startedAt, feed });
      await runs.saveRun({ ...run, status: 'completed' });
    }
    const auditor = await as('auditor');
    const { page } = auditor;
    await page.goto(`${served.url}/#/runs`);
    const caption = page.locator('caption');
    await caption.getByText('Runs, page 1').waitFor();
    expect(await page.getByRole('button', { name: 'Newer runs' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Older runs' }).click();
    await caption.getByText('Runs, page 2').waitFor();
    await page.getByText('Page 2', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Newer runs' }).click();
    await caption.getByText('Runs, page 1').waitFor();
    await page.getByRole('button', { name: 'Older runs' }).click();
    await caption.getByText('Runs, page 2').waitFor();
    await page.getByLabel('Status').selectOption('completed');
    await caption.getByText('Runs, page 1 (completed)').waitFor();
    await checkPage(auditor, 'runs-paged');
  });

  it('a hostile username renders as text, on the person page and in the sign-ins page', async () => {
    const admin = await as('it-admin');
    const { page } = admin;
    await page.goto(`${served.url}/#/people`);
    await page.getByLabel('Employee id, username or email').fill('E5');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByText(HOSTILE).first().waitFor();
    expect(await page.locator('main svg[onload]').count()).toBe(0);
    await checkPage(admin, 'hostile-username');
    await page.goto(`${served.url}/#/sign-ins`);
    await page.getByRole('heading', { name: 'Sign-ins' }).waitFor();
    await checkPage(admin, 'sign-ins');
  });
});
