import { GraphQLEnumType, GraphQLInputType, GraphQLNamedType, isEnumType, isListType, isNonNullType } from 'graphql';
import type { IdsByType } from './seed-ids';

const globalId = (raw: string) => Buffer.from(raw, 'utf8').toString('base64url');

/** What the generator knows: the ids the acting key owns and ids it must not reach (another partner's). */
export interface IdPool {
  own: IdsByType;
  foreign: IdsByType;
}

const ID_TYPES: Record<string, string> = {
  merchantId: 'Merchant', planId: 'Plan', applicationId: 'Application', repaymentId: 'Repayment', partnerId: 'Partner',
  programId: 'FinancingProgram', apiKeyId: 'ApiKey', offerId: 'Offer',
};
/** Root fields whose `id` argument names one type. */
const FIELD_TYPES: Record<string, string> = { plan: 'Plan', merchant: 'Merchant', application: 'Application' };

/** The type an id argument names, from its name (`planId` → Plan), or undefined for any node. */
function idTypeOf(argumentName: string, fieldName?: string): string | undefined {
  return ID_TYPES[argumentName] ?? (argumentName === 'id' && fieldName ? FIELD_TYPES[fieldName] : undefined);
}

const first = (ids: IdsByType, type: string | undefined): string | undefined =>
  type ? ids[type]?.[0] : Object.values(ids).find((list) => list.length > 0)?.[0];

/** Another type's real id: right shape, wrong type. */
const otherTypesId = (ids: IdsByType, type: string | undefined): string | undefined =>
  Object.entries(ids).find(([name, list]) => name !== type && name !== 'Offer' && list.length > 0)?.[1][0];

/** Ids a client might send by mistake or on purpose: malformed, forged, of another type, another partner's. */
export function hostileIds(pool: IdPool, type: string | undefined): unknown[] {
  const name = type ?? 'Plan';
  return [
    first(pool.foreign, type), otherTypesId(pool.own, type), '', ' ', 'x', '\u0000', '🙂', '%00', 'A'.repeat(5000), globalId(`${name}:0`),
    globalId(`${name}:-1`), globalId(`${name}:99999999999999999999`), globalId(`${name}:9007199254740993`), globalId('Nope:1'),
    globalId(`${name}:1\u0000`), globalId(`${name}:1e3`), first(pool.own, type), 12345, null,
  ].filter((value) => value !== undefined);
}

/**
 * Texts whose length is not what a naive count says once stored: lowercasing (İ → i + U+0307),
 * uppercasing (ß → SS), NFC (e + U+0301 → é shrinks, U+FB2C grows to 3 code points), surrogate
 * pairs (1 code point, 2 UTF-16 units), variation selectors (class-validator's MaxLength skips
 * them, MariaDB counts them), unpaired surrogates (no database stores them as sent), whitespace a
 * name loses when trimmed. Sized around the columns' lengths (32 to 500).
 */
const CHANGING_LENGTH = [
  '\u0130'.repeat(128), 'ß'.repeat(128), 'e\u0301'.repeat(128), '\ufb2c'.repeat(100), '🙂'.repeat(128), '\u2764\ufe0f'.repeat(128),
  '\udc00a\ud800', ` \u3000${'a'.repeat(100)}\u3000 `, ' \t\u3000 ',
];

/** Values GraphQL refuses for a String, which its messages used to quote: a phone as a number, an email in a list (issue 25, item 8). */
const WRONG_TYPES = [15550142377, ['zebediah.quackenbush@example.org'], { email: 'zebediah.quackenbush@example.org' }, true];

/** 254 UTF-16 units, a valid address, 255 code points once lowercased (the finding of issue 25, item 3). */
const DOTTED_I_EMAIL = `\u0130aaaaa@${['d', 'e', 'f', 'g'].map((label) => label.repeat(60)).join('.')}.org`;

/**
 * Hostile values of one named input type, for a leaf whose argument or field is called `name`. The
 * sharpest comes first (another partner's id, a value past the column, a day before any loan): when
 * only a few values of a leaf are sent, that one always is.
 */
export function hostileLeafValues(type: GraphQLNamedType, name: string, pool: IdPool, fieldName?: string): unknown[] {
  switch (type.name) {
    case 'ID': return hostileIds(pool, idTypeOf(name, fieldName));
    case 'String':
      if (name === 'offerId') return [...hostileIds(pool, 'Offer'), 'Estimate:1'];
      if (name === 'after' || name === 'before') return ['', 'x', '\u0000', 'A'.repeat(5000), globalId('cursor:-1'), globalId('Plan:1'), 'MTIz', null];
      return [...(name === 'email' ? [DOTTED_I_EMAIL] : []), 'x'.repeat(20000), '', ' ', '\u0000', '🙂'.repeat(500), 'Robert\'); DROP TABLE plans;--', '\ud800',
        '\u202e\u0301', 'a@b', ...CHANGING_LENGTH, ...WRONG_TYPES, 42, null];
    case 'Int': return [2147483647, 0, -1, 1, 100, 101, -2147483648, 2.5, '1', null];
    case 'Boolean': return [true, false, 'true', null];
    case 'Decimal': return ['99999999999999999999999999.99', '', '0', '-1', '-0.01', '0.001', '12.345', '1e3', 'NaN', 'Infinity', ' 5', '5 ',
      '1,000.00', '0x10', '\uff11\uff10', '10.00', 10, null];
    case 'Date': return ['1978-01-10', '9999-12-31', '0001-01-01', '2027-02-29', '2027-13-01', '2027-02-30', '', '2027-03-01T00:00:00Z',
      'today', '+275760-09-13', '2027-3-1', 20270301, null];
    case 'DateTime': return ['9999-12-31T23:59:59Z', '1978-01-10T00:00:00Z', '2027-02-30T00:00:00Z', 'garbage', '', 0, null];
    default:
      if (isEnumType(type)) return [...type.getValues().map((v) => v.name), 'NOPE', type.getValues()[0].name.toLowerCase(), '', null];
      return [null];
  }
}

/** A value of the right shape that the server should accept, so that one hostile leaf is tested at a time. */
export function validLeafValue(type: GraphQLNamedType, name: string, pool: IdPool, unique: () => string, fieldName?: string): unknown {
  if (name === 'idempotencyKey') return unique();
  if (name === 'offerId') return first(pool.own, 'Offer') ?? 'none';
  switch (type.name) {
    case 'ID': return first(pool.own, idTypeOf(name, fieldName)) ?? globalId('Plan:1');
    case 'String': return name === 'email' ? 'fuzz@example.com' : `fuzz ${name}`;
    case 'Int': return name === 'creditScore' ? 720 : name === 'termCount' ? 4 : 10;
    case 'Boolean': return true;
    case 'Decimal': return name === 'apr' || name === 'merchantFeeRate' ? '5.00' : '10.00';
    case 'Date': return '2027-03-01';
    case 'DateTime': return '2027-03-01T12:00:00Z';
    case 'CurrencyCode': return 'USD';
    default: return isEnumType(type) ? (type as GraphQLEnumType).getValues()[0].name : null;
  }
}

/** Whether a list input: `nodes(ids:)` gets hostile lists as well as hostile items. */
export function hostileLists(itemValues: unknown[], valid: unknown): unknown[][] {
  return [[], itemValues.slice(0, 5), Array.from({ length: 101 }, () => valid), [valid, valid], [null]];
}

export const isList = (type: GraphQLInputType): boolean => isListType(isNonNullType(type) ? type.ofType : type);
