import { ApiKey, ApplicantCreditLock, Application, IdempotencyRecord, Merchant, Partner, Refund, Repayment } from '../../entities';
import { characterColumnLength as column } from '../../entities/column-bounds';

/** What a submitted text becomes before it is stored. */
type Form = (sent: string) => string;

/** Names are compared and shown: one canonical composition (NFC), no surrounding whitespace. */
const name: Form = (sent) => sent.normalize('NFC').trim();

/**
 * One shopper is one email whatever the partner or storefront (README "Underwriting"): also
 * lowercased, which can change the length (İ becomes i + U+0307) and leave a string that is not
 * NFC, hence normalized again after.
 */
const email: Form = (sent) => sent.normalize('NFC').trim().toLowerCase().normalize('NFC');

/** Idempotency keys are compared exactly, phones are ASCII by their pattern, reasons are notes: kept as sent. */
const exact: Form = (sent) => sent;

/** A UTF-16 surrogate without its pair: no database stores it as sent (mysql2 writes U+FFFD for it). */
const LONE_SURROGATE = /\p{Cs}/u;

export type StoredTextRefusal = 'MALFORMED' | 'TOO_SHORT' | 'TOO_LONG';

/** Code points, the unit MariaDB counts a utf8mb4 VARCHAR in (an emoji is 1, though 2 UTF-16 units). */
export function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

/**
 * A text a partner sends that Tenor stores: how it is stored, and its bounds counted on what is
 * stored, in the database's unit, so that nothing validation accepts can be refused by a column.
 * Validation (resolvers/common/input-validation.ts) and the services that write share this object.
 */
export class StoredText {
  constructor(readonly store: Form, readonly minLength: number, readonly maxLength: number) {}

  /** Why `sent` cannot be stored, or null. */
  refusal(sent: string): StoredTextRefusal | null {
    if (LONE_SURROGATE.test(sent)) return 'MALFORMED';
    const stored = this.store(sent);
    // Code points never outnumber UTF-16 units, nor fall below half of them: most texts need no count.
    if (stored.length > this.maxLength && codePoints(stored) > this.maxLength) return 'TOO_LONG';
    if (stored.length < 2 * this.minLength && codePoints(stored) < this.minLength) return 'TOO_SHORT';
    return null;
  }
}

/** Stored in several columns: the shortest bounds them all. */
const shortest = (...lengths: number[]) => Math.min(...lengths);

/** Every submitted text Tenor stores, with its column(s): lengths come from the entities, never from here. */
export const STORED_TEXT = {
  applicantFirstName: new StoredText(name, 1, column(Application, 'applicantFirstName')),
  applicantLastName: new StoredText(name, 1, column(Application, 'applicantLastName')),
  // The application's row and the applicant's credit lock (exposure.ts) both hold it.
  applicantEmail: new StoredText(email, 1, shortest(column(Application, 'applicantEmail'), column(ApplicantCreditLock, 'email'))),
  applicantPhone: new StoredText(exact, 0, column(Application, 'applicantPhone')),
  refundReason: new StoredText(exact, 0, column(Refund, 'reason')),
  reversalReason: new StoredText(exact, 0, column(Repayment, 'reversalReason')),
  partnerName: new StoredText(name, 1, column(Partner, 'name')),
  merchantName: new StoredText(name, 1, column(Merchant, 'name')),
  apiKeyName: new StoredText(name, 1, column(ApiKey, 'name')),
  idempotencyKey: new StoredText(exact, 1, column(IdempotencyRecord, 'idempotencyKey')),
} as const;
