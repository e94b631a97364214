import fs from 'node:fs';

/**
 * Records a measured figure (time to first answer, latency, rate) for the closing notes of a fault
 * run: appended as one JSON line to $FAULT_FIGURES_FILE when set, otherwise dropped.
 */
export function recordFigure(scenario: string, name: string, value: number): void {
  const file = process.env.FAULT_FIGURES_FILE;
  if (file) fs.appendFileSync(file, `${JSON.stringify({ scenario, name, value: Math.round(value) })}\n`);
}
