import { getNamedType, GraphQLString, isInputObjectType } from 'graphql';
import { ApiKey, ApplicantCreditLock, Application, IdempotencyRecord, Merchant, Partner, Refund, Repayment } from '../../entities';
import { loadPublishedSchema } from '../support/fuzz/fuzz-run';
import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { postQuery, RawResponse } from '../support/raw-http';
import { onMysql } from '../support/test-database';

// Every text a partner sends that Tenor stores, at its column's length and one past it, built from
// characters whose length changes on the way to the database: MariaDB counts utf8mb4 code points,
// JavaScript's `.length` UTF-16 units, class-validator's MaxLength neither (it skips variation
// selectors), and normalization (NFC, trimming, lowercasing of emails) shrinks or grows them. SQLite
// enforces no length, so each stored value is also measured against the entity's column metadata
// and by the database's own character count.

let t: TestGateway;
let merchantId: string;
let partnerId: string;

beforeAll(async () => {
  t = await startTestGateway('stored_form');
  const seen = await postQuery(t.url, KEYS.acme, '{ viewer { partner { id } } merchants(first: 10) { nodes { id currency } } }');
  if (!seen.body.data) throw new Error(seen.text);
  const data = seen.body.data as { viewer: { partner: { id: string } }; merchants: { nodes: { id: string; currency: string }[] } };
  partnerId = data.viewer.partner.id;
  merchantId = data.merchants.nodes.find((m) => m.currency === 'USD')!.id;
});
afterAll(() => t.close());

type Entity = new () => unknown;
type Form = 'name' | 'email' | 'exact';

/** A character sent, and what each stored form makes of it (written out, not computed by the code under test). */
interface Unit { label: string; sent: string; name: string; email: string; exact: string }
const UNITS: Unit[] = [
  { label: 'an emoji (1 code point, 2 UTF-16 units)', sent: '🙂', name: '🙂', email: '', exact: '🙂' },
  { label: 'e + combining acute (NFC: é)', sent: 'e\u0301', name: '\u00e9', email: '\u00e9', exact: 'e\u0301' },
  { label: 'İ (lowercased: i + combining dot)', sent: '\u0130', name: '\u0130', email: 'i\u0307', exact: '\u0130' },
  { label: 'a heart with a variation selector (2 code points)', sent: '\u2764\ufe0f', name: '\u2764\ufe0f', email: '', exact: '\u2764\ufe0f' },
  { label: 'ß (uppercased: SS)', sent: 'ß', name: 'ß', email: 'ß', exact: 'ß' },
  { label: 'U+FB2C (NFC: 3 code points)', sent: '\ufb2c', name: '\u05e9\u05bc\u05c1', email: '\u05e9\u05bc\u05c1', exact: '\ufb2c' },
];
/** Every unit at once, for fields tested once (the idempotency key of each mutation). */
const MIXED: Unit = (['sent', 'name', 'email', 'exact'] as const).reduce((mixed, form) => ({ ...mixed, [form]: UNITS.map((u) => u[form]).join('') }),
  { label: 'all of them' } as Unit);

const codePoints = (text: string) => [...text].length;

/** `sent` whose stored form has exactly `length` code points: the unit repeated, padded with `a`. */
function ofLength(unit: Unit, form: Form, length: number): { sent: string; stored: string } {
  const size = codePoints(unit[form]);
  const times = Math.floor(length / size);
  const pad = 'a'.repeat(length - times * size);
  return { sent: unit.sent.repeat(times) + pad, stored: unit[form].repeat(times) + pad };
}

/** Names are trimmed: surrounding whitespace is sent but never counted. */
const sentAs = (form: Form, sent: string) => (form === 'name' ? ` \t${sent}\u3000` : sent);

/** An email whose stored (lowercased, NFC) form has exactly `length` code points: the unit in the local part, a long domain. */
function emailOfLength(unit: Unit, length: number): { sent: string; stored: string } {
  const local = { sent: `${unit.sent.repeat(5)}X`, stored: `${unit.email.repeat(5)}x` };
  const labels = length - codePoints(local.stored) - '@'.length - '.org'.length;
  let domain = 'd'.repeat(labels).replace(/d{50}(?=d)/g, (run) => `${run.slice(1)}.`);
  domain = `${domain}.org`;
  return { sent: `${local.sent}@${domain.toUpperCase()}`, stored: `${local.stored}@${domain}` };
}

interface Mutation { key: string; name: string; inputType: string; result: string }
const mutate = async (m: Mutation, input: Record<string, unknown>) => postQuery(t.url, m.key,
  `mutation($input: ${m.inputType}!) { ${m.name}(input: $input) { ${m.result} { id } userErrors { field code message } } }`, { input });
const payloadOf = (response: RawResponse, m: Mutation) => response.body.data?.[m.name] as { userErrors: { field: string[]; code: string }[] } & Record<string, { id: string } | null> | undefined;
const rowId = (globalId: string) => Number(Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]);

let unique = 0;
const nextKey = () => `stored-form-${++unique}`;

const M = {
  createApplication: { key: KEYS.acme, name: 'createApplication', inputType: 'CreateApplicationInput', result: 'application' },
  acceptOffer: { key: KEYS.acme, name: 'acceptOffer', inputType: 'AcceptOfferInput', result: 'plan' },
  capturePlan: { key: KEYS.acme, name: 'capturePlan', inputType: 'CapturePlanInput', result: 'plan' },
  voidPlan: { key: KEYS.acme, name: 'voidPlan', inputType: 'VoidPlanInput', result: 'plan' },
  cancelApplication: { key: KEYS.acme, name: 'cancelApplication', inputType: 'CancelApplicationInput', result: 'application' },
  recordRepayment: { key: KEYS.acme, name: 'recordRepayment', inputType: 'RecordRepaymentInput', result: 'repayment' },
  refundPlan: { key: KEYS.acme, name: 'refundPlan', inputType: 'RefundPlanInput', result: 'refund' },
  reverseRepayment: { key: KEYS.acme, name: 'reverseRepayment', inputType: 'ReverseRepaymentInput', result: 'repayment' },
  createPartner: { key: KEYS.admin, name: 'createPartner', inputType: 'CreatePartnerInput', result: 'partner' },
  createMerchant: { key: KEYS.admin, name: 'createMerchant', inputType: 'CreateMerchantInput', result: 'merchant' },
  createFinancingProgram: { key: KEYS.admin, name: 'createFinancingProgram', inputType: 'CreateFinancingProgramInput', result: 'program' },
  issueApiKey: { key: KEYS.admin, name: 'issueApiKey', inputType: 'IssueApiKeyInput', result: 'apiKey' },
} satisfies Record<string, Mutation>;

const usd = (amount: string) => ({ amount, currency: 'USD' });
const applicant = () => ({ firstName: 'Ada', lastName: 'Stored', email: `stored${++unique}@example.com`, creditScore: 760 });

/** Runs a step that must succeed and returns the global id of what it made. */
async function must(m: Mutation, input: Record<string, unknown>): Promise<string> {
  const response = await mutate(m, { idempotencyKey: nextKey(), ...input });
  const payload = payloadOf(response, m);
  if (!payload?.[m.result] || payload.userErrors.length) throw new Error(`${m.name} failed: ${response.text.slice(0, 300)}`);
  return payload[m.result]!.id;
}

/** The inputs of each step of a plan's life, each built on the one before. */
const steps = {
  application: async () => {
    const response = await mutate(M.createApplication, { merchantId, amount: usd('200.00'), applicant: applicant(), idempotencyKey: nextKey() });
    const application = (response.body.data!.createApplication as { application: { id: string } }).application.id;
    const offers = await postQuery(t.url, KEYS.acme, 'query($id: ID!) { application(id: $id) { offers { id kind } } }', { id: application });
    const offer = (offers.body.data!.application as { offers: { id: string; kind: string }[] }).offers.find((o) => o.kind === 'PAY_IN_4')!.id;
    return { application, offer };
  },
  authorized: async () => {
    const { application, offer } = await steps.application();
    return must(M.acceptOffer, { applicationId: application, offerId: offer });
  },
  captured: async () => {
    const plan = await steps.authorized();
    await must(M.capturePlan, { planId: plan });
    return plan;
  },
  repaid: async () => {
    const plan = await steps.captured();
    return must(M.recordRepayment, { planId: plan, amount: usd('10.00') });
  },
};

/** One text field of the schema bound to columns: how to send a value there, and where it is stored. */
interface TextField {
  field: string;
  mutation: Mutation;
  path: string[];
  form: Form;
  columns: [Entity, string][];
  units: Unit[];
  /** The mutation's input with `value` in this field (setting up what the mutation needs). */
  input(value: string): Promise<Record<string, unknown>>;
  /** The row holding the stored value, from the payload's id. */
  stored(response: RawResponse): Promise<{ entity: Entity; id: number; property: string }>;
  /** A value whose stored form has `length` code points, when the unit repeated is not one (a phone). */
  sample?(unit: Unit, length: number): { sent: string; stored: string };
}

const fromPayload = (m: Mutation, entity: Entity, property: string) => async (response: RawResponse) =>
  ({ entity, property, id: rowId(payloadOf(response, m)![m.result]!.id) });
const latestIdempotencyRecord = async () => {
  const [record] = await t.gateway.db.dataSource.getRepository(IdempotencyRecord).find({ order: { id: 'DESC' }, take: 1 });
  return { entity: IdempotencyRecord as Entity, property: 'idempotencyKey', id: record.id };
};

const applicantField = (name: string, property: keyof Application, form: Form, units: Unit[], columns: [Entity, string][] = [[Application, property]]): TextField => ({
  field: `ApplicantInput.${name}`, mutation: M.createApplication, path: ['input', 'applicant', name], form, units, columns,
  input: async (value) => ({ merchantId, amount: usd('200.00'), applicant: { ...applicant(), [name]: value }, idempotencyKey: nextKey() }),
  stored: fromPayload(M.createApplication, Application, property),
});

const NAME_UNITS = UNITS;
const EMAIL_UNITS = UNITS.filter((u) => u.email !== '');

const TEXT_FIELDS: TextField[] = [
  applicantField('firstName', 'applicantFirstName', 'name', NAME_UNITS),
  applicantField('lastName', 'applicantLastName', 'name', NAME_UNITS),
  applicantField('email', 'applicantEmail', 'email', EMAIL_UNITS, [[Application, 'applicantEmail'], [ApplicantCreditLock, 'email']]),
  {
    // Its pattern allows ASCII digits and separators only: stored as sent.
    ...applicantField('phone', 'applicantPhone', 'exact', [{ label: 'digits and separators', sent: '', name: '', email: '', exact: '' }]),
    sample: (_unit, length) => {
      const phone = `+1 (555) 867-5309${'.'.repeat(length - 17)}`;
      return { sent: phone, stored: phone };
    },
  },
  {
    field: 'RefundPlanInput.reason', mutation: M.refundPlan, path: ['input', 'reason'], form: 'exact', units: UNITS, columns: [[Refund, 'reason']],
    input: async (value) => ({ planId: await steps.captured(), amount: usd('5.00'), reason: value, idempotencyKey: nextKey() }),
    stored: fromPayload(M.refundPlan, Refund, 'reason'),
  },
  {
    field: 'ReverseRepaymentInput.reason', mutation: M.reverseRepayment, path: ['input', 'reason'], form: 'exact', units: UNITS, columns: [[Repayment, 'reversalReason']],
    input: async (value) => ({ repaymentId: await steps.repaid(), reason: value, idempotencyKey: nextKey() }),
    stored: fromPayload(M.reverseRepayment, Repayment, 'reversalReason'),
  },
  {
    // Partner names are unique: each case's is (one unit repeated), and the refused ones are never stored.
    field: 'CreatePartnerInput.name', mutation: M.createPartner, path: ['input', 'name'], form: 'name', units: UNITS, columns: [[Partner, 'name']],
    input: async (value) => ({ name: value, idempotencyKey: nextKey() }),
    stored: fromPayload(M.createPartner, Partner, 'name'),
  },
  {
    field: 'CreateMerchantInput.name', mutation: M.createMerchant, path: ['input', 'name'], form: 'name', units: UNITS, columns: [[Merchant, 'name']],
    input: async (value) => ({ partnerId, name: value, currency: 'USD', idempotencyKey: nextKey() }),
    stored: fromPayload(M.createMerchant, Merchant, 'name'),
  },
  {
    field: 'IssueApiKeyInput.name', mutation: M.issueApiKey, path: ['input', 'name'], form: 'name', units: UNITS, columns: [[ApiKey, 'name']],
    input: async (value) => ({ name: value, role: 'ANALYST', idempotencyKey: nextKey() }),
    stored: fromPayload(M.issueApiKey, ApiKey, 'name'),
  },
];

/** The idempotency key of every mutation that takes one, with that mutation's valid input. */
const KEYED: [string, Mutation, () => Promise<Record<string, unknown>>][] = [
  ['CreateApplicationInput', M.createApplication, async () => ({ merchantId, amount: usd('200.00'), applicant: applicant() })],
  ['AcceptOfferInput', M.acceptOffer, async () => {
    const { application, offer } = await steps.application();
    return { applicationId: application, offerId: offer };
  }],
  ['CancelApplicationInput', M.cancelApplication, async () => ({ applicationId: (await steps.application()).application })],
  ['CapturePlanInput', M.capturePlan, async () => ({ planId: await steps.authorized() })],
  ['VoidPlanInput', M.voidPlan, async () => ({ planId: await steps.authorized() })],
  ['RecordRepaymentInput', M.recordRepayment, async () => ({ planId: await steps.captured(), amount: usd('10.00') })],
  ['RefundPlanInput', M.refundPlan, async () => ({ planId: await steps.captured(), amount: usd('5.00') })],
  ['ReverseRepaymentInput', M.reverseRepayment, async () => ({ repaymentId: await steps.repaid() })],
  ['CreatePartnerInput', M.createPartner, async () => ({ name: `Keyed ${++unique}` })],
  ['CreateMerchantInput', M.createMerchant, async () => ({ partnerId, name: 'Keyed store', currency: 'USD' })],
  ['CreateFinancingProgramInput', M.createFinancingProgram, async () => ({
    merchantId, kind: 'INSTALLMENTS', termCount: 6, apr: '9.99', merchantFeeRate: '3.00', minAmount: usd('100.00'), maxAmount: usd('900.00'),
  })],
  ['IssueApiKeyInput', M.issueApiKey, async () => ({ name: 'keyed', role: 'ANALYST' })],
];
for (const [inputType, mutation, input] of KEYED) {
  TEXT_FIELDS.push({
    field: `${inputType}.idempotencyKey`, mutation, path: ['input', 'idempotencyKey'], form: 'exact', units: [MIXED], columns: [[IdempotencyRecord, 'idempotencyKey']],
    input: async (value) => ({ ...(await input()), idempotencyKey: value }),
    stored: latestIdempotencyRecord,
    // Keys are per API key across mutations: a counter in front keeps each case's new.
    sample: (unit, length) => {
      const counter = String(++unique).padStart(6, '0');
      const { sent, stored } = ofLength(unit, 'exact', length - counter.length);
      return { sent: counter + sent, stored: counter + stored };
    },
  });
}

/** Text input fields that are not stored as text (an id parsed into a number). */
const NOT_STORED = ['AcceptOfferInput.offerId'];

const columnLength = ([entity, property]: [Entity, string]) =>
  Number(t.gateway.db.dataSource.getMetadata(entity).findColumnWithPropertyName(property)!.length);
const boundOf = (field: TextField) => Math.min(...field.columns.map(columnLength));

const TABLES = [Partner, Merchant, ApiKey, Application, Refund, Repayment, IdempotencyRecord, ApplicantCreditLock];
const rowCounts = () => Promise.all(TABLES.map((table) => t.gateway.db.dataSource.getRepository(table).count()));

/** The value as stored, and its length as the database itself counts characters. */
async function readBack(where: { entity: Entity; id: number; property: string }): Promise<{ value: string; length: number }> {
  const metadata = t.gateway.db.dataSource.getMetadata(where.entity);
  const column = metadata.findColumnWithPropertyName(where.property)!.databaseName;
  const lengthOf = onMysql() ? 'CHAR_LENGTH' : 'LENGTH';
  const [row] = await t.gateway.db.dataSource.query(`SELECT ${column} AS value, ${lengthOf}(${column}) AS length FROM ${metadata.tableName} WHERE id = ?`, [where.id]);
  return { value: row.value, length: Number(row.length) };
}

const sample = (field: TextField, unit: Unit, length: number) => {
  if (field.sample) return field.sample(unit, length);
  if (field.form === 'email') return emailOfLength(unit, length);
  const { sent, stored } = ofLength(unit, field.form, length);
  return { sent: sentAs(field.form, sent), stored };
};

describe('text inputs and their columns', () => {
  it('binds every String field of every input type to a column, except ids', () => {
    const schema = loadPublishedSchema();
    const stringFields = Object.values(schema.getTypeMap()).filter(isInputObjectType)
      .flatMap((type) => Object.values(type.getFields()).filter((f) => getNamedType(f.type) === schema.getType(GraphQLString.name)).map((f) => `${type.name}.${f.name}`));
    expect([...TEXT_FIELDS.map((f) => f.field), ...NOT_STORED].sort()).toEqual(stringFields.sort());
  });

  it('declares each column in the database with the length of its entity, in characters', async () => {
    for (const field of TEXT_FIELDS) {
      for (const [entity, property] of field.columns) {
        const metadata = t.gateway.db.dataSource.getMetadata(entity);
        const column = metadata.findColumnWithPropertyName(property)!.databaseName;
        const declared = onMysql()
          ? (await t.gateway.db.dataSource.query(
            'SELECT CHARACTER_MAXIMUM_LENGTH AS length, CHARACTER_SET_NAME AS charset FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?',
            [metadata.tableName, column]))[0]
          : { length: /\((\d+)\)/.exec((await t.gateway.db.dataSource.query(`PRAGMA table_info(${metadata.tableName})`)).find((c: { name: string }) => c.name === column).type)![1], charset: 'utf8mb4' };
        expect({ column: `${metadata.tableName}.${column}`, length: Number(declared.length), charset: declared.charset })
          .toEqual({ column: `${metadata.tableName}.${column}`, length: columnLength([entity, property]), charset: 'utf8mb4' });
      }
    }
  });
});

describe.each(TEXT_FIELDS.map((f) => [f.field, f] as const))('%s', (_name, field) => {
  it.each(field.units.map((u) => [u.label, u] as const))('accepts %s up to the column and stores it in its normalized form', async (_label, unit) => {
    const bound = boundOf(field);
    const { sent, stored } = sample(field, unit, bound);
    const answer = await mutate(field.mutation, await field.input(sent));
    expect({ errors: answer.body.errors, userErrors: payloadOf(answer, field.mutation)?.userErrors }).toEqual({ errors: undefined, userErrors: [] });
    const back = await readBack(await field.stored(answer));
    expect(back.value).toBe(stored);
    expect({ codePoints: codePoints(back.value), countedByTheDatabase: back.length }).toEqual({ codePoints: bound, countedByTheDatabase: bound });
  });

  it('refuses one character more as TOO_LONG on its path, writing nothing and repeating nothing', async () => {
    const { sent } = sample(field, field.form === 'email' ? UNITS[2] : MIXED, boundOf(field) + 1);
    const input = await field.input(sent);
    const before = await rowCounts();
    const answer = await mutate(field.mutation, input);
    expect(answer.body.errors).toBeUndefined();
    const payload = payloadOf(answer, field.mutation)!;
    expect(payload[field.mutation.result]).toBeNull();
    expect(payload.userErrors).toContainEqual(expect.objectContaining({ field: field.path, code: 'TOO_LONG' }));
    expect(await rowCounts()).toEqual(before);
    expect(answer.text).not.toContain(JSON.stringify(sent.trim()).slice(1, 40));
  });

  it('refuses a lone surrogate, which no database stores as sent, on its path, writing nothing', async () => {
    const input = await field.input(field.form === 'email' ? 'ada\ud800@example.com' : 'Ada\ud800');
    const before = await rowCounts();
    const answer = await mutate(field.mutation, input);
    expect(answer.body.errors).toBeUndefined();
    expect(payloadOf(answer, field.mutation)!.userErrors).toContainEqual(expect.objectContaining({ field: field.path, code: field.form === 'email' ? 'INVALID_EMAIL' : 'INVALID' }));
    expect(await rowCounts()).toEqual(before);
  });
});

describe('names are measured as stored, trimmed', () => {
  it.each(TEXT_FIELDS.filter((f) => f.form === 'name').map((f) => [f.field, f] as const))('refuses %s of whitespace only as TOO_SHORT', async (_name, field) => {
    const input = await field.input(' \t\u3000 ');
    const before = await rowCounts();
    const answer = await mutate(field.mutation, input);
    expect(payloadOf(answer, field.mutation)!.userErrors).toContainEqual(expect.objectContaining({ field: field.path, code: 'TOO_SHORT' }));
    expect(await rowCounts()).toEqual(before);
  });
});

describe('the email of the finding', () => {
  it('refuses an email of 254 characters starting with İ, 255 once lowercased, as TOO_LONG instead of an internal error', async () => {
    const domain = `${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(60)}.org`;
    const email = `\u0130${'a'.repeat(254 - 2 - domain.length)}@${domain}`;
    expect(email.length).toBe(254);
    const answer = await mutate(M.createApplication, await TEXT_FIELDS[2].input(email));
    expect(answer.body.errors).toBeUndefined();
    expect(payloadOf(answer, M.createApplication)!.userErrors).toContainEqual(expect.objectContaining({ field: ['input', 'applicant', 'email'], code: 'TOO_LONG' }));
  });
});
