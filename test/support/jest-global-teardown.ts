import { closeTemplateRun } from './seed-template-run';

/** jest.config.js globalTeardown: removes the run's seed templates, files and MariaDB databases. */
export default async function globalTeardown(): Promise<void> {
  await closeTemplateRun();
}
