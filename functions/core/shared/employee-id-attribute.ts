/** The immutable custom attribute that carries the HR employee id in a Cognito user pool. */
export const EMPLOYEE_ID_ATTRIBUTE = { name: 'employee_id', maxLength: 64 } as const;

/** The attribute correlation reads first, unless a source names another. */
export const DEFAULT_CORRELATION_ATTRIBUTE = `custom:${EMPLOYEE_ID_ATTRIBUTE.name}`;
