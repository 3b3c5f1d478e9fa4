import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_CONTACT_CUSTOMER_ID,
  ATTR_CONTACT_EXTENSION,
  ATTR_CONTACT_INCIDENT_ID,
  ATTR_CONTACT_PHONE_ID,
  ATTR_CONTACT_REMARKS,
  ATTR_CONTACT_SUMMARY,
  ATTR_META,
  ATTR_OPS_SCORECARD_REMARKS,
  ATTR_TRANSFER_REMARKS,
  ATTR_TRANSFER_SUMMARY,
} from '../semconv.js';
import { configError } from '../errors.js';
import { MAX_ID_LENGTH } from '../ingest/bounds.js';
import { HmacSha256 } from './hmac-sha256.js';

/** What happens to a sensitive attribute before anything is emitted. */
export type PrivacyAction = 'keep' | 'hash' | 'drop';

/** Identifiers: joinable across events when hashed with a key. */
const ID_ATTRIBUTES = [ATTR_CONTACT_CUSTOMER_ID, ATTR_CONTACT_PHONE_ID, ATTR_CONTACT_EXTENSION, ATTR_CONTACT_INCIDENT_ID] as const;
/** Free text and `meta`: anything may be in them. */
const TEXT_ATTRIBUTES = [ATTR_CONTACT_SUMMARY, ATTR_CONTACT_REMARKS, ATTR_TRANSFER_SUMMARY, ATTR_TRANSFER_REMARKS, ATTR_OPS_SCORECARD_REMARKS, ATTR_META] as const;

/** The attributes the privacy policy governs. */
export const SENSITIVE_ATTRIBUTES = [...ID_ATTRIBUTES, ...TEXT_ATTRIBUTES] as const;
export type SensitiveAttribute = (typeof SENSITIVE_ATTRIBUTES)[number];

/** What the redaction hook is told about the attribute set it receives. */
export interface RedactInfo {
  /** `break`, `contact` or `ops_scorecard`. */
  readonly eventType: string;
  /** The event's action, where it has one. */
  readonly action?: string;
}

/**
 * The last word on every outgoing attribute set, after the policy: return a
 * new set, or change the given one in place and return nothing. If it throws,
 * the event is dropped (fail closed), counted and reported.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a hook that changes the set in place is typed `=> void`, which `Attributes | undefined` would refuse.
export type RedactFunction = (attributes: Attributes, info: RedactInfo) => Attributes | void;

/** The `privacy` option. */
export interface CallCenterPrivacyConfig {
  /**
   * HMAC-SHA-256 key for `hash`. Without it, `hash` is refused and ids are dropped.
   * @default undefined
   */
  key?: string | Uint8Array;
  /**
   * Per sensitive attribute: `keep`, `hash` or `drop`.
   * @default free text and meta: 'drop'; ids: 'hash' with a key, else 'drop'
   */
  fields?: Partial<Record<SensitiveAttribute, PrivacyAction>>;
  /**
   * Called with each event's attributes after the policy.
   * @default undefined
   */
  redact?: RedactFunction;
}

export interface PrivacyPolicy {
  /** The action for every sensitive attribute. */
  readonly actions: Readonly<Record<SensitiveAttribute, PrivacyAction>>;
  /** Keyed hash, lowercase hex; only called for attributes whose action is `hash`. */
  hash(value: string): string;
  readonly redact: RedactFunction | undefined;
}

/** Distinct values whose hash is remembered: a contact's ids repeat on every one of its events. */
const HASH_CACHE_MAX = 4096;

/** Builds the policy from the config; throws TypeError on anything unusable, naming it. */
export function createPrivacyPolicy(config: CallCenterPrivacyConfig | undefined): PrivacyPolicy {
  const { key, fields = {}, redact } = config ?? {};
  if (key !== undefined && !(typeof key === 'string' || key instanceof Uint8Array)) {
    throw configError('privacy.key', 'expected a string or a Uint8Array');
  }
  if (key !== undefined && key.length === 0) {
    throw configError('privacy.key', 'must not be empty');
  }
  if (typeof fields !== 'object' || fields === null) {
    throw configError('privacy.fields', 'expected an object of sensitive attribute names to actions');
  }
  if (redact !== undefined && typeof redact !== 'function') {
    throw configError('privacy.redact', 'expected a function');
  }
  const actions = {} as Record<SensitiveAttribute, PrivacyAction>;
  for (const name of ID_ATTRIBUTES) actions[name] = key ? 'hash' : 'drop';
  for (const name of TEXT_ATTRIBUTES) actions[name] = 'drop';
  for (const [name, action] of Object.entries(fields)) {
    if (!(SENSITIVE_ATTRIBUTES as readonly string[]).includes(name)) {
      throw configError('privacy.fields', `${name} is not a sensitive attribute; expected one of ${SENSITIVE_ATTRIBUTES.join(', ')}`);
    }
    if (action !== 'keep' && action !== 'hash' && action !== 'drop') {
      throw configError(`privacy.fields["${name}"]`, `expected 'keep', 'hash' or 'drop'`);
    }
    if (action === 'hash' && !key) {
      throw configError(`privacy.fields["${name}"]`, `'hash' needs privacy.key, which is not set`);
    }
    actions[name as SensitiveAttribute] = action;
  }

  const hmac = key ? new HmacSha256(key) : undefined;
  const cache = new Map<string, string>();
  return {
    actions,
    redact,
    hash(value) {
      let digest = cache.get(value);
      if (digest === undefined) {
        // Unreachable without a key: 'hash' is refused above when there is none.
        digest = hmac!.hex(value);
        // Only ids repeat (a contact's, on each of its events), and only they are short: long free text would make the cache's bytes grow with maxStringLength.
        if (value.length <= MAX_ID_LENGTH) {
          if (cache.size >= HASH_CACHE_MAX) cache.clear();
          cache.set(value, digest);
        }
      }
      return digest;
    },
  };
}
