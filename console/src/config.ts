/** What the console needs to know about where it runs: served beside it as `/config.json`. */
export interface ConsoleConfig {
  clientId: string;
  /** The OAuth 2.0 endpoints of the staff pool's sign-in (Cognito managed login, or the local stand-in). */
  authorizeUrl: string;
  tokenUrl: string;
  logoutUrl: string;
  /** Shown in the header: `aws` or `local`. */
  environment: string;
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`the console's configuration is missing (${response.status})`);
  return (await response.json()) as ConsoleConfig;
}
