import { boundHeapGrowth } from '../../src/server/heap-growth';

describe(boundHeapGrowth.name, () => {
  it('sets the growth factor when the operator chose none', () => {
    expect(boundHeapGrowth([], '')).toBe(true);
    expect(boundHeapGrowth(['--enable-source-maps'], '--max-old-space-size=512')).toBe(true);
  });

  it('leaves an operator\'s choice alone, on the command line or in NODE_OPTIONS, in either spelling', () => {
    expect(boundHeapGrowth(['--heap-growing-percent=0'], '')).toBe(false);
    expect(boundHeapGrowth([], '--enable-source-maps --heap_growing_percent=50')).toBe(false);
    expect(boundHeapGrowth(['--heap-growing-percent'], '')).toBe(false);
  });

  it('is not fooled by a flag that only starts alike', () => {
    expect(boundHeapGrowth(['--heap-growing-percentage-of-nothing=3'], '')).toBe(true);
  });
});
