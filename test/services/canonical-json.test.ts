import fc from 'fast-check';
import { canonicalJson } from '../../src/services/lifecycle/idempotency';

/** Runs `work` while String.prototype.localeCompare collates as `locale` would (what a host's LANG changes). */
function underLocale<T>(locale: string, work: () => T): T {
  const original = String.prototype.localeCompare;
  const collator = new Intl.Collator(locale);
  String.prototype.localeCompare = function compare(this: string, other: string) { return collator.compare(this, other); };
  try {
    return work();
  } finally {
    String.prototype.localeCompare = original;
  }
}

describe(canonicalJson.name, () => {
  // Keys whose order differs between code points and at least one of these collations.
  const input = { b: 1, B: 2, a: { z: 1, ä: 2, Z: 3 }, I: 4, ı: 5, i: 6, '10': 7, '9': 8, list: [{ y: 1, x: 2 }] };

  it('orders keys by UTF-16 code units', () => {
    expect(canonicalJson(input)).toBe('{"10":7,"9":8,"B":2,"I":4,"a":{"Z":3,"z":1,"ä":2},"b":1,"i":6,"list":[{"x":2,"y":1}],"ı":5}');
  });

  it('gives the same text under every locale', () => {
    const texts = ['en-US', 'sv-SE', 'tr-TR', 'de-DE-u-co-phonebk'].map((locale) => underLocale(locale, () => canonicalJson(input)));
    expect(new Set(texts).size).toBe(1);
  });

  it('is the same for any key order of equal objects', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string())), (object) => {
      const reversed = Object.fromEntries(Object.entries(object).reverse());
      expect(canonicalJson(reversed)).toBe(canonicalJson(object));
      expect(JSON.parse(canonicalJson(object))).toEqual(object);
    }), { numRuns: process.env.CI ? 2000 : 300 });
  });

  it('leaves out undefined values, as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });
});
