import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRY = fileURLToPath(new URL('./report-client.tsx', import.meta.url));

/** Preact's licence asks that its notice go with copies of it. */
const NOTICE =
  '/* Warden report script. Includes Preact, MIT License, Copyright (c) 2015-present Jason Miller. */';

/**
 * The report's script, bundled and minified: a development step (esbuild is not shipped), whose
 * output is kept in report-client.generated.ts; a unit test checks that it is current.
 */
export async function bundleReportClient(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const code = (result.outputFiles[0]?.text ?? '').trim();
  // The script is inlined in an HTML document: nothing in it may end the element.
  if (/<\/script|<!--/i.test(code)) throw new Error('the report script contains an HTML end tag');
  return `${NOTICE}\n${code}`;
}
