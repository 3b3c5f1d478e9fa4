import type { CallCenterEventType } from '../events/enums.js';
import { EVENT_RULES, type EventRules, type FieldRule } from '../events/field-rules.js';
import type { PrivacyAction, PrivacyPolicy } from '../privacy/policy.js';
import type { AttributeShape } from './attributes.js';

/** One field of one event type as one instrumentation handles it: its contract rule and what its privacy policy does. */
export interface FieldStep {
  readonly rule: FieldRule;
  readonly action: PrivacyAction;
  /** Kept as it is (not hashed, not `meta`): the common case, written without a call. */
  readonly plain: boolean;
  /** The rule's index (the slot). */
  readonly index: number;
  /** 1 for a required field: what it adds to the event's count of required fields present. */
  readonly required: number;
  /** Whether the field goes into the attribute set (the policy does not drop it). */
  readonly out: boolean;
  /**
   * The last value this field accepted as it is, without a refusal: the same
   * value again passes without its check (read.ts). Events repeat most
   * values (enum values, a contact's ids on each of its events, flags,
   * figures). Never a time (its window moves with the clock), `meta`, a zero
   * (0 and -0 are ===) or a string of a field the policy hashes or drops:
   * nothing is kept here that is not also exported as it is.
   */
  accepted: unknown;
  /** For a date-time field exported as it is, the last one taken and its epoch ms (its check still runs: the window moves). */
  time: string | undefined;
  timeMs: number;
}

/** The limits an instrumentation bounds values with (see bounds.ts). */
export interface PlanLimits {
  readonly maxClockSkewMs: number;
  readonly maxStringLength: number;
}

/**
 * How one instrumentation takes in events of one type: each field's step,
 * its privacy policy and limits, and the steps of the last event's keys by
 * position. Events from one producer have the same keys in the same order,
 * so a key usually finds its step by one pointer comparison instead of a
 * lookup by name.
 */
export class EventPlan {
  readonly type: CallCenterEventType;
  readonly rules: EventRules;
  readonly policy: PrivacyPolicy;
  readonly limits: PlanLimits;
  readonly #byName: ReadonlyMap<string, FieldStep>;
  readonly #byIndex: readonly FieldStep[];
  readonly #lastKeys: string[] = [];
  readonly #lastSteps: Array<FieldStep | undefined> = [];
  /** The shape of the last attribute set built key by key (attributes.ts): its template. */
  shape: AttributeShape | undefined;

  constructor(rules: EventRules, policy: PrivacyPolicy, limits: PlanLimits) {
    this.type = rules.type;
    this.rules = rules;
    this.policy = policy;
    this.limits = limits;
    const actions = policy.actions as Readonly<Record<string, PrivacyAction>>;
    this.#byName = new Map(
      rules.list.map((rule) => {
        const action = actions[rule.attribute] ?? 'keep';
        const step: FieldStep = {
          rule,
          action,
          plain: action === 'keep' && rule.format !== 'ANY',
          index: rule.index,
          required: rule.optional ? 0 : 1,
          out: action !== 'drop',
          accepted: undefined,
          time: undefined,
          timeMs: NaN,
        };
        return [rule.name, step];
      }),
    );
    this.#byIndex = rules.list.map((rule) => this.#byName.get(rule.name)!);
    this.shape = undefined;
  }

  /** The step of the field at a rule index. */
  stepAt(index: number): FieldStep {
    return this.#byIndex[index]!;
  }

  /** The step of the event's `position`-th key, or undefined for a key the contract does not know. */
  step(position: number, key: string): FieldStep | undefined {
    if (this.#lastKeys[position] === key) return this.#lastSteps[position];
    const step = this.#byName.get(key);
    this.#lastKeys[position] = key;
    this.#lastSteps[position] = step;
    return step;
  }
}

/** One plan per event type, for one privacy policy and set of limits. */
export function createEventPlans(policy: PrivacyPolicy, limits: PlanLimits): Readonly<Record<CallCenterEventType, EventPlan>> {
  return {
    break: new EventPlan(EVENT_RULES.break, policy, limits),
    contact: new EventPlan(EVENT_RULES.contact, policy, limits),
    ops_scorecard: new EventPlan(EVENT_RULES.ops_scorecard, policy, limits),
  };
}
