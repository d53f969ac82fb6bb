/** The app clients the triggers know: the gateway's, and those named as unfenced with a reason. */
export interface ClientRoles {
  /** The gateway's client ids, when the configuration names them; else the signed context names it. */
  gateways?: readonly string[];
  unfenced: readonly string[];
}

/**
 * What a caller's app client is to the fence: `unfenced` (named in the configuration, so the
 * fence does not apply, though an ended access still refuses), `gateway` (it must then carry a
 * context signed for exactly this client), or `other` (refused).
 */
export function clientRole(
  clientId: string | undefined,
  roles: ClientRoles,
): 'gateway' | 'unfenced' | 'other' {
  if (!clientId) return 'other';
  if (roles.unfenced.includes(clientId)) return 'unfenced';
  if (roles.gateways && !roles.gateways.includes(clientId)) return 'other';
  return 'gateway';
}
