const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/;
const ASSUMED_ROLE_ARN =
  /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/[\w+=,.@-]+$/;

/** True for an IAM role ARN, `arn:aws:iam::123456789012:role/[path/]name`. */
export function isRoleArn(value: string): boolean {
  return ROLE_ARN.test(value);
}

/**
 * Whether the identity API Gateway authenticated (its `userArn`) is a session of the HR
 * integration role. A role's sessions show as `arn:aws:sts::<account>:assumed-role/<name>/<session>`
 * (the role's path is not part of it); the role itself, an IAM user or another role is refused.
 */
export function isHrIntegrationCaller(userArn: string | undefined, hrRoleArn: string): boolean {
  const role = ROLE_ARN.exec(hrRoleArn);
  const caller = userArn ? ASSUMED_ROLE_ARN.exec(userArn) : null;
  if (!role || !caller) return false;
  return caller[1] === role[1] && caller[2] === role[2] && caller[3] === role[3];
}
