import { RepeatMemo } from '../../src/engine/repeat-memo';

describe(RepeatMemo.name, () => {
  it('keeps a value from its second miss among the recent ones, never from its first', () => {
    const memo = new RepeatMemo<number>(4, 2);
    memo.missedWith('a', 1);
    expect(memo.get('a')).toBeUndefined();
    memo.missedWith('a', 1);
    expect(memo.get('a')).toBe(1);
  });

  it('forgets misses older than its window, so one-off keys never enter', () => {
    const memo = new RepeatMemo<number>(4, 2);
    for (const key of ['a', 'b', 'c', 'a', 'b', 'c']) memo.missedWith(key, 0); // each one's first miss has left the window
    expect(['a', 'b', 'c'].map((key) => memo.get(key))).toEqual([undefined, undefined, undefined]);
  });

  it('holds at most its capacity', () => {
    const memo = new RepeatMemo<number>(2, 8);
    for (const key of ['a', 'a', 'b', 'b', 'c', 'c']) memo.missedWith(key, key.charCodeAt(0));
    expect(['a', 'b', 'c'].map((key) => memo.get(key))).toEqual([undefined, undefined, 99]);
  });
});
