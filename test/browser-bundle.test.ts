import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('the browser build', () => {
  it('bundles for platform browser with no Node built-in and runs where there is no DOM', async () => {
    const result = await build({
      entryPoints: [`${root}src/index.ts`],
      bundle: true,
      format: 'iife',
      globalName: 'cc',
      platform: 'browser',
      write: false,
      logLevel: 'silent',
      metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((i) => /^node:|(^|\/)(fs|path|crypto|os|util|process)$/.test(i))).toEqual([]);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/\brequire\(|\bprocess\.|\bBuffer\b/);
    // A bare JavaScript realm: no window, no document, no Node globals.
    const sandbox: Record<string, unknown> = {};
    runInNewContext(`${code}; globalThis.exported = Object.keys(cc); new cc.CallCenterInstrumentation().logIngestEvent('contact', {});`, sandbox);
    expect(sandbox.exported).toContain('CallCenter');
  });

  it('adds less than 17 KB (gzip) to a browser bundle of the OpenTelemetry SDK, as the README says', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [`${root}scripts/bundle-size.ts`, '--json'], { cwd: root });
    const report = JSON.parse(stdout) as { pluginAdds: { gzipped: number } };
    expect(report.pluginAdds.gzipped).toBeGreaterThan(1024);
    expect(report.pluginAdds.gzipped).toBeLessThan(17 * 1024);
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const stated = /plugin adds \*\*([\d.]+) KB\*\* \(gzip/.exec(readme)?.[1];
    expect(Number(stated)).toBeCloseTo(report.pluginAdds.gzipped / 1024, 0);
  });

  it('the README browser quick start is the code of examples/web', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const section = readme.split(/^## Quick start: browser$/m)[1]?.split(/^## /m)[0] ?? '';
    const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBe(readFileSync(`${root}examples/web/main.ts`, 'utf8'));
  });

  it('npm run size works in a checkout whose path has a space (found in review: it looked in .../my%20repo)', { timeout: 120_000 }, async () => {
    const checkout = join(mkdtempSync(join(tmpdir(), 'cc size ')), 'my repo');
    mkdirSync(checkout);
    // The tracked files as they are, the built dist/ and the dependencies: a checkout after `npm install`.
    execFileSync('bash', ['-c', 'git -C "$1" ls-files -z | tar -C "$1" --null -T - -cf - | tar -x -C "$2"', '_', root, checkout]);
    cpSync(join(root, 'dist'), join(checkout, 'dist'), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(checkout, 'node_modules'));
    const { stdout } = await promisify(execFile)(process.execPath, ['scripts/bundle-size.ts', '--json'], { cwd: checkout });
    expect((JSON.parse(stdout) as { pluginAdds: { gzipped: number } }).pluginAdds.gzipped).toBeGreaterThan(1024);
  });
});
