import { errorEnvelopeSchema } from '../../../src/api';
import { MAX_JSON_DEPTH } from '../../../src/cloud/http/body';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud.close());

const nested = (depth: number, inner: string) => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

async function postRaw(path: string, raw: string) {
  const res = await fetch(`${cloud.origin}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${cloud.apiKey}`, 'content-type': 'application/json' },
    body: raw,
  });
  return { status: res.status, body: errorEnvelopeSchema.parse(await res.json()) };
}

describe('deeply nested JSON bodies', () => {
  it('answers 400, not 500, for a 5000-deep body holding one lone surrogate escape', async () => {
    const res = await postRaw('/v1/ssh-keys', `{"name":${nested(5000, '"\\ud800"')}}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(new RegExp(`nested more than ${MAX_JSON_DEPTH} levels`));
  });

  it('answers 400 for 5000-deep event data on /_local/events', async () => {
    const data = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const res = await postRaw('/_local/events', `{"type":"billing.invoice_created","data":${data}}`);
    expect(res.status).toBe(400);
  });

  it('still reads brackets inside strings as text, and accepts nesting up to the limit', async () => {
    const res = await fetch(`${cloud.origin}/_local/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cloud.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'billing.invoice_created',
        data: { note: '[[[[{{{{'.repeat(100), deep: JSON.parse(nested(MAX_JSON_DEPTH - 3, '1')) },
      }),
    });
    expect(res.status).toBe(201);
  });
});
