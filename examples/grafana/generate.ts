/*
 * `npm run dashboards`: writes call-center-dashboard.json from dashboard.ts.
 * test/examples/grafana/dashboard.test.ts fails while the checked-in file differs.
 */
import { writeFileSync } from 'node:fs';
import { renderDashboard } from './dashboard.ts';

const path = new URL('call-center-dashboard.json', import.meta.url);
writeFileSync(path, renderDashboard());
console.log(`wrote ${path.pathname}`);
