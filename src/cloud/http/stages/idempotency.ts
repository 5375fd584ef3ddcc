import { createHash } from 'node:crypto';
import type { CloudClock } from '../../clock';
import {
  ApiError,
  BusyError,
  ConflictError,
  IdempotencyKeyReusedError,
  InvalidRequestError,
} from '../../errors';
import type { IdempotencyKeyStore, StoredAnswer } from '../../store/idempotency-keys';
import { readRawBody } from '../body';
import { openReplayBody, sealReplayBody, type ReplaySealScope } from '../replay-seal';
import type { Reply } from '../context';
import type { Stage } from '../pipeline';
import { errorReply } from './error-envelope';

/** How long the first answer under an Idempotency-Key is kept, per the contract. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** 1 to 255 printable ASCII characters: what fits in a header without encoding questions. */
const KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;
/** Expired records are deleted at most this often (clock time); lookups ignore them meanwhile. */
const PURGE_INTERVAL_MS = 60_000;

/**
 * Answers that are not stored, so that a retry under the same key runs afresh: refusals that say the
 * request never got to run here (no or a wrong key, a missing permission, a body refused unread, the
 * rate limit) and every 5xx (the failure was ours; a retry may succeed).
 */
function isStoredStatus(status: number): boolean {
  if (status >= 500) return false;
  return ![401, 403, 413, 415, 429].includes(status);
}

/**
 * `Idempotency-Key` on POST, remembered 24 hours per API key (in SQLite, so it survives restarts).
 *
 * - A first request runs and its final answer (2xx or 4xx, see isStoredStatus) is stored with the
 *   request's fingerprint: SHA-256 of method, path and the body as canonical JSON (object keys sorted),
 *   so a client that re-serialises the same body with another key order or spacing still matches.
 * - The same key and the same request replays that answer (status, body, headers such as `Location`)
 *   with `Idempotent-Replayed: true`; the handler does not run again.
 * - The same key with another request is 409 `idempotency_key_reused`.
 * - While the first request under a key is still running, another one under it is 409 `conflict`; this
 *   in-flight set is in memory, which is exact for the one process that serves a data directory.
 *
 * The stored answer is written after the handler's own transaction commits and before the answer is
 * sent, so every answer a client received can be replayed. Its body is sealed under a key only this
 * caller can derive again (replay-seal.ts): an API key or webhook create answer holds a secret.
 */
export function idempotency(records: IdempotencyKeyStore, clock: CloudClock): Stage {
  const inFlight = new Set<string>();
  let lastPurgeMs = -Infinity;

  return async (ctx, next) => {
    const principal = ctx.principal;
    const sent = ctx.req.headers['idempotency-key'];
    // Node joins repeated headers with ", "; typed as a list only for Set-Cookie.
    const header = Array.isArray(sent) ? sent.join(', ') : sent;
    if (ctx.req.method !== 'POST' || principal === undefined || header === undefined) {
      await next();
      return;
    }
    if (!KEY_PATTERN.test(header)) {
      throw InvalidRequestError.forField(
        IDEMPOTENCY_KEY_HEADER,
        'must be 1 to 255 printable ASCII characters, such as a UUID',
      );
    }
    const slot = `${principal.apiKeyId} ${header}`;
    if (inFlight.has(slot)) {
      throw new BusyError(
        'A request with this Idempotency-Key is still being processed; retry once it has been answered.',
        { idempotency_key: header },
      );
    }
    inFlight.add(slot);
    try {
      const startedMs = clock.nowMs();
      if (startedMs - lastPurgeMs >= PURGE_INTERVAL_MS) {
        records.purgeExpired(new Date(startedMs).toISOString());
        lastPurgeMs = startedMs;
      }
      ctx.rawBody = await readRawBody(ctx.req);
      const fingerprint = requestFingerprint('POST', ctx.url.pathname + ctx.url.search, ctx.rawBody);
      const scope: ReplaySealScope = {
        bearerSecret: principal.bearerSecret,
        apiKeyId: principal.apiKeyId,
        idempotencyKey: header,
        fingerprint,
      };
      const earlier = records.find(principal.apiKeyId, header, new Date(startedMs).toISOString());
      if (earlier !== undefined) {
        if (earlier.fingerprint !== fingerprint) {
          throw new IdempotencyKeyReusedError(
            `This Idempotency-Key was first used at ${earlier.createdAt} for a different request ` +
              '(another body, method or path); use a new key for a new request.',
          );
        }
        ctx.reply = replay(earlier.answer, scope);
        return;
      }

      const save = (reply: Reply): void => {
        if (!isStoredStatus(reply.status)) return;
        records.save({
          apiKeyId: principal.apiKeyId,
          key: header,
          fingerprint,
          answer: toStoredAnswer(reply, scope),
          createdAt: new Date(startedMs).toISOString(),
          expiresAt: new Date(startedMs + IDEMPOTENCY_KEY_TTL_MS).toISOString(),
        });
      };
      try {
        await next();
      } catch (error) {
        if (error instanceof ApiError) save(errorReply(error, ctx.requestId));
        throw error;
      }
      if (ctx.reply !== undefined) save(ctx.reply);
    } finally {
      inFlight.delete(slot);
    }
  };
}

function toStoredAnswer(reply: Reply, scope: ReplaySealScope): StoredAnswer {
  return {
    status: reply.status,
    headers: { ...reply.headers },
    ...(reply.body === undefined ? {} : { sealedBody: sealReplayBody(reply.body, scope) }),
  };
}

function replay(answer: StoredAnswer, scope: ReplaySealScope): Reply {
  let body: unknown;
  if (answer.sealedBody !== undefined) {
    const opened = openReplayBody(answer.sealedBody, scope);
    // Same key id, another secret: the key was given a new secret since (the bootstrap key is when its
    // file goes missing). The answer cannot be read back, and running the request again could repeat it.
    if (opened === undefined) {
      throw new ConflictError(
        'The answer to the first request under this Idempotency-Key was sealed under a secret this API ' +
          'key no longer has, so it cannot be replayed; check what the first request did and use a new key.',
        { idempotency_key: scope.idempotencyKey, reason: 'key_secret_changed' },
      );
    }
    body = opened.body;
  }
  return {
    status: answer.status,
    headers: { ...answer.headers, [REPLAYED_HEADER]: 'true' },
    ...(answer.sealedBody === undefined ? {} : { body }),
  };
}

/** SHA-256 over method, path and body; a JSON body is hashed in canonical form, anything else as bytes. */
export function requestFingerprint(method: string, path: string, rawBody: Buffer): string {
  const hash = createHash('sha256').update(`${method} ${path}\n`);
  const canonical = canonicalJsonOf(rawBody);
  return (
    canonical === undefined ? hash.update('raw\n').update(rawBody) : hash.update(`json\n${canonical}`)
  ).digest('hex');
}

function canonicalJsonOf(rawBody: Buffer): string | undefined {
  if (rawBody.length === 0) return undefined;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(rawBody);
    return JSON.stringify(sortKeys(JSON.parse(text)));
  } catch {
    return undefined;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}
