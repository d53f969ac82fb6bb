/**
 * Validates a construct's props before anything is created, as AWS Solutions Constructs do:
 * a wrong value stops synth with the construct and the prop named, not a CloudFormation error.
 */
export function checkProps(construct: string, problems: (string | false | undefined)[]): void {
  const found = problems.filter((p): p is string => typeof p === 'string');
  if (found.length > 0) {
    throw new Error(`${construct}: invalid props:\n${found.map((p) => `  ${p}`).join('\n')}`);
  }
}
