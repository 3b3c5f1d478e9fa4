import { describe, expect, it } from 'vitest';
import { DEFAULTS, parseDateTime, parseDemoArgs, USAGE } from '../../../examples/shift/cli-options.js';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const parse = (...argv: string[]) => parseDemoArgs(argv, NOW);
const error = (...argv: string[]) => {
  const result = parse(...argv);
  if (result.ok) throw new Error(`accepted: ${argv.join(' ')}`);
  return result.error;
};

describe('the demo’s options', () => {
  it('default to a 12-operator, 8-hour shift, seed 42, ending now, into .demo-output', () => {
    expect(parse()).toEqual({ ok: true, help: false, options: DEFAULTS });
    expect(DEFAULTS).toEqual({ operators: 12, hours: 8, seed: 42, out: '.demo-output', start: undefined, json: false });
  });

  it('read every option, as --name value or --name=value', () => {
    const result = parse('--operators', '20', '--hours=0.5', '--seed', '0', '--out', 'shift', '--start', '2026-01-05T08:00:00+02:00', '--json');
    expect(result).toEqual({ ok: true, help: false, options: { operators: 20, hours: 0.5, seed: 0, out: 'shift', start: Date.parse('2026-01-05T06:00:00Z'), json: true } });
    expect(parse('--hours', '.25')).toMatchObject({ options: { hours: 0.25 } });
  });

  it('answer --help or -h whatever else is on the line', () => {
    for (const argv of [['--help'], ['-h'], ['--bogus', '--help'], ['--hours', '-3', '-h']]) expect(parse(...argv)).toMatchObject({ ok: true, help: true });
  });

  it('explain every option in the help, with its default and range, --start included', () => {
    for (const text of [
      '--operators N',
      'from 1 to 500 (default 12)',
      '--hours H',
      'at most 24',
      '(default 8)',
      '--seed N',
      'from 0 to 4294967295 (default 42)',
      '--start TIME',
      'ISO 8601',
      'over by now, so that no telemetry is dated in the future',
      '--out DIR',
      '(default .demo-output)',
      'report.html',
      '--json',
      '-h, --help',
      'OTEL_EXPORTER_OTLP_ENDPOINT',
    ]) {
      expect(USAGE).toContain(text);
    }
  });

  it('name the option at fault and what it takes, in one line', () => {
    const cases: Array<[string[], string]> = [
      [['--bogus', '1'], 'unknown option --bogus: the options are --operators, --hours, --seed, --start, --out, --json and --help'],
      [['-x'], 'unknown option -x: the options are'],
      [['--out'], '--out needs a value: a directory'],
      [['--out', '--json'], '--out needs a value'],
      [['--out='], '--out needs a value'],
      [['--hours', '-3'], '--hours "-3" is not allowed: expected a number of hours more than 0 and at most 24'],
      [['--hours', '0'], '--hours "0" is not allowed'],
      [['--hours', '24.5'], '--hours "24.5" is not allowed'],
      [['--hours', 'eight'], '--hours "eight" is not allowed'],
      [['--hours', 'Infinity'], '--hours "Infinity" is not allowed'],
      [['--operators', '1.5'], '--operators "1.5" is not allowed: expected a whole number of operators from 1 to 500'],
      [['--operators', '-2'], '--operators "-2" is not allowed'],
      [['--operators', '0'], '--operators "0" is not allowed'],
      [['--operators', '501'], '--operators "501" is not allowed'],
      [['--operators', '1e2'], '--operators "1e2" is not allowed'],
      [['--seed', '1.5'], '--seed "1.5" is not allowed: expected a whole number from 0 to 4294967295'],
      [['--seed', '-1'], '--seed "-1" is not allowed'],
      [['--seed', '4294967296'], '--seed "4294967296" is not allowed'],
      [['--start', 'yesterday'], '--start "yesterday" is not allowed: expected an ISO 8601 date-time in 2000 or later and before now'],
      [['--start', '2026-01-05'], '--start "2026-01-05" is not allowed'],
      [['--start', '2026-02-30T08:00:00Z'], '--start "2026-02-30T08:00:00Z" is not allowed'],
      [['--start', '1999-12-31T23:00:00Z'], '--start "1999-12-31T23:00:00Z" is not allowed'],
      [['--start', '2026-03-10T12:00:01Z'], '--start 2026-03-10T12:00:01Z is in the future (it is now 2026-03-10T12:00:00.000Z)'],
      [['--json=yes'], '--json takes no value'],
      [['20'], 'unexpected argument "20": options are written --name value'],
    ];
    for (const [argv, message] of cases) {
      const text = error(...argv);
      expect(text, argv.join(' ')).toContain(message);
      expect(text, argv.join(' ')).not.toContain('\n');
    }
  });

  it('take an ISO 8601 date-time with or without seconds, fraction and offset, and only a real one', () => {
    expect(parseDateTime('2026-01-05T08:00Z')).toBe(Date.parse('2026-01-05T08:00:00Z'));
    expect(parseDateTime('2026-01-05T08:00:30.5-03:30')).toBe(Date.parse('2026-01-05T11:30:30.500Z'));
    expect(parseDateTime('2028-02-29T00:00:00Z')).toBe(Date.parse('2028-02-29T00:00:00Z'));
    expect(parseDateTime('2026-01-05T08:00')).toBe(new Date(2026, 0, 5, 8, 0).getTime()); // local time, as JavaScript reads it
    for (const bad of [
      '2027-02-29T00:00Z',
      '2026-04-31T00:00Z',
      '2026-13-01T00:00Z',
      '2026-01-05T24:00Z',
      '2026-01-05T08:60Z',
      '2026-01-05T08:00:60Z',
      '2026-01-05 08:00Z',
      '2026-01-05T08:00+25:00',
      'now',
    ]) {
      expect(parseDateTime(bad), bad).toBeUndefined();
    }
  });
});
