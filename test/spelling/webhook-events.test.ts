import {
  canonicalEventType,
  EVENT_READ_PERMISSION,
  sameEventType,
  WEBHOOK_EVENT_TYPES,
  webhookUrlProblem,
} from '../../src/spelling';

describe('webhook event types', () => {
  it('reads letter case and blanks away; refuses what is no event type', () => {
    expect(canonicalEventType(' Instance.CREATED ')).toBe('instance.created');
    expect(canonicalEventType('server.exploded')).toBeUndefined();
    expect(sameEventType('DNS.record_changed', 'dns.record_changed')).toBe(true);
    expect(sameEventType('block.attached', 'block.detached')).toBe(false);
  });

  it('names the read permission of every event type', () => {
    for (const type of WEBHOOK_EVENT_TYPES) expect(EVENT_READ_PERMISSION[type]).toMatch(/^[a-z_]+:read$/);
  });
});

describe('webhookUrlProblem', () => {
  it.each([
    'https://hooks.example.com/ly',
    'http://127.0.0.1:8080/h',
    'http://localhost/h',
    'http://[::1]/h',
  ])('accepts %s', (url) => expect(webhookUrlProblem(url)).toBeUndefined());

  it.each([
    ['http://example.com/h', 'must be an absolute https:// URL'],
    ['ftp://example.com/h', 'must be an absolute https:// URL'],
    ['/relative', 'must be an absolute https:// URL'],
    ['https://user:pw@example.com/h', 'user name or password'],
    ['https://example.com/h#frag', '#fragment'],
    ['https://example.com/a b', 'spaces or control characters'],
  ])('refuses %s', (url, reason) => expect(webhookUrlProblem(url)).toContain(reason));
});
