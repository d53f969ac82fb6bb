import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReconcileConfig } from '../../../functions/core/config/reconcile-config.js';
import { feedSettingsSchema } from '../../../functions/core/hr/feed-settings.js';
import { parseFeed, parseFeedInTurns } from '../../../functions/core/hr/parse-feed.js';
import { WardenError } from '../../../functions/core/shared/errors.js';
import { createBodySchema } from '../../../functions/offboarding-api/api-event.js';
import { reconcileEventSchema } from '../../../functions/reconcile/reconcile-event.js';
import { propertySuite } from './property-suite.js';

/**
 * Property-based tests of parsers of outside input: whatever arrives, a parser answers (a
 * result or a WardenError), never crashes, and never accepts a value that breaks its rules.
 */
const { check, checkAsync } = propertySuite('parser-properties');

const feedOptions = (source: string) => ({ ...feedSettingsSchema.parse({}), source });
const cell = fc.oneof(
  fc.string(),
  fc.constantFrom('active', 'leaver', '', '2024-01-31', '2024-02-30', '=1+1', 'a@x.org', '"'),
);
const csvFeed = fc
  .array(fc.array(cell, { minLength: 0, maxLength: 7 }), { maxLength: 20 })
  .map((rows) =>
    ['employee_id,email,display_name,status,last_day', ...rows.map((r) => r.join(','))].join('\n'),
  );
const ID = /^[A-Za-z0-9._:-]+$/;

describe('parser properties', () => {
  it('a CSV or JSON feed: never a crash; an accepted feed holds only valid, unique records', () => {
    const inputs = fc.oneof(
      csvFeed.map((text) => ({ text, source: 'hr.csv' })),
      fc.json().map((text) => ({ text, source: 'hr.json' })),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ text: bytes, source: 'hr.csv' })),
    );
    check(inputs, ({ text, source }) => {
      const input = typeof text === 'string' ? new TextEncoder().encode(text) : text;
      const result = parseFeed(input, feedOptions(source));
      if (!result.ok) {
        expect(result.problems.length).toBeGreaterThan(0);
        return;
      }
      const ids = result.feed.records.map((r) => r.employeeId);
      expect(new Set(ids).size).toBe(ids.length);
      for (const record of result.feed.records) {
        expect(record.employeeId).toMatch(ID);
        expect(['active', 'leaver']).toContain(record.status);
        if (record.email !== undefined) expect(record.email).toMatch(/^[^@\s]+@[^@\s]+$/);
        if (record.status === 'leaver')
          expect(Number.isNaN(record.lastDay?.accessEndsAt.getTime())).toBe(false);
      }
    });
  });

  it('a CSV feed read in turns (as a run reads it) gives what reading it at once gives', async () => {
    const inputs = fc.oneof(
      csvFeed.map((text) => new TextEncoder().encode(text)),
      fc.uint8Array({ maxLength: 300 }),
    );
    await checkAsync(inputs, async (bytes) => {
      const options = feedOptions('hr.csv');
      expect(await parseFeedInTurns(bytes, options)).toEqual(parseFeed(bytes, options));
    });
  });

  it('a configuration: a parsed value or a ConfigError, nothing else', () => {
    check(fc.jsonValue(), (value) => {
      try {
        const config = parseReconcileConfig(value, 'property');
        expect(typeof config.dryRun).toBe('boolean');
        expect(config.guard.maxDisablePercent).toBeLessThanOrEqual(100);
      } catch (error) {
        expect(error).toBeInstanceOf(WardenError);
      }
    });
  });

  it('an event or an API body: parsed or refused, and a parsed body keeps its rules', () => {
    check(fc.jsonValue(), (value) => {
      expect(() => reconcileEventSchema.safeParse(value)).not.toThrow();
      const body = createBodySchema.safeParse(value);
      if (body.success) {
        expect(body.data.employeeId).toMatch(ID);
        expect(body.data.reason.length).toBeLessThanOrEqual(500);
      }
    });
  });
});
