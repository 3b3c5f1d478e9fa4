import type * as z from 'zod/mini';

type Check = (value: unknown) => boolean;

export interface FieldCheck {
  readonly name: string;
  readonly optional: boolean;
  readonly check: Check;
}

/** What validation needs to know of an event schema, read off it once. */
export interface EventSpec {
  /** Each field's contract format: STRING, FLOAT, INTEGER, BOOLEAN or ANY. */
  readonly formats: Readonly<Record<string, string>>;
  /** The fields the contract knows. */
  readonly known: ReadonlySet<string>;
  /** Each field's check, for the valid-case path (attributes.ts). */
  readonly fields: readonly FieldCheck[];
}

const FORMAT: Record<string, string> = { string: 'STRING', enum: 'STRING', boolean: 'BOOLEAN', number: 'FLOAT' };

type Def = z.core.$ZodTypeDef & {
  innerType?: z.core.$ZodType;
  entries?: Record<string, unknown>;
};

/** A check attached to a schema, as far as this file reads it: the event schemas use refinements only. */
type CheckDef = { check?: string; fn?: (value: unknown) => unknown; params?: { format?: string } };

const checksOf = (def: Def) => (def.checks ?? []).map((c) => c._zod.def as CheckDef);

const BASE: Record<string, Check> = {
  string: (v) => typeof v === 'string',
  number: (v) => Number.isFinite(v),
  boolean: (v) => typeof v === 'boolean',
  unknown: () => true,
};

/** The check of one field, read off its zod schema; undefined for a kind this file does not know. */
function checkOf(def: Def): Check | undefined {
  if (def.type === 'enum') {
    const values = new Set(Object.values(def.entries ?? {}));
    return (v) => values.has(v);
  }
  const base = BASE[def.type];
  const checks = checksOf(def);
  if (!base || checks.length > 1 || checks.some((c) => c.check !== 'custom' || !c.fn)) return undefined;
  const refine = checks[0]?.fn;
  return refine ? (v) => base(v) && Boolean(refine(v)) : base;
}

/**
 * Reads an event schema once: each field's format, and a check per field for
 * the valid-case path of the event mapper (attributes.ts), which accepts or
 * hands the event to zod's own parser for the verdict and the error. Derived
 * from the zod schema, so the schema stays the one source of truth. It exists
 * because zod's own compiler (z.compile) is 29 kB of minified code in a
 * browser bundle, and zod's interpreter costs ~1.4 µs per contact event.
 */
export function describeSchema(schema: z.ZodMiniObject): EventSpec {
  const fields: FieldCheck[] = [];
  const formats: Record<string, string> = {};
  for (const [name, fieldSchema] of Object.entries(schema._zod.def.shape)) {
    let def = (fieldSchema as z.core.$ZodType)._zod.def as Def;
    const optional = def.type === 'optional';
    if (optional) def = def.innerType!._zod.def as Def;
    formats[name] = checksOf(def)[0]?.params?.format === 'INTEGER' ? 'INTEGER' : (FORMAT[def.type] ?? 'ANY');
    // A kind this file does not know never passes here: zod decides such a field.
    fields.push({ name, optional, check: checkOf(def) ?? (() => false) });
  }
  return { formats, known: new Set(Object.keys(formats)), fields };
}
