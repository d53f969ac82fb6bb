/**
 * Sample-data generator for the Warden demo: an HR roster of a government press office and the
 * matching Amazon Cognito user pool export (`aws cognito-idp list-users` JSON).
 *
 * Run with: npx tsx local/samples/generate.ts
 *
 * Why the output is deterministic: every "random" choice comes from a mulberry32 PRNG with a
 * fixed seed, the calls happen in a fixed order, and nothing reads the clock, the locale or the
 * environment. Every run therefore writes byte-identical files, so the committed samples only
 * change in a diff when this script changes.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../seeded-random.js';

const OUT_DIR = dirname(fileURLToPath(import.meta.url));
const SEED = 0x57415244; // "WARD"
const DOMAIN = 'presidencia.example';
const ROW_COUNT = 320;
const FIRST_ID = 10001;
const NO_ID_ACCOUNTS = 15;
const MIXED_CASE_EMAILS = 2;
const NO_ACCOUNT_EMPLOYEES = 15;
const CSV_HEADER = 'employee_id,email,display_name,status,last_day,department';

const DEPARTMENTS = [
  'Press Office',
  'Accreditation',
  'Communications',
  'IT',
  'Legal',
  'Protocol',
] as const;
type Department = (typeof DEPARTMENTS)[number];

// biome-ignore format: keep the name pools compact
const GIVEN_NAMES = [
  'María José', 'María Fernanda', 'Ana Sofía', 'Lucía', 'Sofía', 'Valeria', 'Ximena', 'Regina',
  'Camila', 'Daniela', 'Guadalupe', 'Verónica', 'Mónica', 'Inés', 'Beatriz', 'Adriana',
  'Alejandra', 'Patricia', 'Gabriela', 'Itzel', 'Citlali', 'Renata', 'Andrea', 'Elena', 'Rocío',
  'Araceli', 'Yolanda', 'Leticia', 'Paulina', 'Mariana', 'Nayeli', 'Julieta', 'Ana', 'Carmen',
  'Teresa', 'Raquel', 'Noemí', 'Dolores', 'Abril', 'Fátima', 'José Luis', 'Juan Pablo',
  'Juan Carlos', 'Luis Fernando', 'Miguel Ángel', 'José Ángel', 'Andrés', 'Sebastián', 'Mateo',
  'Santiago', 'Diego', 'Emiliano', 'Iván', 'Héctor', 'Raúl', 'Rubén', 'Óscar', 'Martín',
  'Joaquín', 'Tomás', 'Julián', 'Germán', 'Ramón', 'Efraín', 'Cuauhtémoc', 'Jesús', 'Alejandro',
  'Francisco', 'Javier', 'Fernando', 'Eduardo', 'Arturo', 'Gerardo', 'Rodrigo', 'Ernesto',
  'Armando', 'Gustavo', 'Hugo', 'Marco Antonio', 'Víctor',
];

// biome-ignore format: keep the name pools compact
const SURNAMES = [
  'Hernández', 'García', 'Martínez', 'López', 'González', 'Pérez', 'Rodríguez', 'Sánchez',
  'Ramírez', 'Cruz', 'Flores', 'Gómez', 'Morales', 'Vázquez', 'Jiménez', 'Reyes', 'Díaz',
  'Torres', 'Gutiérrez', 'Ruiz', 'Mendoza', 'Aguilar', 'Ortiz', 'Moreno', 'Castillo', 'Romero',
  'Álvarez', 'Méndez', 'Chávez', 'Rivera', 'Juárez', 'Ramos', 'Domínguez', 'Herrera', 'Medina',
  'Castro', 'Vargas', 'Guzmán', 'Velázquez', 'Muñoz', 'Rojas', 'Contreras', 'Luna', 'Estrada',
  'Núñez', 'Bautista', 'Peña', 'Ibáñez', 'Zúñiga', 'Cervantes', 'Escobar', 'Ávila', 'Gallegos',
  'Villaseñor', 'Olvera', 'Cárdenas', 'Tapia', 'Fuentes', 'Sandoval', 'Espinoza', 'de la Cruz',
  'de León', 'Montes de Oca', 'Ríos', 'Márquez', 'Acosta', 'Quiñones', 'Solís', 'Trejo', 'Zamora',
];

type Status = 'active' | 'leaver';

interface Employee {
  employeeId: string;
  email: string;
  displayName: string;
  status: Status;
  lastDay: string;
  department: Department;
}

interface Attribute {
  Name: string;
  Value: string;
}

/** One user exactly as `aws cognito-idp list-users` prints it (same keys, same order). */
interface CognitoUser {
  Username: string;
  Attributes: Attribute[];
  UserCreateDate: string;
  UserLastModifiedDate: string;
  Enabled: boolean;
  UserStatus: string;
}

/** A roster row whose content is pinned because a demo scenario depends on it. */
interface FixedRow {
  given?: string;
  surnames?: string[];
  surnameFirst?: boolean;
  status: Status;
  lastDay?: string;
  department?: Department;
  scenario: string;
}

/** Leavers whose last day has passed but whose accounts are still enabled. */
const PAST_LEAVERS: Record<string, string> = {
  E10019: '2024-02-29',
  E10036: '2024-06-14',
  E10064: '2024-09-30',
  E10118: '2025-01-15',
  E10173: '2025-07-31',
  E10236: '2026-01-09',
  E10288: '2026-08-31',
};

const FIXED_ROWS: Record<string, FixedRow> = {
  E10007: {
    given: 'Ricardo',
    surnames: ['Salazar', 'Pineda'],
    status: 'leaver',
    lastDay: '2023-11-30',
    department: 'Press Office',
    scenario: 'leaver',
  },
  ...Object.fromEntries(
    Object.entries(PAST_LEAVERS).map(([id, lastDay]): [string, FixedRow] => [
      id,
      { status: 'leaver', lastDay, scenario: 'leaver' },
    ]),
  ),
  E10042: { status: 'leaver', lastDay: '2025-03-31', scenario: 'leaver_disabled' },
  E10099: { status: 'leaver', lastDay: '2036-12-31', scenario: 'future_leaver' },
  E10150: { status: 'active', scenario: 'rehire_candidate' },
  E10200: {
    given: 'Luis Alberto',
    surnames: ['Ortega', 'Ramírez'],
    status: 'active',
    department: 'IT',
    scenario: 'disputed',
  },
  E10201: {
    given: 'Lucía',
    surnames: ['Ortega'],
    surnameFirst: true,
    status: 'active',
    department: 'Press Office',
    scenario: 'disputed',
  },
};

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

const random = seededRandom(SEED);

function randomInt(min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function pick<T>(items: readonly T[]): T {
  const item = items[randomInt(0, items.length - 1)];
  if (item === undefined) throw new Error('pick() from an empty list');
  return item;
}

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(0, i);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** A UUID in version-4 shape, built from PRNG bytes. */
function uuidV4(): string {
  const hex = Array.from({ length: 32 }, () => randomInt(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = (8 + randomInt(0, 3)).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

function utc(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00.000Z`);
}

function randomInstant(fromMs: number, toMs: number): number {
  return fromMs + Math.floor(random() * (toMs - fromMs));
}

/** AWS CLI timestamp style: 2023-02-14T09:31:05.123000+00:00 (microseconds, explicit offset). */
function awsTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000+00:00');
}

// ---------------------------------------------------------------------------------------------
// Roster
// ---------------------------------------------------------------------------------------------

/** ASCII, lower-case, letters only: "Montes de Oca" -> "montesdeoca", "Muñoz" -> "munoz". */
function emailSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

function firstWord(name: string): string {
  return name.split(' ')[0] ?? name;
}

/** First given name + paternal surname; on collision append a digit (2, 3, ...). */
function uniqueEmail(given: string, surnames: readonly string[], taken: Set<string>): string {
  const base = `${emailSlug(firstWord(given))}.${emailSlug(surnames[0] ?? '')}`;
  let local = base;
  for (let n = 2; taken.has(local); n++) local = `${base}${n}`;
  taken.add(local);
  return `${local}@${DOMAIN}`;
}

/** Mexican style: paternal and (usually) maternal surname. */
function randomSurnames(): string[] {
  return random() < 0.7 ? [pick(SURNAMES), pick(SURNAMES)] : [pick(SURNAMES)];
}

/** "Lucía Ortega" or, as some HR exports write it, "Ortega, Lucía". */
function displayName(given: string, surnames: readonly string[], surnameFirst: boolean): string {
  const family = surnames.join(' ');
  return surnameFirst ? `${family}, ${given}` : `${given} ${family}`;
}

function employeeIdAt(index: number): string {
  return `E${FIRST_ID + index}`;
}

function buildRoster(): Employee[] {
  const taken = new Set<string>();
  // Pinned people first, so their addresses never gain a collision digit.
  const pinned = new Map<string, string>();
  for (const [id, row] of Object.entries(FIXED_ROWS)) {
    if (row.given && row.surnames) pinned.set(id, uniqueEmail(row.given, row.surnames, taken));
  }
  const roster: Employee[] = [];
  for (let i = 0; i < ROW_COUNT; i++) {
    const employeeId = employeeIdAt(i);
    const fixed = FIXED_ROWS[employeeId];
    const given = fixed?.given ?? pick(GIVEN_NAMES);
    const surnames = fixed?.surnames ?? randomSurnames();
    const surnameFirst = fixed?.surnameFirst ?? random() < 0.01;
    roster.push({
      employeeId,
      email: pinned.get(employeeId) ?? uniqueEmail(given, surnames, taken),
      displayName: displayName(given, surnames, surnameFirst),
      status: fixed?.status ?? 'active',
      lastDay: fixed?.lastDay ?? '',
      department: fixed?.department ?? pick(DEPARTMENTS),
    });
  }
  return roster;
}

/** RFC 4180: quote a field containing a comma, quote or line break; double inner quotes. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function toCsv(rows: readonly Employee[]): string {
  const lines = rows.map((e) =>
    [e.employeeId, e.email, e.displayName, e.status, e.lastDay, e.department]
      .map(csvField)
      .join(','),
  );
  return `${[CSV_HEADER, ...lines].join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Cognito accounts
// ---------------------------------------------------------------------------------------------

interface AccountSpec {
  username: string;
  email: string;
  employeeId?: string;
  enabled?: boolean;
  createdFrom?: string;
  createdTo?: string;
  modifiedTo?: string;
  disabledOn?: string;
}

function cognitoUser(spec: AccountSpec): CognitoUser {
  const created = randomInstant(
    utc(spec.createdFrom ?? '2021-01-04'),
    utc(spec.createdTo ?? '2024-06-30'),
  );
  const modified = spec.disabledOn
    ? randomInstant(utc(spec.disabledOn), utc(spec.disabledOn) + 86_400_000)
    : randomInstant(created, utc(spec.modifiedTo ?? '2024-12-31'));
  const attributes: Attribute[] = [
    { Name: 'sub', Value: uuidV4() },
    { Name: 'email', Value: spec.email },
    { Name: 'email_verified', Value: 'true' },
  ];
  if (spec.employeeId) attributes.push({ Name: 'custom:employee_id', Value: spec.employeeId });
  return {
    Username: spec.username,
    Attributes: attributes,
    UserCreateDate: awsTimestamp(created),
    UserLastModifiedDate: awsTimestamp(modified),
    Enabled: spec.enabled ?? true,
    UserStatus: 'CONFIRMED',
  };
}

function localPart(email: string): string {
  return email.slice(0, email.indexOf('@'));
}

/** "ana.lopez@presidencia.example" -> "Ana.Lopez@Presidencia.example". */
function mixedCase(email: string): string {
  const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const [local = '', domain = ''] = email.split('@');
  return `${local.split('.').map(capitalise).join('.')}@${capitalise(domain)}`;
}

/** Accounts whose timing or state is pinned by a scenario; leavers are created before leaving. */
function employeeAccount(e: Employee, noId: boolean, mixed: boolean): AccountSpec {
  const spec: AccountSpec = {
    username: localPart(e.email),
    email: mixed ? mixedCase(e.email) : e.email,
  };
  if (!noId) spec.employeeId = e.employeeId;
  if (noId) spec.createdTo = '2021-12-31'; // before custom:employee_id existed
  if (e.employeeId === 'E10007') spec.createdTo = '2022-06-30';
  if (e.status === 'leaver' && e.lastDay < '2024-12-31') {
    spec.createdTo = minDate(spec.createdTo ?? '2024-06-30', addDays(e.lastDay, -120));
    spec.modifiedTo = e.lastDay;
  }
  if (e.employeeId === 'E10042') {
    spec.enabled = false;
    // Disabled the day after the last day, so this one modification date falls in 2025.
    spec.disabledOn = '2025-04-01';
  }
  if (e.employeeId === 'E10150') {
    spec.enabled = false;
    spec.createdTo = '2022-12-31';
    spec.disabledOn = '2024-05-17';
  }
  return spec;
}

function addDays(isoDate: string, days: number): string {
  return new Date(utc(isoDate) + days * 86_400_000).toISOString().slice(0, 10);
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/** Accounts with no HR owner, plus the disputed admin account and the break-glass account. */
function extraAccounts(roster: readonly Employee[]): AccountSpec[] {
  const lucia = roster.find((e) => e.employeeId === 'E10201');
  if (!lucia) throw new Error('E10201 missing from roster');
  return [
    {
      username: 'l.ortega-admin',
      email: lucia.email,
      employeeId: 'E10200',
      createdFrom: '2023-01-09',
      createdTo: '2023-09-29',
    },
    { username: 'press-ops', email: `press-ops@${DOMAIN}`, createdTo: '2021-06-30' },
    {
      username: 'intern.2022',
      email: `intern2022@${DOMAIN}`,
      employeeId: 'E99901',
      createdFrom: '2022-01-10',
      createdTo: '2022-02-28',
      modifiedTo: '2022-08-31',
    },
    { username: 'test.qa', email: `qa-test@${DOMAIN}`, createdFrom: '2023-03-01' },
    {
      username: 'formerly.contractor',
      email: 'j.mendez.contractor@gmail.example',
      employeeId: 'E99950',
      createdFrom: '2022-04-01',
      createdTo: '2022-05-31',
    },
    {
      username: 'breakglass-admin',
      email: `breakglass@${DOMAIN}`,
      createdFrom: '2021-01-04',
      createdTo: '2021-01-29',
    },
  ];
}

interface AccountPlan {
  noAccount: Employee[];
  noId: Employee[];
  mixedCase: Employee[];
}

/** Choose which ordinary active employees lack an account or lack custom:employee_id. */
function planAccounts(roster: readonly Employee[]): AccountPlan {
  const ordinary = roster.filter((e) => e.status === 'active' && !FIXED_ROWS[e.employeeId]);
  const order = shuffled(ordinary);
  const byId = (a: Employee, b: Employee) => (a.employeeId < b.employeeId ? -1 : 1);
  const noAccount = order.slice(0, NO_ACCOUNT_EMPLOYEES).sort(byId);
  const noId = order.slice(NO_ACCOUNT_EMPLOYEES, NO_ACCOUNT_EMPLOYEES + NO_ID_ACCOUNTS).sort(byId);
  return { noAccount, noId, mixedCase: noId.slice(0, MIXED_CASE_EMAILS) };
}

function buildAccounts(roster: readonly Employee[], plan: AccountPlan): CognitoUser[] {
  const skip = new Set(plan.noAccount);
  const specs = roster
    .filter((e) => !skip.has(e))
    .map((e) => employeeAccount(e, plan.noId.includes(e), plan.mixedCase.includes(e)));
  specs.push(...extraAccounts(roster));
  // list-users returns users in no particular order; do not let consumers rely on one.
  return shuffled(specs.map(cognitoUser));
}

// ---------------------------------------------------------------------------------------------
// README and config
// ---------------------------------------------------------------------------------------------

const CONFIG = {
  feed: { kind: 'roster', timeZone: 'America/Mexico_City' },
  exemptions: [
    {
      username: 'breakglass-admin',
      owner: 'it-security@presidencia.example',
      reason: 'Break-glass administrator account, sealed credentials',
      expires: '2027-12-31',
    },
  ],
};

function person(roster: readonly Employee[], id: string): Employee {
  const e = roster.find((r) => r.employeeId === id);
  if (!e) throw new Error(`${id} missing from roster`);
  return e;
}

type Row = readonly string[];

/** A Markdown table padded the way Biome formats one, so `biome check` accepts the README. */
function markdownTable(header: Row, rows: readonly Row[]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(3, ...all.map((r) => (r[i] ?? '').length)));
  const line = (cells: Row) =>
    `| ${widths.map((w, i) => (cells[i] ?? '').padEnd(w)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

function employeeRows(roster: readonly Employee[]): Row[] {
  const row = (id: string, enabled: boolean, situation: string, note: string): Row => {
    const e = person(roster, id);
    const hr = e.lastDay ? `${e.status}, last day ${e.lastDay}` : e.status;
    const account = `\`${localPart(e.email)}\`, ${enabled ? 'enabled' : 'disabled'}`;
    return [`${id} ${e.displayName}`, hr, account, situation, note];
  };
  return [
    row('E10007', true, '`leaver` (disable + sign-out)', 'Flagship: left in 2023, still enabled'),
    ...Object.keys(PAST_LEAVERS).map((id) => row(id, true, '`leaver`', 'As E10007')),
    row('E10042', false, '`leaver_disabled`', 'Already handled'),
    row('E10099', true, '`future_leaver`', 'Last day not reached; no action'),
    row('E10150', false, '`active` (with a note)', 'Rehire; see below'),
    row('E10200', true, '`active`', 'See `l.ortega-admin`'),
    row('E10201', true, '`active`', 'Comma in name: quoted CSV field'),
  ];
}

function accountRows(roster: readonly Employee[]): Row[] {
  const lucia = person(roster, 'E10201').email;
  return [
    ['`l.ortega-admin`', `id E10200, email ${lucia} (E10201)`, '`disputed`'],
    ['`press-ops`', 'no id, shared mailbox', '`orphan`'],
    ['`intern.2022`', 'id E99901, not in the roster', '`orphan`'],
    ['`test.qa`', 'no id, qa-test@ mailbox', '`orphan`'],
    ['`formerly.contractor`', 'id E99950, external email', '`orphan`'],
    ['`breakglass-admin`', 'no id, enabled', '`exempt` (exemption in `warden.config.json`)'],
  ];
}

function idList(employees: readonly Employee[]): string {
  return employees.map((e) => e.employeeId).join(', ');
}

function buildReadme(roster: readonly Employee[], plan: AccountPlan, accounts: number): string {
  const leavers = roster.filter((e) => e.status === 'leaver').length;
  const mixed = plan.mixedCase.map((e) => `${e.employeeId} (\`${mixedCase(e.email)}\`)`);
  const rehire = person(roster, 'E10150');
  const files: Row[] = [
    ['`roster.csv`', `HR roster, ${roster.length} rows (${leavers} leavers)`],
    ['`leavers.csv`', 'Only the leaver rows of `roster.csv`, for the leavers-only feed'],
    ['`accounts.json`', `${accounts} users, as printed by \`aws cognito-idp list-users\``],
    ['`warden.config.json`', 'Roster feed in America/Mexico_City, one exemption'],
  ];
  return [
    '# Warden sample data',
    '',
    'A fictional press office (the office that accredits journalists to the daily press',
    'conferences): its HR roster and the Cognito user pool that should match it.',
    '',
    ...markdownTable(['File', 'Content'], files),
    '',
    'All files are written by `generate.ts` (`npx tsx local/samples/generate.ts`). It is',
    'seeded, so every run produces identical output. Edit the script, not the files.',
    '',
    '## Matching',
    '',
    'Most accounts are matched to the roster by `custom:employee_id`. Fifteen accounts predate',
    'that attribute and are matched by normalised email only, a weaker match that the report',
    'flags. They belong to these active employees (all `active`):',
    '',
    idList(plan.noId),
    '',
    'Two of them store the address in mixed case, to exercise case-folding:',
    `${mixed.join(' and ')}.`,
    '',
    'Fifteen active employees have no account at all (nothing to reconcile):',
    '',
    idList(plan.noAccount),
    '',
    '## Notable roster rows',
    '',
    ...markdownTable(
      ['Roster row', 'HR status', 'Account', 'Expected situation', 'Note'],
      employeeRows(roster),
    ),
    '',
    `E10150 ${rehire.displayName} left and came back: HR shows the employee as active again,`,
    'but the account is still disabled. Warden reports `rehire_candidate` only when Warden itself',
    'disabled the account earlier. In a fresh demo Warden has no record of disabling it, so the',
    'account is just `active`, with a note that it is disabled.',
    '',
    'Every other roster row is an active employee whose enabled account carries its',
    '`custom:employee_id`: `active`.',
    '',
    '## Accounts without a single roster owner',
    '',
    ...markdownTable(['Account', 'Keys', 'Expected situation'], accountRows(roster)),
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

function write(name: string, content: string): void {
  writeFileSync(join(OUT_DIR, name), content, 'utf8');
}

function main(): void {
  const roster = buildRoster();
  const leavers = roster.filter((e) => e.status === 'leaver');
  const plan = planAccounts(roster);
  const users = buildAccounts(roster, plan);

  write('roster.csv', toCsv(roster));
  write('leavers.csv', toCsv(leavers));
  // The AWS CLI prints JSON with a 4-space indent and a trailing newline.
  write('accounts.json', `${JSON.stringify({ Users: users }, null, 4)}\n`);
  write('warden.config.json', `${JSON.stringify(CONFIG, null, 2)}\n`);
  write('README.md', buildReadme(roster, plan, users.length));

  console.log(
    `rows=${roster.length} accounts=${users.length} leavers=${leavers.length} ` +
      `no-id-accounts=${plan.noId.length} no-account-employees=${plan.noAccount.length}`,
  );
}

main();
