import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as semconv from '../src/semconv.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

function documentedNames(): string[] {
  const section = readme.split(/^## Semantic conventions$/m)[1]?.split(/^## /m)[0] ?? '';
  const names: string[] = [];
  for (const line of section.split('\n')) {
    const match = /^\| `([a-z_.<>]+)` \|/.exec(line);
    if (match?.[1]) names.push(match[1]);
  }
  return names;
}

describe('semantic conventions', () => {
  // A span-event prefix is documented as `<prefix><action>`.
  const entries = Object.entries(semconv)
    .filter(([key]) => key !== 'INSTRUMENTATION_SCOPE')
    .map(([key, value]) => [key, key.endsWith('_PREFIX') ? `${value}<action>` : (value as string)] as const);
  const declared = entries.map(([, name]) => name);

  it('README table and semconv.ts list the same names', () => {
    const documented = documentedNames();
    expect(documented.length).toBeGreaterThan(50);
    expect([...documented].sort()).toEqual([...declared].sort());
  });

  it('every name is under call_center.*, and declared once per kind (event, span, attribute, metric)', () => {
    for (const name of declared) expect(name).toMatch(/^call_center\.[a-z_.]+(<action>)?$/);
    const byKind = entries.map(([key, name]) => `${key.split('_')[0]}:${name}`);
    expect(new Set(byKind).size).toBe(byKind.length);
  });

  it('the package entry point exports every name', async () => {
    const index = (await import('../src/index.js')) as Record<string, unknown>;
    for (const [key, value] of Object.entries(semconv)) expect([key, index[key]]).toEqual([key, value]);
  });

  it('no source file but semconv.ts spells a call_center.* name', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(new URL('../src/', import.meta.url), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && f !== 'semconv.ts');
    for (const file of files) {
      const text = readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8');
      expect([file, text.match(/['"]call_center\.[a-z_.]+/g)]).toEqual([file, null]);
    }
  });
});
