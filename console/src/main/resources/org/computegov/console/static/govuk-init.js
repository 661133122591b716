import { initAll } from '/console/assets/govuk/govuk-frontend.min.js';
initAll();
