// The demo's command line: what each option means, its default and range,
// and one line naming the option at fault when an argument is wrong, so that
// a mistyped option never ends in a stack trace.
import { parseArgs } from 'node:util';

export interface DemoOptions {
  operators: number;
  hours: number;
  seed: number;
  out: string;
  /** Epoch ms of the shift's start; undefined: the shift ends now. */
  start: number | undefined;
  json: boolean;
}

export type DemoArgs = { ok: true; help: boolean; options: DemoOptions } | { ok: false; error: string };

const MAX_OPERATORS = 500;
const MAX_HOURS = 24;
const MAX_SEED = 2 ** 32 - 1;
/** Older times than this are refused by most telemetry backends, and would put a contact's arrival before 1970. */
const EARLIEST_START = Date.parse('2000-01-01T00:00:00Z');

export const DEFAULTS: DemoOptions = { operators: 12, hours: 8, seed: 42, out: '.demo-output', start: undefined, json: false };

export const USAGE = `Usage: npm run demo -- [options]
       node examples/shift/simulate.ts [options]

Simulates a call-center shift through the plugin and the OpenTelemetry SDK in
accelerated time, writes the telemetry as OTLP/JSON and an HTML report, and
prints the supervisor summary computed from those files.

Options:
  --operators N   operators on shift, a whole number from 1 to ${MAX_OPERATORS} (default ${DEFAULTS.operators})
  --hours H       length of the shift in hours, more than 0 and at most ${MAX_HOURS};
                  fractions allowed, e.g. 0.5 (default ${DEFAULTS.hours})
  --seed N        a whole number from 0 to ${MAX_SEED} (default ${DEFAULTS.seed}); the same seed
                  gives the same shift, the same summary and the same trace ids
  --start TIME    when the shift starts: an ISO 8601 date-time such as
                  2026-01-05T08:00:00Z or 2026-01-05T08:00+02:00 (without Z or an
                  offset: this machine's local time). The whole shift must be
                  over by now, so that no telemetry is dated in the future, and
                  start in 2000 or later. Default: the shift ends now (its last
                  event at the current time at the latest), which puts it in a
                  dashboard's "last 12 hours".
  --out DIR       where to write logs.jsonl, traces.jsonl, metrics.jsonl and
                  report.html (default ${DEFAULTS.out})
  --json          print only the summary as JSON on stdout; progress and notices
                  go to stderr
  -h, --help      print this help and exit

Environment: OTEL_EXPORTER_OTLP_ENDPOINT sends the telemetry to that collector
too; OTEL_SERVICE_NAME names the service (default call-center-shift-demo).`;

const NAMES = ['operators', 'hours', 'seed', 'start', 'out', 'json', 'help'] as const;
type Name = (typeof NAMES)[number];
const TAKES_VALUE: ReadonlySet<Name> = new Set(['operators', 'hours', 'seed', 'start', 'out']);
const SEE_HELP = '(--help lists every option)';

/** What each option accepts, in the words of its error line. */
const EXPECTED: Record<Exclude<Name, 'json' | 'help'>, string> = {
  operators: `a whole number of operators from 1 to ${MAX_OPERATORS}, e.g. --operators ${DEFAULTS.operators}`,
  hours: `a number of hours more than 0 and at most ${MAX_HOURS}, e.g. --hours ${DEFAULTS.hours} or --hours 0.5`,
  seed: `a whole number from 0 to ${MAX_SEED}, e.g. --seed ${DEFAULTS.seed}`,
  start: 'an ISO 8601 date-time in 2000 or later and before now, e.g. --start 2026-01-05T08:00:00Z',
  out: `a directory, e.g. --out ${DEFAULTS.out}`,
};

const fail = (error: string): DemoArgs => ({ ok: false, error });
const wrong = (name: keyof typeof EXPECTED, value: string) => fail(`--${name} ${JSON.stringify(value)} is not allowed: expected ${EXPECTED[name]} ${SEE_HELP}`);

const WHOLE = /^\d+$/;
const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;

/** Epoch ms of an ISO 8601 date-time, or undefined when it is not one or names no real day or time (JavaScript takes 30 February). */
export function parseDateTime(text: string): number | undefined {
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second = 0] = match.slice(1, 7).map(Number) as number[];
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  if (month! < 1 || month! > 12 || day! < 1 || day! > daysInMonth || hour! > 23 || minute! > 59 || second > 59) return undefined;
  const zone = match[7];
  if (zone && zone !== 'Z' && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(4)) > 59)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Reads the demo's arguments. `now` (epoch ms) is what `--start` must precede.
 * Never throws: a wrong argument is `{ ok: false, error }`, one line that names it.
 */
export function parseDemoArgs(argv: string[], now: number): DemoArgs {
  // strict: false, so that every mistake is ours to word; the tokens say what was typed.
  const { tokens } = parseArgs({
    args: argv,
    options: Object.fromEntries(NAMES.map((n) => [n, { type: TAKES_VALUE.has(n) ? 'string' : 'boolean' }])) as Record<Name, { type: 'string' | 'boolean' }>,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const options: DemoOptions = { ...DEFAULTS };
  // Asking for help is answered whatever else is on the line.
  if (tokens.some((t) => t.kind === 'option' && (t.rawName === '--help' || t.rawName === '-h'))) return { ok: true, help: true, options };
  const raw: Partial<Record<Name, string | true>> = {};
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') return fail(`unexpected argument ${JSON.stringify(token.value)}: options are written --name value, e.g. --hours 4 ${SEE_HELP}`);
    const name = token.name as Name;
    if (!NAMES.includes(name) || !token.rawName.startsWith('--')) {
      return fail(
        `unknown option ${token.rawName}: the options are ${NAMES.filter((n) => n !== 'help')
          .map((n) => `--${n}`)
          .join(', ')} and --help`,
      );
    }
    if (!TAKES_VALUE.has(name)) {
      if (token.value !== undefined) return fail(`--${name} takes no value (got --${name}=${token.value}) ${SEE_HELP}`);
      raw[name] = true;
      continue;
    }
    // A value that is another option (--out --json) means the value was left out; -3 is a (wrong) number.
    const value = token.value;
    if (value === undefined || value === '' || (!token.inlineValue && (value.startsWith('--') || (value.startsWith('-') && !/^-[\d.]/.test(value))))) {
      return fail(`--${name} needs a value: ${EXPECTED[name as keyof typeof EXPECTED]} ${SEE_HELP}`);
    }
    raw[name] = value;
  }
  if (typeof raw.operators === 'string') {
    const n = Number(raw.operators);
    if (!WHOLE.test(raw.operators) || n < 1 || n > MAX_OPERATORS) return wrong('operators', raw.operators);
    options.operators = n;
  }
  if (typeof raw.hours === 'string') {
    const n = Number(raw.hours);
    if (!DECIMAL.test(raw.hours) || !(n > 0) || n > MAX_HOURS) return wrong('hours', raw.hours);
    options.hours = n;
  }
  if (typeof raw.seed === 'string') {
    const n = Number(raw.seed);
    if (!WHOLE.test(raw.seed) || n > MAX_SEED) return wrong('seed', raw.seed);
    options.seed = n;
  }
  if (typeof raw.start === 'string') {
    const ms = parseDateTime(raw.start);
    if (ms === undefined || ms < EARLIEST_START) return wrong('start', raw.start);
    if (ms > now)
      return fail(
        `--start ${raw.start} is in the future (it is now ${new Date(now).toISOString()}): the shift must be over by now, or its telemetry would be dated in the future; give an earlier start, or leave --start out to end the shift now`,
      );
    options.start = ms;
  }
  if (typeof raw.out === 'string') options.out = raw.out;
  options.json = raw.json === true;
  return { ok: true, help: false, options };
}
