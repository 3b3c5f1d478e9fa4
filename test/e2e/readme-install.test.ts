// The README's install and Node quick start, run as a new user runs them: the
// package packed from a copy of this checkout (npm runs its `prepare` script,
// which builds dist/), installed with the README's command in a new folder,
// and the quick start's file run there. Its first run must print telemetry.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fencedBlocks } from '../helpers/readme.js';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const README = readFileSync(join(root, 'README.md'), 'utf8');

/** The commands of a shell block: continuation lines joined, comments dropped. */
function commands(text: string): string[] {
  return text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

/** A user's shell: none of the npm_* variables of the `npm run` this test runs under (npm_config_json=true would change npm). */
const userEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));

const section = (heading: string) => {
  const start = README.indexOf(`\n## ${heading}\n`);
  return README.slice(start, README.indexOf('\n## ', start + 1));
};

describe('the README, followed by a new user', () => {
  it('packs, installs from the tarball in a new folder, and the Node quick start prints a span and its log records', { timeout: 300_000 }, async () => {
    const [install] = fencedBlocks(section('Install')).filter((b) => b.lang === 'sh');
    const [quickStart] = fencedBlocks(section('Quick start: Node (NodeSDK)')).filter((b) => b.lang === 'ts');
    const [pack, add] = commands(install!.text);
    expect(pack).toBe('npm pack');
    expect(add).toMatch(/^npm install \/path\/to\/kenkai-instrumentation-call-center-[\d.]+\.tgz /);

    const work = mkdtempSync(join(tmpdir(), 'cc-readme-'));
    try {
      // A clone as a user has it (no dist/), sharing this checkout's node_modules to spare a download.
      const clone = join(work, 'instrumentation-call-center');
      cpSync(root, clone, { recursive: true, filter: (src) => !/\/(node_modules|dist|\.git|\.demo-output|\.ci-results)(\/|$)/.test(src.slice(root.length - 1)) });
      symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'));
      await run('bash', ['-c', pack!], { cwd: clone, env: userEnv });
      const tarball = readdirSync(clone).find((f) => f.endsWith('.tgz'));
      expect(tarball).toBeDefined();

      const app = join(work, 'app');
      mkdirSync(app);
      await run('npm', ['init', '-y'], { cwd: app, env: userEnv });
      await run('npm', ['pkg', 'set', 'type=module'], { cwd: app, env: userEnv });
      await run('bash', ['-c', add!.replace('/path/to/', `${clone}/`)], { cwd: app, env: { ...userEnv, npm_config_audit: 'false', npm_config_fund: 'false' } });
      writeFileSync(join(app, 'app.ts'), quickStart!.text);
      const { stdout } = await run(process.execPath, ['app.ts'], { cwd: app, env: userEnv });

      expect(stdout).toContain("name: 'call_center.contact'"); // the span, ended
      expect(stdout.match(/eventName: 'call_center\.contact'/g)).toHaveLength(2); // attend and end
      expect(stdout).toContain("'call_center.contact.wait_time': 20");
      expect(stdout).toContain("schemaUrl: 'https://opentelemetry.io/schemas/1.45.0'");
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
