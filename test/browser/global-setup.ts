// Global set-up of the browser suite: the collector only (see test/e2e/global-setup.ts).
import { binariesSetup } from '../e2e/global-setup.ts';

export const { setup, teardown } = binariesSetup(['collector']);
