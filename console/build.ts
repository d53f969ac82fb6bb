import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { REPORT_CSS } from '../functions/report-views/report-css.js';

const CONSOLE_DIR = fileURLToPath(new URL('.', import.meta.url));

/** The static files the console is. */
export const CONSOLE_FILES = ['index.html', 'app.js', 'app.css', 'favicon.svg'] as const;

/**
 * Builds the console with the project's esbuild into `outdir` (created if needed): one bundled,
 * minified ES module with Preact inside (nothing from a CDN), the page and its style sheet, and
 * `config.json` when one is given (the deployment writes its own).
 */
export function buildConsole(outdir: string, config?: Record<string, string>): string {
  mkdirSync(outdir, { recursive: true });
  buildSync({
    entryPoints: [join(CONSOLE_DIR, 'src/main.tsx')],
    outfile: join(outdir, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  copyFileSync(join(CONSOLE_DIR, 'index.html'), join(outdir, 'index.html'));
  // The run page's components bring the report's classes; the console's own rules follow.
  writeFileSync(
    join(outdir, 'app.css'),
    `${REPORT_CSS}\n${readFileSync(join(CONSOLE_DIR, 'styles.css'), 'utf8')}`,
  );
  copyFileSync(join(CONSOLE_DIR, 'favicon.svg'), join(outdir, 'favicon.svg'));
  if (config) writeFileSync(join(outdir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  return outdir;
}
