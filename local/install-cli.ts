import { ensureEmulatorInstalled, MOTO_VERSION } from './emulator.js';

// `npm run local:install`: installs the emulator ahead of time (the demo and tests also do it on demand).
ensureEmulatorInstalled((message) => console.log(message));
console.log(`local AWS emulator ready (moto ${MOTO_VERSION})`);
