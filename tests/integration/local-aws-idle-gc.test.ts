// The local AWS runs Python's full garbage collection only while it serves no request (decision
// 0051): a collection walks every user and item it holds and would pause the requests in flight.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ensureEmulatorInstalled } from '../../local/emulator.js';

const LOCAL = join(dirname(fileURLToPath(import.meta.url)), '../../local');

/** Runs Python statements in the emulator's own interpreter, with `moto_patches` importable. */
function python(statements: string): string {
  const interpreter = join(dirname(ensureEmulatorInstalled()), 'python');
  return execFileSync(interpreter, ['-c', statements], { cwd: LOCAL, encoding: 'utf8' }).trim();
}

describe('full collections of the local AWS', () => {
  it('wait for a second without a request and for ten younger collections', () => {
    const decisions = python(`
from moto_patches.idle_gc import IdleCollector
now, pending, collected = [100.0], [10], []
collector = IdleCollector(clock=lambda: now[0], collect=lambda: collected.append(now[0]), pending=lambda: pending[0])
def after(seconds, younger=10):
    now[0] += seconds
    pending[0] = younger
    return collector.tick()
decisions = [after(0.5), after(0.5), after(5, younger=9)]
collector.request()
decisions += [after(0.75), after(0.25)]
print(decisions, collected)
`);
    expect(decisions).toBe('[False, True, False, False, True] [101.0, 107.0]');
  });

  it("turn Python's own full collections off and note every request served", () => {
    const seen = python(`
import gc
from moto.moto_server.werkzeug_app import DomainDispatcherApplication
from moto_patches import idle_gc
served = []
DomainDispatcherApplication.__call__ = lambda self, environ, start: served.append(environ) or [b"ok"]
collector = idle_gc.apply()
collector._last_request = float("-inf")
answer = DomainDispatcherApplication.__call__(None, {"PATH_INFO": "/"}, None)
print(gc.get_threshold()[2] == idle_gc.NEVER, answer, len(served), collector._last_request > 0)
`);
    expect(seen).toBe("True [b'ok'] 1 True");
  });
});
