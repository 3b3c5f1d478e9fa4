/** This package's version, the version of its instrumentation scope (a test keeps it equal to package.json's). */
export const VERSION = '0.1.0';

/**
 * The scope's schema URL: the OpenTelemetry semantic conventions this
 * package follows where it uses them (`error.type`), those of the
 * `@opentelemetry/semantic-conventions` release it depends on.
 */
export const SCHEMA_URL = 'https://opentelemetry.io/schemas/1.45.0' as const;
