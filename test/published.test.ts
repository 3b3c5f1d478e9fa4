import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };

// What a consumer's type-check and bundle load: the files reachable from the
// package's entry point in dist (built by `npm test` before vitest runs), not
// whatever else dist may hold from earlier builds.
const IMPORT = /\bfrom\s*'([^']+)'|\bimport\s*\(\s*'([^']+)'\s*\)|^\s*import\s*'([^']+)'/gm;

/** The packages imported by the files reachable from `entry` through relative imports, and how many files those are. */
function reachedFrom(entry: string, declarations: boolean): { packages: string[]; files: number } {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const queue = [new URL(`../dist/${entry}`, import.meta.url)];
  for (let file = queue.pop(); file; file = queue.pop()) {
    if (seen.has(file.href)) continue;
    seen.add(file.href);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = (match[1] ?? match[2] ?? match[3])!;
      if (!specifier.startsWith('.')) packages.add(specifier);
      else queue.push(new URL(declarations ? specifier.replace(/\.js$/, '.d.ts') : specifier, file));
    }
  }
  return { packages: [...packages].sort(), files: seen.size };
}

describe('the published package', () => {
  it('declares its types without zod: the declarations import nothing but the peer OpenTelemetry API', () => {
    const { packages, files } = reachedFrom(pkg.types.replace(/^\.\/dist\//, ''), true);
    expect(files).toBeGreaterThan(5);
    expect(packages.filter((p) => !Object.hasOwn(pkg.peerDependencies, p))).toEqual([]);
  });

  it('runs without zod: its JavaScript imports only its dependencies and peers, and zod is a dev dependency (the tests’ oracle)', () => {
    const { packages, files } = reachedFrom(pkg.main.replace(/^\.\/dist\//, ''), false);
    expect(files).toBeGreaterThan(5);
    expect(packages.filter((p) => !Object.hasOwn(pkg.dependencies, p) && !Object.hasOwn(pkg.peerDependencies, p))).toEqual([]);
    expect(packages.some((p) => p === 'zod' || p.startsWith('zod/'))).toBe(false);
    expect(Object.keys(pkg.dependencies)).not.toContain('zod');
    expect(Object.keys(pkg.devDependencies)).toContain('zod');
  });
});
