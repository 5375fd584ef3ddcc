import type { RequestContext } from '../../../../src/cloud/http/context';
import { errorEnvelope } from '../../../../src/cloud/http/stages/error-envelope';
import { NotFoundError } from '../../../../src/cloud/errors';

/** Only `requestId`, `reply` and (for the log) `req.method` and `url` are touched by this stage. */
function context(): RequestContext {
  return {
    requestId: 'req_test',
    req: { method: 'GET' },
    url: new URL('http://x/v1/things'),
  } as RequestContext;
}

describe('errorEnvelope', () => {
  it('answers an ApiError with its status, code, details and headers', async () => {
    const ctx = context();
    await errorEnvelope(() => undefined)(ctx, () =>
      Promise.reject(new NotFoundError('No such thing.', { id: 'x' }, { Allow: 'GET' })),
    );
    expect(ctx.reply).toEqual({
      status: 404,
      headers: { Allow: 'GET' },
      body: {
        error: { code: 'not_found', message: 'No such thing.', details: { id: 'x' } },
        request_id: 'req_test',
      },
    });
  });

  it('answers anything else as a bare 500 and logs the cause under the request id', async () => {
    const ctx = context();
    const lines: string[] = [];
    await errorEnvelope((line) => lines.push(line))(ctx, () =>
      Promise.reject(new Error('disk on fire at /var/x')),
    );
    expect(ctx.reply?.status).toBe(500);
    expect(ctx.reply?.body).toEqual({
      error: {
        code: 'server_error',
        message: 'The server failed to handle the request; it has been logged under the request id.',
      },
      request_id: 'req_test',
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('req_test');
    expect(lines[0]).toContain('disk on fire');
  });

  it('answers 500 when no inner stage produced a reply', async () => {
    const ctx = context();
    const lines: string[] = [];
    await errorEnvelope((line) => lines.push(line))(ctx, () => Promise.resolve());
    expect(ctx.reply?.status).toBe(500);
    expect(lines[0]).toContain('no stage replied to GET /v1/things');
  });
});
