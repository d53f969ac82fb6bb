import { copyFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AssetHashType, DockerImage, type ILocalBundling } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { buildSync } from 'esbuild';

/** The esbuild settings every Warden bundle shares, chunked or not. */
export const BUNDLE_SETTINGS = {
  target: 'node24',
  mainFields: ['module', 'main'],
  // ESM bundles of CommonJS packages still call `require`.
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
} as const;

/**
 * esbuild with code splitting, run here rather than in Docker: `index.mjs` holds what the
 * handler needs to start, and each dynamic import becomes a chunk that Node reads, parses and
 * evaluates only when it is first imported. NodejsFunction writes a single file, in which
 * whatever is imported on first use is still parsed during init.
 */
class ChunkedBundle implements ILocalBundling {
  // Data, not only behaviour: the staging cache tells bundles apart by these fields.
  constructor(
    readonly entry: string,
    readonly files: readonly string[],
  ) {}

  tryBundle(outputDir: string): boolean {
    buildSync({
      entryPoints: { index: this.entry },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: BUNDLE_SETTINGS.target,
      mainFields: [...BUNDLE_SETTINGS.mainFields],
      banner: { js: BUNDLE_SETTINGS.banner },
      minify: true,
      sourcemap: true,
      sourcesContent: false,
      outdir: outputDir,
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunks/[name]-[hash]',
      logLevel: 'warning',
    });
    for (const file of this.files) copyFileSync(file, join(outputDir, basename(file)));
    return true;
  }
}

/** The code of a function bundled in chunks, with `files` copied beside `index.mjs`. */
export function chunkedCode(projectRoot: string, entry: string, files: readonly string[]): Code {
  return Code.fromAsset(projectRoot, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled: the local bundling above always succeeds or throws.
      image: DockerImage.fromRegistry('dummy'),
      local: new ChunkedBundle(join(projectRoot, entry), files),
    },
  });
}
