import { KEYS, startTestGateway, TestGateway } from '../support/gateway';
import { postQuery, RawResponse } from '../support/raw-http';

// No answer repeats a submitted value (docs/api.md "Errors and codes"). graphql-js quotes what it
// refuses, in variable coercion ("got invalid value 15550142377") and in literals ("String cannot
// represent a non string value: 15550142377"); these cases send every personal field of the
// mutations' inputs each wrong-typed value three ways (inside the input variable, as a variable of
// its own, inline in the document) and search the whole raw body for what was sent.

let t: TestGateway;
let merchantId: string;
let planId: string;
let repaymentId: string;

beforeAll(async () => {
  t = await startTestGateway('submitted_values');
  const seen = await postQuery(t.url, KEYS.acme, '{ plans(first: 1, status: ACTIVE) { nodes { id merchant { id } repayments(first: 1) { nodes { id } } } } }');
  const plan = (seen.body.data!.plans as { nodes: { id: string; merchant: { id: string }; repayments: { nodes: { id: string }[] } }[] }).nodes[0];
  [merchantId, planId, repaymentId] = [plan.merchant.id, plan.id, plan.repayments.nodes[0].id];
});
afterAll(() => t.close());

/** A value of the wrong kind, with the strings and numbers it carries (what the body must not contain). */
interface Sent { label: string; value: unknown; carries: string[] }

let marker = 0;
/** A string no response could contain by chance. */
const distinct = (what: string) => `zq${what}${++marker}xj`;
/** Long digit runs: never an id, a count or a position in a response. */
const distinctNumber = () => 73_410_000_000 + ++marker * 7919;

/** The wrong-typed values every field gets; String fields also get texts their rules refuse. */
function wrongTypes(type: 'String' | 'Int'): Sent[] {
  const number = distinctNumber();
  const float = distinctNumber() + 0.25;
  const inList = distinct('list');
  const inObject = distinct('object');
  const key = distinct('key');
  const nested = distinct('nested');
  const values: Sent[] = [
    { label: 'a number', value: number, carries: [String(number)] },
    { label: 'a fractional number', value: float, carries: [String(float)] },
    { label: 'a list', value: [inList, number], carries: [inList, String(number)] },
    { label: 'an object', value: { value: inObject, [key]: number }, carries: [inObject, key, String(number)] },
    { label: 'a list of objects', value: [{ deep: [nested] }], carries: [nested] },
    { label: 'a boolean', value: true, carries: [] },
  ];
  if (type === 'Int') {
    const text = distinct('text');
    const long = `${distinctNumber()}`.repeat(30);
    values.push(
      { label: 'a string', value: text, carries: [text] },
      { label: 'a numeric string', value: String(number), carries: [String(number)] },
      { label: 'an over-long numeric string', value: long, carries: [long.slice(0, 11)] },
      { label: 'an integer out of its range', value: number % 2_000_000_000, carries: [String(number % 2_000_000_000)] },
    );
  } else {
    const text = distinct('text');
    const long = distinct('long').repeat(300);
    values.push(
      { label: 'a string with a marker', value: `${text} (555) not @ valid`, carries: [text] },
      { label: 'an over-long string', value: long, carries: [long.slice(0, 12)] },
    );
  }
  return values;
}

/** A personal field of a mutation's input: where it sits, its type, and a valid input around it. */
interface PersonalField { label: string; mutation: string; inputType: string; path: string[]; type: 'String' | 'Int'; nullable: boolean; input(): Record<string, unknown> }

/** An enum value: a bare name in a document, a string in JSON variables. */
class EnumValue {
  constructor(readonly name: string) {}
  toJSON() {
    return this.name;
  }
}
const usd = (amount: string) => ({ amount, currency: new EnumValue('USD') });

const applicant = () => ({ firstName: 'Ada', lastName: 'Private', email: 'ada.private@example.com', phone: '+1 555 0100', creditScore: 760 });
const application = () => ({ merchantId, amount: usd('100.00'), applicant: applicant(), idempotencyKey: distinct('key') });
const applicantField = (name: string, type: 'String' | 'Int', nullable: boolean): PersonalField => ({
  label: `ApplicantInput.${name}`, mutation: 'createApplication', inputType: 'CreateApplicationInput', path: ['applicant', name], type, nullable, input: application,
});

const FIELDS: PersonalField[] = [
  applicantField('firstName', 'String', false),
  applicantField('lastName', 'String', false),
  applicantField('email', 'String', false),
  applicantField('phone', 'String', true),
  applicantField('creditScore', 'Int', true),
  { label: 'CreateApplicationInput.idempotencyKey', mutation: 'createApplication', inputType: 'CreateApplicationInput', path: ['idempotencyKey'], type: 'String', nullable: false, input: application },
  { label: 'RefundPlanInput.reason', mutation: 'refundPlan', inputType: 'RefundPlanInput', path: ['reason'], type: 'String', nullable: true,
    input: () => ({ planId, amount: usd('1.00'), reason: 'returned', idempotencyKey: distinct('key') }) },
  { label: 'ReverseRepaymentInput.reason', mutation: 'reverseRepayment', inputType: 'ReverseRepaymentInput', path: ['reason'], type: 'String', nullable: true,
    input: () => ({ repaymentId, reason: 'R01', idempotencyKey: distinct('key') }) },
];

/** `input` with `value` at `path` (undefined: a variable reference, written `$field` when printed). */
function withValue(input: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  return { ...input, [head]: rest.length ? withValue(input[head] as Record<string, unknown>, rest, value) : value };
}

/** A GraphQL literal of a JSON value; a VariableRef prints as the variable. */
class VariableRef {
  constructor(readonly name: string) {}
}
function literal(value: unknown): string {
  if (value instanceof VariableRef) return `$${value.name}`;
  if (value instanceof EnumValue) return value.name;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${literal(v)}`).join(', ')} }`;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

const SELECTION = '{ userErrors { field code message } }';

/** The three ways of sending one value to one field. */
const WAYS: [string, (field: PersonalField, value: unknown) => { query: string; variables: Record<string, unknown> }][] = [
  ['inside the input variable', (field, value) => ({
    query: `mutation($input: ${field.inputType}!) { ${field.mutation}(input: $input) ${SELECTION} }`,
    variables: { input: withValue(field.input(), field.path, value) },
  })],
  ['as a variable of its own', (field, value) => ({
    query: `mutation($field: ${field.type}${field.nullable ? '' : '!'}) { ${field.mutation}(input: ${literal(withValue(field.input(), field.path, new VariableRef('field')))}) ${SELECTION} }`,
    variables: { field: value },
  })],
  ['inline in the document', (field, value) => ({
    query: `mutation { ${field.mutation}(input: ${literal(withValue(field.input(), field.path, value))}) ${SELECTION} }`,
    variables: {},
  })],
];

const CASES = FIELDS.flatMap((field) => wrongTypes(field.type).flatMap((sent) => WAYS.map(([way, build]) => [field.label, sent.label, way, field, sent, build] as const)));

const responses: RawResponse[] = [];

/** A valid value of each field: the input around it is sent exactly as in the cases. */
const VALID: Record<PersonalField['type'], unknown> = { String: 'Ada', Int: 760 };

describe('the inputs the cases are sent in', () => {
  it.each(FIELDS.flatMap((field) => WAYS.map(([way, build]) => [field.label, way, field, build] as const)))('%s %s is valid with a valid value', async (_field, _way, field, build) => {
    const { query, variables } = build(field, field.label.endsWith('email') ? 'valid@example.com' : VALID[field.type]);
    const response = await postQuery(t.url, KEYS.acme, query, variables);
    expect(response.body.errors).toBeUndefined();
  });
});

describe('no response repeats a submitted value', () => {
  it.each(CASES)('%s sent %s %s', async (_field, _value, _way, field, sent, build) => {
    const { query, variables } = build(field, sent.value);
    const response = await postQuery(t.url, KEYS.acme, query, variables);
    responses.push(response);
    expect(response.status).toBeLessThan(500);
    for (const carried of sent.carries) expect(response.text).not.toContain(carried);
  });

  it('sent enough cases to mean something', () => {
    // Printed so the report can say how many requests the test sends.
    console.log(`submitted-values: ${FIELDS.length} fields, ${CASES.length} requests`);
    expect(responses.length).toBe(CASES.length);
  });
});

describe('what the rewritten messages still say', () => {
  it('names the path and the expected type of a variable that does not coerce', async () => {
    const response = await postQuery(t.url, KEYS.acme, `mutation($input: CreateApplicationInput!) { createApplication(input: $input) ${SELECTION} }`,
      { input: withValue(application(), ['applicant', 'phone'], 15550142377) });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({
      message: 'Variable "$input" at "input.applicant.phone": expected String', extensions: { code: 'BAD_USER_INPUT' },
    })]);
  });

  it('names a required field that was not given, and its type', async () => {
    const { email: _email, ...withoutEmail } = applicant();
    const response = await postQuery(t.url, KEYS.acme, `mutation($input: CreateApplicationInput!) { createApplication(input: $input) ${SELECTION} }`,
      { input: { ...application(), applicant: withoutEmail } });
    expect(response.body.errors![0].message).toBe('Variable "$input" at "input.applicant.email": expected String!, none was given');
  });

  it('names the expected type of a literal and keeps its location', async () => {
    const response = await postQuery(t.url, KEYS.acme, `mutation { createApplication(input: ${literal(withValue(application(), ['applicant', 'phone'], 15550142377))}) ${SELECTION} }`);
    expect(response.body.errors![0]).toMatchObject({ message: 'Expected value of type "String".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' }, locations: [expect.any(Object)] });
  });

  it('keeps a scalar\'s own explanation, which never quotes the value', async () => {
    const response = await postQuery(t.url, KEYS.acme, `mutation($input: CreateApplicationInput!) { createApplication(input: $input) ${SELECTION} }`,
      { input: withValue(application(), ['amount', 'amount'], 15550142377) });
    expect(response.body.errors![0].message).toBe('Variable "$input" at "input.amount.amount": Decimal must be a string such as "100.00", of at most 64 characters');
  });
});
