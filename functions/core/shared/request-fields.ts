// Fields the HTTP APIs read from bodies and queries, validated the same way everywhere.
import { z } from 'zod';

const textError = {
  error: (issue: { input: unknown }) =>
    issue.input === undefined ? 'is required' : 'must be text',
};

/** An HR employee id, as the feed allows them. */
export const employeeIdField = z
  .string(textError)
  .trim()
  .min(1, 'is required')
  .max(64, 'is longer than 64 characters')
  .regex(/^[A-Za-z0-9._:-]+$/, 'may hold only letters, digits and . _ : -');

/**
 * Required free text (a reason), trimmed, at most `max` characters. Each check names its own
 * problem: the type error above would otherwise word a long value too.
 */
export const textField = (max: number) =>
  z.string(textError).trim().min(1, 'is required').max(max, `is longer than ${max} characters`);

type NameToText = Record<string, string | undefined>;

const isNameToText = (value: unknown): value is NameToText =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((v) => v === undefined || typeof v === 'string');

/**
 * Headers, path or query parameters, passed on as sent. `z.record` would copy them without a name
 * `__proto__` (it skips it on purpose); a route's strict schema must see that name to refuse it.
 */
const nameToText = z.custom<NameToText>(isNameToText, 'must map names to text').nullish();

/** The fields of an API Gateway (REST, Lambda proxy) event that both HTTP APIs read. */
export const proxyEventFields = {
  resource: z.string(),
  httpMethod: z.string(),
  headers: nameToText,
  pathParameters: nameToText,
  queryStringParameters: nameToText,
  body: z.string().nullish(),
  isBase64Encoded: z.boolean().optional(),
};
