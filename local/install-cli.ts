import { ensureEmulatorInstalled } from './emulator.js';
import { CFN_LINT, ensurePythonTool } from './python-tool.js';

// `npm run local:install`: installs the Python tools ahead of time (tests and the demo also
// install them on demand).
const progress = (message: string) => console.log(message);
ensureEmulatorInstalled(progress);
ensurePythonTool(CFN_LINT, progress);
console.log('local tools ready: AWS emulator, cfn-lint');
