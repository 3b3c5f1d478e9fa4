// Every snippet of the README is compiled, parsed or run here, so that what
// a new user copies works: TypeScript against the built package, shell by
// bash and against package.json, YAML by a YAML parser, and the sample
// outputs against what the code prints. (The browser quick start is
// examples/web/main.ts, byte for byte: test/browser-bundle.test.ts; the Node
// quick start also runs, from the packed tarball: test/e2e/readme-install.test.ts.)
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { CallCenterInstrumentation } from '../src/index.js';
import { fencedBlocks } from './helpers/readme.js';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const README = readFileSync(join(root, 'README.md'), 'utf8');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

const blocks = fencedBlocks(README);
const of = (lang: string) => blocks.filter((b) => b.lang === lang);

/** GitHub's anchor for a heading. */
const anchor = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\w\- ]/g, '')
    .replaceAll(' ', '-');

describe('README.md', () => {
  it('handles every kind of block it holds', () => {
    expect(new Set(blocks.map((b) => b.lang))).toEqual(new Set(['sh', 'ts', 'nginx', 'haproxy', 'yaml', '']));
  });

  it('lists every section in its contents, in order, with working links', () => {
    const headings: string[] = [];
    let inFence = false;
    for (const line of README.split('\n')) {
      if (line.startsWith('```')) inFence = !inFence;
      const m = !inFence && /^#{2,3} (.+)$/.exec(line);
      if (m && m[1] !== 'Contents') headings.push(m[1]!);
    }
    const contents = README.slice(README.indexOf('## Contents'), README.indexOf('\n## ', README.indexOf('## Contents') + 1));
    const links = [...contents.matchAll(/\[(.+?)\]\(#(.+?)\)/g)].map((m) => [m[1], m[2]]);
    expect(links).toEqual(headings.map((h) => [h, anchor(h)]));
    expect(new Set(headings.map(anchor)).size, 'two sections with the same anchor').toBe(headings.length);
  });

  it('puts what library users need before what those who run it need', () => {
    const at = (heading: string) => README.indexOf(`\n## ${heading}\n`);
    for (const user of ['Install', 'Module format and TypeScript', 'Quick start: Node (NodeSDK)', 'Quick start: browser', 'Options', 'Events', 'Semantic conventions']) {
      for (const operator of ['Set-up commands', 'The demo: a shift in a few seconds', 'Dashboards', 'Collector', 'Performance and reliability']) {
        expect(at(user), `${user} before ${operator}`).toBeLessThan(at(operator));
        expect(at(user)).toBeGreaterThan(0);
      }
    }
  });

  it('has TypeScript snippets that compile against the built package', async () => {
    // The browser quick start is examples/web/main.ts (compiled with the project); the others are compiled here.
    const browser = readFileSync(join(root, 'examples/web/main.ts'), 'utf8');
    const snippets = of('ts').filter((b) => b.text !== browser);
    expect(snippets.length).toBeGreaterThanOrEqual(2);
    const dir = join(root, 'test/.readme-snippets');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      for (const b of snippets) writeFileSync(join(dir, `line-${b.line}.ts`), b.text);
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../tsconfig.json', compilerOptions: { rootDir: '.', skipLibCheck: false }, include: ['*.ts'] }));
      const tsc = join(root, 'node_modules/.bin/tsc');
      const result = await run(tsc, ['-p', join(dir, 'tsconfig.json')], { cwd: root }).catch((e: { stdout: string }) => ({ stdout: e.stdout, failed: true }));
      expect('failed' in result ? result.stdout : '', 'tsc on the README snippets (file names are their README lines)').toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has shell snippets that parse, naming npm scripts and files that exist', async () => {
    for (const b of of('sh')) {
      await run('bash', ['-n', '-c', b.text]).catch((e: { stderr: string }) => expect.fail(`README.md:${b.line}: ${e.stderr}`));
      for (const [, name] of b.text.matchAll(/npm run (?:--silent )?([\w:-]+)/g)) expect(Object.keys(packageJson.scripts), `README.md:${b.line}`).toContain(name);
      for (const [path] of b.text.matchAll(/\b(?:examples|scripts|test|collector)\/[\w./-]+/g)) expect(existsSync(join(root, path)), `README.md:${b.line}: ${path}`).toBe(true);
      for (const [, file] of b.text.matchAll(/--config (\S+)/g)) expect(existsSync(join(root, file!)), `README.md:${b.line}: ${file}`).toBe(true);
    }
  });

  it('has YAML snippets that parse', () => {
    for (const b of of('yaml')) {
      const docs = parseAllDocuments(b.text);
      for (const doc of Array.isArray(docs) ? docs : [docs]) expect(doc.errors, `README.md:${b.line}`).toEqual([]);
    }
  });

  it('has load-balancer snippets that are well formed (balanced blocks, one directive a line)', () => {
    const [nginx] = of('nginx');
    expect(nginx!.text.split('{').length, 'nginx braces').toBe(nginx!.text.split('}').length);
    for (const line of nginx!.text.split('\n').filter((l) => l.trim() && !/[{}]\s*$/.test(l))) expect(line.trim(), 'an nginx directive ends with ;').toMatch(/;$/);
    const [haproxy] = of('haproxy');
    const [section, ...directives] = haproxy!.text.trim().split('\n');
    expect(section).toMatch(/^backend \S+$/);
    for (const line of directives) expect(line, 'haproxy directives are indented under their section').toMatch(/^ {2}\S/);
  });

  it('shows the rejection message the platform doc example really gets', () => {
    const sample = blocks.find((b) => b.lang === '' && b.text.startsWith('Invalid break event'));
    const cc = new CallCenterInstrumentation({ enabled: false });
    const result = cc.logIngestEvent('break', { type: 'bio_break', sub_type: 'Some Sub Type', action: 'add', total_time: 10, consumed_time: 5 } as never);
    expect(result.ok).toBe(false);
    expect(`${!result.ok && result.error.message}\n`).toBe(sample?.text);
  });

  it('shows the summary the demo really prints for the run it names', { timeout: 60_000 }, async () => {
    const sample = blocks.find((b) => b.lang === '' && b.text.startsWith('Shift summary'));
    const intro = README.slice(0, README.indexOf(sample!.text));
    const args = /The\s+same run as a sample \(`npm run demo -- ([^`]+)`, seed\s+42\)/.exec(intro)?.[1]?.split(' ');
    expect(args, 'the sample says which run it is').toBeDefined();
    const { stdout } = await run(process.execPath, ['examples/shift/simulate.ts', ...args!], { cwd: root, env: { ...process.env, OTEL_SERVICE_NAME: '' } });
    expect(stdout).toContain(sample!.text);
  });
});
