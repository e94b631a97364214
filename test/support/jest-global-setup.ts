import { openTemplateRun } from './seed-template-run';

/** jest.config.js globalSetup: one folder of seed templates for the whole run (seed-template.ts). */
export default function globalSetup(): void {
  openTemplateRun();
}
