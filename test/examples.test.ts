import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('examples/node/relay.ts (the main job)', () => {
  it('emits every valid event as a log record and reports the invalid one', async () => {
    const env = { ...process.env };
    delete env.OTEL_EXPORTER_OTLP_ENDPOINT;
    const { stdout } = await run(process.execPath, ['examples/node/relay.ts'], { env, cwd: new URL('..', import.meta.url) });
    expect(stdout).toContain('log records emitted: 15');
    expect(stdout).toMatch(/call_center\.contact +op-42 +contact end \(email, follow_up\)/);
    expect(stdout).toContain('call_center.events.rejected {"call_center.event.type":"break","call_center.rejection.reason":"invalid_value"} = 1');
    expect(stdout).toContain('rejected events: 1');
  });
});
