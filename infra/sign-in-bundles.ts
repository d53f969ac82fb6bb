import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { TRIGGERS } from './constructs/sign-in-triggers.js';

/** A sign-in function's bundle as a synthesised stack deploys it. */
export interface SignInBundle {
  /** `pre-authentication` ... `pre-token-generation`, or `gateway`. */
  name: string;
  /** The asset directory: `index.mjs`, its chunks, and any files copied beside them. */
  dir: string;
  /** The function's NODE_OPTIONS, which Lambda applies when it loads the bundle. */
  nodeOptions: string | undefined;
  /** What Node reads while the function initialises: `index.mjs` and the chunks it imports. */
  initFiles: string[];
  /** The chunks the handler imports on its first invocation (its dynamic imports). */
  firstUseFiles: string[];
  initBytes: number;
  /** All JavaScript of the bundle (source maps and data files left out). */
  totalBytes: number;
}

type Template = {
  Resources: Record<
    string,
    {
      Type: string;
      Properties: {
        Code?: { S3Key?: string };
        Environment?: { Variables?: Record<string, unknown> };
      };
    }
  >;
};

// The functions' logical ids start with their construct paths.
const SIGN_IN_FUNCTIONS: [string, string][] = [
  ...TRIGGERS.map(([id, name]): [string, string] => [name, `GeoFencedSignInTriggers${id}`]),
  ['gateway', 'GeoFencedSignInGatewayFunction'],
];

/** The bundles of the six sign-in functions in a synthesised assembly directory. */
export function signInBundles(assemblyDir: string, stackName = 'Warden'): SignInBundle[] {
  const template = JSON.parse(
    readFileSync(join(assemblyDir, `${stackName}.template.json`), 'utf8'),
  ) as Template;
  return SIGN_IN_FUNCTIONS.flatMap(([name, prefix]) => {
    const found = Object.entries(template.Resources).find(
      ([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith(prefix),
    );
    const key = found?.[1].Properties.Code?.S3Key;
    if (!found || !key) return [];
    const dir = join(assemblyDir, `asset.${key.replace(/\.zip$/, '')}`);
    const initFiles = importClosure(join(dir, 'index.mjs'));
    const javascript = filesUnder(dir).filter((f) => f.endsWith('.mjs'));
    return [
      {
        name,
        dir,
        nodeOptions: found[1].Properties.Environment?.Variables?.NODE_OPTIONS as string | undefined,
        initFiles,
        firstUseFiles: [...new Set(initFiles.flatMap((file) => imports(file, true)))],
        initBytes: bytes(initFiles),
        totalBytes: bytes(javascript),
      },
    ];
  });
}

/** A module and every module it imports statically, as Node loads them before it runs. */
function importClosure(entry: string): string[] {
  const seen = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    pending.push(...imports(file, false));
  }
  return [...seen];
}

/** The relative imports of a bundled module: static ones, or dynamic ones (`import("./…")`). */
function imports(file: string, dynamic: boolean): string[] {
  const pattern = dynamic ? /import\("(\.\.?\/[^"]+)"\)/g : /(?:from|import)\s*"(\.\.?\/[^"]+)"/g;
  return [...readFileSync(file, 'utf8').matchAll(pattern)].map((m) =>
    normalize(join(dirname(file), m[1] as string)),
  );
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

const bytes = (files: string[]) => files.reduce((sum, file) => sum + statSync(file).size, 0);
