import type { Command } from 'commander';

type Register = (program: Command) => Promise<void>;

/**
 * Warden's top-level commands, in the order help lists them. A command's module is imported only
 * when that command runs: each brings its own AWS clients and schemas, and importing them all
 * took about 2 s before any command started.
 */
export const COMMANDS: Record<string, Register> = {
  hr: async (program) => {
    const hr = program.command('hr').description('work with HR feeds');
    (await import('./commands/hr-validate.js')).registerHrValidate(hr);
    (await import('./commands/hr-presets.js')).registerHrPresets(hr);
  },
  reconcile: async (program) => {
    (await import('./commands/reconcile.js')).registerReconcile(program);
  },
  demo: async (program) => {
    (await import('./commands/demo.js')).registerDemo(program);
  },
  audit: async (program) => {
    const audit = (await import('./commands/audit.js')).registerAudit(program);
    (await import('./commands/audit-verify.js')).registerAuditVerify(audit);
  },
  runs: async (program) => {
    (await import('./commands/runs.js')).registerRuns(program);
  },
  report: async (program) => {
    (await import('./commands/report.js')).registerReport(program);
  },
  accounts: async (program) => {
    (await import('./commands/accounts.js')).registerAccounts(program);
  },
  offboard: async (program) => {
    (await import('./commands/offboard.js')).registerOffboard(program);
  },
  local: async (program) => {
    (await import('./commands/local.js')).registerLocal(program);
  },
  console: async (program) => {
    (await import('./commands/console.js')).registerConsole(program);
  },
  geo: async (program) => {
    const geo = program.command('geo').description('geo-fenced sign-in: what-if checks');
    (await import('./commands/geo-check.js')).registerGeoCheck(geo);
    (await import('./commands/geo-simulate.js')).registerGeoSimulate(geo);
  },
};

/**
 * Registers the command named, or all of them when the name is not a command (help, an option,
 * a typo), so that help lists them all and a typo gets its suggestion.
 */
export async function registerCommands(program: Command, name: string | undefined): Promise<void> {
  const chosen =
    name !== undefined && Object.hasOwn(COMMANDS, name)
      ? [COMMANDS[name] as Register]
      : Object.values(COMMANDS);
  for (const register of chosen) await register(program);
}
