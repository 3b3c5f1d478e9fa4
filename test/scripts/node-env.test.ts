// scripts/node-env.sh (through with-node.sh) on a machine whose node is older than 22.15, as this one's is.
// Found in review: a first run killed while unpacking left a partial bin/node, and every run after failed.
import { execFile } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The machine's own node: the one with-node.sh replaces when it is too old. */
async function machineNodeTooOld(): Promise<boolean> {
  try {
    const { stdout } = await promisify(execFile)('bash', ['-c', 'PATH="$(getconf PATH):/usr/local/bin" node -p process.versions.node']);
    const [major = 0, minor = 0] = stdout.trim().split('.').map(Number);
    return major < 22 || (major === 22 && minor < 15);
  } catch {
    return true;
  }
}

describe('scripts/with-node.sh', () => {
  it('fetches Node again over a binary a killed first run left half-written, and moves it into place whole', { timeout: 180_000 }, async (context) => {
    if (!(await machineNodeTooOld())) context.skip(); // a machine with a recent node never uses the cache
    const dir = mkdtempSync(join(tmpdir(), 'cc-node-cache-'));
    const cache = join(dir, 'node');
    mkdirSync(join(cache, 'bin'), { recursive: true });
    // What tar leaves when interrupted: bin/node, executable, holding the first 4 MB of the binary.
    const partial = Buffer.alloc(4 * 1024 * 1024);
    const fd = openSync(process.execPath, 'r');
    readSync(fd, partial, 0, partial.length, 0);
    closeSync(fd);
    writeFileSync(join(cache, 'bin', 'node'), partial);
    chmodSync(join(cache, 'bin', 'node'), 0o700);
    // The machine's PATH, not this test's (whose node is the cached Node 24).
    const { stdout } = await promisify(execFile)(
      'bash',
      ['-c', 'PATH="$(getconf PATH):/usr/local/bin" bash "$0" node -p process.versions.node', join(root, 'scripts/with-node.sh')],
      {
        env: { ...process.env, CC_NODE_CACHE: cache },
      },
    );
    expect(stdout.trim()).toBe(process.versions.node);
    expect(existsSync(join(cache, 'LICENSE'))).toBe(true);
    expect(readdirSync(dir)).toEqual(['node']); // nothing left beside it
  });
});
