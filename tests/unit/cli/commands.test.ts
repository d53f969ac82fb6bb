import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS, registerCommands } from '../../../cli/commands.js';

const ALL = [
  'hr',
  'reconcile',
  'demo',
  'audit',
  'runs',
  'report',
  'accounts',
  'offboard',
  'local',
  'console',
  'geo',
];

async function registered(name: string | undefined): Promise<string[]> {
  const program = new Command('warden');
  await registerCommands(program, name);
  return program.commands.map((c) => c.name());
}

describe('registering only the command that runs', () => {
  it.each(Object.keys(COMMANDS))('%s registers exactly the command of that name', async (name) => {
    expect(await registered(name)).toEqual([name]);
  });

  it.each([
    ['no command', undefined],
    ['an option', '--help'],
    ['help', 'help'],
    ['a typo', 'offbord'],
    ['a name every object has', 'toString'],
  ])('registers every command, in help order, for %s', async (_, name) => {
    expect(await registered(name)).toEqual(ALL);
  });
});
