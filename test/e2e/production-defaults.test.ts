// collector-config.yaml as shipped, with only its listeners moved to free
// loopback ports: it starts without a warning, exports nothing back into its
// own receivers, and no backend's default endpoint could reach anything.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from './collector.js';

const root = new URL('../..', import.meta.url).pathname;
const config = readFileSync(join(root, 'collector-config.yaml'), 'utf8');

/** `n` spans of one trace as an OTLP/JSON export request. */
function spans(n: number) {
  const traceId = '5b8efff798038103d269b633813fc60c';
  const now = BigInt(Date.now()) * 1_000_000n;
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'defaults-e2e' } }] },
        scopeSpans: [
          {
            scope: { name: 'e2e' },
            spans: Array.from({ length: n }, (_, i) => ({
              traceId,
              spanId: (i + 1).toString(16).padStart(16, '0'),
              name: 'call_center.contact',
              kind: 1,
              startTimeUnixNano: String(now),
              endTimeUnixNano: String(now + 1_000_000n),
            })),
          },
        ],
      },
    ],
  };
}

describe('collector-config.yaml with its defaults', () => {
  let collector: RunningCollector;
  beforeAll(async () => {
    // No exporters of the tests: the pipelines export where the shipped config says.
    collector = await startCollector({ exporters: '  {}\n' });
  });
  afterAll(() => collector.stop());

  it('gives no backend a default endpoint that could reach anything, least of all its own receivers', () => {
    const defaults = [...config.matchAll(/endpoint: \$\{env:(CC_[A-Z_]+ENDPOINT):-([^}]+)\}/g)].map((m) => [m[1]!, m[2]!] as const);
    const receivers = defaults.filter(([name]) => ['CC_OTLP_GRPC_ENDPOINT', 'CC_OTLP_HTTP_ENDPOINT', 'CC_HEALTH_ENDPOINT'].includes(name));
    const backends = defaults.filter(([name]) => !receivers.some(([r]) => r === name));
    expect(receivers).toHaveLength(3);
    expect(backends.length).toBeGreaterThanOrEqual(5);
    for (const [name, value] of backends) {
      // Honeycomb's public API is the one default that is a real place (and needs a key to accept anything).
      if (name === 'CC_HONEYCOMB_ENDPOINT') expect(value).toBe('https://api.honeycomb.io');
      else expect(value, name).toMatch(new RegExp(`set-${name}\\.invalid`));
    }
    // Every pipeline exports to debug only unless told otherwise.
    for (const signal of ['LOGS', 'SCORECARDS', 'TRACES', 'METRICS']) expect(config).toContain(`\${env:CC_${signal}_EXPORTERS:-[debug]}`);
  });

  it('receives each span once: nothing it exports by default comes back into its own receivers', async () => {
    const response = await fetch(`${collector.httpEndpoint}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(spans(16)),
    });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    // The debug exporter logs every batch it exports ("spans": N): 16 in all, not 16 again and again.
    const counts = [...collector.log().matchAll(/"spans": (\d+)/g)].map((m) => Number(m[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(16);
  });

  it('starts without a warning or an error', () => {
    const lines = collector.log().split('\n');
    expect(lines.filter((line) => /\t(warn|error)\t/i.test(line))).toEqual([]);
  });
});
