/**
 * Keeps a label whose values come from data (partner ids, decline reasons) bounded: the first
 * `max` distinct values are kept, any further value becomes `other`. The partners table holds tens
 * of rows, so the budget is never reached in practice; it exists so a bug or an abuse cannot turn
 * into an unbounded number of series.
 */
export class LabelBudget {
  private readonly seen = new Set<string>();

  constructor(private readonly max: number) {}

  label(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return 'other';
    this.seen.add(value);
    return value;
  }
}
