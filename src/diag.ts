import { diag } from '@opentelemetry/api';
import { INSTRUMENTATION_SCOPE } from './semconv.js';

/** The package's diag logger: silent until the application sets one (`diag.setLogger`). */
export const ccDiag = diag.createComponentLogger({ namespace: INSTRUMENTATION_SCOPE });
