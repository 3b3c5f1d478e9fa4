import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };

describe('package', () => {
  it('is an ESM package with one entry point, no side effects and the Node floor of OpenTelemetry 3.x', () => {
    expect(pkg.name).toBe('@kenkai/instrumentation-call-center');
    expect(pkg.type).toBe('module');
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.engines.node).toBe('>=22.15');
    expect(Object.keys(pkg.exports)).toEqual(['.', './package.json']);
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
  });

  it('takes the OpenTelemetry API as a peer and no SDK package at run time (the semantic conventions are constants)', () => {
    expect(pkg.peerDependencies).toEqual({ '@opentelemetry/api': '^1.10.0' });
    expect(Object.keys(pkg.dependencies).filter((d) => d.startsWith('@opentelemetry/'))).toEqual(['@opentelemetry/semantic-conventions']);
  });

  it('locks exactly one version of each OpenTelemetry package, on the 3.1 / 0.301 line', () => {
    const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    const versions = new Map<string, Set<string>>();
    for (const [path, entry] of Object.entries(lock.packages)) {
      const match = /node_modules\/(@opentelemetry\/[^/]+)$/.exec(path);
      if (!match?.[1] || !entry.version) continue;
      const seen = versions.get(match[1]) ?? new Set<string>();
      seen.add(entry.version);
      versions.set(match[1], seen);
    }
    expect(versions.size).toBeGreaterThan(10);
    for (const [name, seen] of versions) {
      expect([name, [...seen]]).toEqual([name, [...seen].slice(0, 1)]);
      const [version] = [...seen];
      if (name === '@opentelemetry/api') expect(version).toMatch(/^1\.10\./);
      else if (name === '@opentelemetry/semantic-conventions') expect(version).toMatch(/^1\./);
      // Its newest release; npm overrides put its 3.0.0 dependencies on the 3.1 line (checked above: one version each).
      else if (name === '@opentelemetry/web-common') expect(version).toBe('0.300.0');
      else expect(version).toMatch(/^(3\.1\.|0\.301\.)/);
    }
  });

  it('ships the Apache License 2.0 text its package.json names, beside the README and the built dist, and nothing else', () => {
    const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: new URL('..', import.meta.url), encoding: 'utf8' })) as [
      { files: { path: string }[] },
    ];
    const paths = packed[0].files.map((f) => f.path);
    expect(paths.filter((p) => !p.startsWith('dist/')).sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
    expect(pkg.license).toBe('Apache-2.0');
    const license = readFileSync(new URL('../LICENSE', import.meta.url), 'utf8');
    expect(license).toContain('Apache License\n                           Version 2.0, January 2004');
    expect(license).toContain('END OF TERMS AND CONDITIONS');
  });

  it('ships source maps that carry their sources: src/ is not in the package, so a debugger or stack-trace mapper reads the TypeScript from the map', () => {
    const dist = new URL('../dist/', import.meta.url);
    const maps = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js.map'));
    expect(maps.length).toBeGreaterThan(10);
    for (const name of maps) {
      const mapURL = new URL(name, dist);
      const map = JSON.parse(readFileSync(mapURL, 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
      expect(map.sources.length, name).toBeGreaterThan(0);
      expect(map.sourcesContent?.length, name).toBe(map.sources.length);
      for (const [i, source] of map.sources.entries()) {
        expect(map.sourcesContent?.[i], `${name}: ${source}`).toBe(readFileSync(new URL(source, mapURL), 'utf8'));
      }
    }
  });
});
