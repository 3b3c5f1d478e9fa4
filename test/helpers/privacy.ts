import { SENSITIVE_ATTRIBUTES, type CallCenterPrivacyConfig } from '../../src/index.js';

/** A privacy configuration that keeps every sensitive attribute: for tests of what reaches the exporters. */
export const KEEP_ALL: CallCenterPrivacyConfig = Object.freeze({
  fields: Object.freeze(Object.fromEntries(SENSITIVE_ATTRIBUTES.map((name) => [name, 'keep' as const]))),
});
