import { BadUserInputError } from './errors';

/**
 * Opaque global ids: base64url of "Type:id". Clients must not parse them; the encoding lets `node`
 * route an id to its type without a lookup table.
 */
export function toGlobalId(type: string, id: number): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

/** The numeric id inside a global id of the expected type, or null for anything else. */
export function fromGlobalId(globalId: string, expectedType?: string): { type: string; id: number } | null {
  if (globalId.length === 0 || globalId.length > 64 || !/^[A-Za-z0-9_-]+$/.test(globalId)) return null;
  const match = /^([A-Za-z]+):([1-9][0-9]{0,15})$/.exec(Buffer.from(globalId, 'base64url').toString('utf8'));
  if (!match) return null;
  const id = Number(match[2]);
  if (!Number.isSafeInteger(id) || (expectedType && match[1] !== expectedType)) return null;
  return { type: match[1], id };
}

/** For arguments that must be an id of one type: a malformed or foreign-typed id is a user error. */
export function requireGlobalId(globalId: string, expectedType: string, argumentName: string): number {
  const parsed = fromGlobalId(globalId, expectedType);
  if (!parsed) throw new BadUserInputError(`${argumentName} is not a valid ${expectedType} id`, argumentName);
  return parsed.id;
}
