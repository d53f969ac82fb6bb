import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../../functions/core/hr/hr-record.js';
import { parseJsonFeed } from '../../../../functions/core/hr/parse-json.js';

const options = { kind: 'roster' as const, timeZone: 'UTC', source: 'hr.json' };

describe('JSON HR feed', () => {
  it('reads an array of records and a { records } object alike', () => {
    const records = [
      { employee_id: 'E1', email: 'A@x.org', display_name: 'Ann', status: 'active' },
      { employee_id: 'E2', email: 'b@x.org', status: 'leaver', last_day: '2024-03-01' },
    ];
    for (const text of [JSON.stringify(records), `\uFEFF${JSON.stringify({ records })}`]) {
      const result = parseJsonFeed(text, options);
      expect(
        result.ok && result.feed.records.map((r) => [r.employeeId, r.email, r.status]),
      ).toEqual([
        ['E1', 'a@x.org', 'active'],
        ['E2', 'b@x.org', 'leaver'],
      ]);
    }
  });

  it('reads a null field as a missing one: no email, no name, no last day', () => {
    const text = JSON.stringify([
      { employee_id: 'E1', email: null, display_name: null, status: 'active', last_day: null },
      { employee_id: 'E2', email: 'b@x.org', status: null },
    ]);
    const result = parseJsonFeed(text, options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // A null status is missing ("is required"), never a value of the wrong type.
    expect(result.problems.map((p) => formatProblem('hr.json', p))).toEqual([
      'hr.json:record 2: status: is required',
    ]);
    const valid = parseJsonFeed(JSON.stringify([JSON.parse(text)[0]]), options);
    expect(valid.ok && valid.feed.records[0]).toMatchObject({ employeeId: 'E1', displayName: '' });
    expect(valid.ok && valid.feed.records[0]?.email).toBeUndefined();
  });

  it("reads only a record's own fields, never one every object inherits", () => {
    // A mapped name like `toString` is missing from a record that lacks it, not a function.
    const mapped = { ...options, columnMap: { display_name: 'toString' } };
    const text = JSON.stringify([{ employee_id: 'E1', email: 'a@x.org', status: 'active' }]);
    const result = parseJsonFeed(text, mapped);
    expect(result.ok && result.feed.records[0]?.displayName).toBe('');
  });

  it('names the record and field of each problem', () => {
    const text = JSON.stringify([
      { employee_id: 'E1', email: 'a@x.org', status: 'active' },
      { employee_id: 42, email: 'b@x.org', status: 'active' },
      'not a record',
      { employee_id: 'E1', email: 'c@x.org', status: 'leaver' },
    ]);
    const result = parseJsonFeed(text, options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => formatProblem('hr.json', p))).toEqual([
      'hr.json:record 2: employee_id: must be text (got 42)',
      'hr.json:record 3: must be an object',
      'hr.json:record 4: last_day: is required for a leaver',
    ]);
  });

  it('names the line and column where invalid JSON breaks', () => {
    const text =
      '[\n  {"employee_id": "E1", "status": "active"},\n  {"employee_id": "E2",, "status": "active"}\n]';
    const result = parseJsonFeed(text, options);
    expect(!result.ok && result.problems).toEqual([
      {
        location: '3',
        field: null,
        reason: expect.stringMatching(/^is not valid JSON at line 3, column 24: /),
      },
    ]);
  });

  it('names the line of a trailing comma or a cut-off file, never quoting the records', () => {
    const records = '[\n  {"employee_id": "E1", "email": "ana@x.org", "status": "active"},\n]';
    for (const [text, location, reason] of [
      [records, '3', 'is not valid JSON at line 3, column 1: ValueExpected'],
      [records.slice(0, 40), '2', 'is not valid JSON at line 2, column 34: UnexpectedEndOfString'],
    ] as const) {
      const result = parseJsonFeed(text, options);
      expect(!result.ok && result.problems).toEqual([{ location, field: null, reason }]);
    }
  });

  it('rejects invalid JSON, a wrong shape and an empty list', () => {
    for (const [text, message] of [
      ['{', /is not valid JSON/],
      ['{"people": []}', /must be an array of records/],
      ['[]', /has no records/],
    ] as const) {
      const result = parseJsonFeed(text, options);
      expect(!result.ok && result.problems[0]?.reason).toMatch(message);
    }
  });

  it('refuses a comment, which JSON does not have, naming where it is', () => {
    const result = parseJsonFeed('[/* HR export */ {"employee_id": "E1"}]', options);
    expect(!result.ok && result.problems).toEqual([
      {
        location: '1',
        field: null,
        reason: 'is not valid JSON at line 1, column 2: InvalidCommentToken',
      },
    ]);
  });

  it('refuses a document that is null, or records that are not objects', () => {
    expect(parseJsonFeed('null', options)).toEqual({
      ok: false,
      problems: [
        {
          location: null,
          field: null,
          reason: 'must be an array of records or an object with a "records" array',
        },
      ],
    });
    const result = parseJsonFeed('["E1", 7, null, []]', options);
    expect(!result.ok && result.problems.map((p) => formatProblem('hr.json', p))).toEqual([
      'hr.json:record 1: must be an object',
      'hr.json:record 2: must be an object',
      'hr.json:record 3: must be an object',
      'hr.json:record 4: must be an object',
    ]);
  });

  it('drops only a leading byte-order mark, and keeps the notes of what decoded the text', () => {
    const text =
      '[{"employee_id": "E1", "email": "a@x.org", "display_name": "A\uFEFFna", "status": "active"}]';
    const result = parseJsonFeed(text, options, ['decoded as utf-16le']);
    expect(result.ok && [result.feed.records[0]?.displayName, result.feed.notes]).toEqual([
      'A\uFEFFna',
      ['decoded as utf-16le'],
    ]);
    const plain = parseJsonFeed(
      '[{"employee_id": "E1", "email": "a@x.org", "status": "active"}]',
      options,
    );
    expect(plain.ok && plain.feed.notes).toBeUndefined();
  });
});
