import type { Webhook } from '../../../../src/api';
import {
  createRequestFrom,
  stateFromApi,
  updateRequestFrom,
} from '../../../../src/provider/resources/webhook/model';
import {
  checkDescription,
  checkEvents,
  checkUrl,
  sameDescription,
  sameEvent,
} from '../../../../src/provider/resources/webhook/rules';

const webhook: Webhook = {
  id: 'whk_1',
  url: 'https://hooks.example.com/ly',
  events: ['instance.created'],
  description: null,
  active: true,
  created_at: '2026-12-01T00:00:00.000Z',
  updated_at: '2026-12-01T00:00:00.000Z',
};

const planned = (over: Record<string, unknown>) =>
  ({
    id: null,
    url: 'https://hooks.example.com/ly',
    events: ['instance.created'],
    description: null,
    active: true,
    secret: null,
    created_at: null,
    ...over,
  }) as never;

describe('webhook model', () => {
  it('sends events in the API spelling, each once, sorted; leaves out an unset description', () => {
    expect(
      createRequestFrom(planned({ events: ['Instance.Destroyed', 'INSTANCE.CREATED', 'instance.created'] })),
    ).toEqual({
      url: 'https://hooks.example.com/ly',
      events: ['instance.created', 'instance.destroyed'],
    });
    expect(createRequestFrom(planned({ description: 'x' }))).toMatchObject({ description: 'x' });
  });

  it('clears a description the configuration no longer has; sends whether it is active', () => {
    expect(updateRequestFrom(planned({}))).toEqual({
      url: 'https://hooks.example.com/ly',
      events: ['instance.created'],
      description: null,
      active: true,
    });
    expect(updateRequestFrom(planned({ active: false }))).toMatchObject({ active: false });
  });

  it('keeps the secret it is given; null after an import', () => {
    expect(stateFromApi(webhook, 'whsec_x')).toEqual({
      id: 'whk_1',
      url: 'https://hooks.example.com/ly',
      events: ['instance.created'],
      description: null,
      active: true,
      secret: 'whsec_x',
      created_at: '2026-12-01T00:00:00.000Z',
    });
    expect(stateFromApi({ ...webhook, active: false }, null).active).toBe(false);
    expect(stateFromApi(webhook, null).secret).toBeNull();
  });
});

describe('webhook rules', () => {
  it('refuses unknown events, naming them and listing the known ones', () => {
    expect(checkEvents(['instance.created', 'Block.Attached'])).toBeUndefined();
    const problem = checkEvents(['instance.created', 'server.exploded']);
    expect(problem).toContain('"server.exploded", which is not an event type');
    expect(problem).toContain('instance.created, instance.destroyed, instance.power_on');
    expect(checkEvents([])).toContain('at least one event type');
  });

  it("refuses URLs the API refuses, with the API's reason", () => {
    expect(checkUrl('https://hooks.example.com/ly')).toBeUndefined();
    expect(checkUrl('http://127.0.0.1:9000/h')).toBeUndefined();
    expect(checkUrl('http://hooks.example.com/ly')).toContain('url must be an absolute https:// URL');
    expect(checkUrl(`https://example.com/${'a'.repeat(2048)}`)).toContain('at most 2048');
  });

  it('refuses a description with control characters or over 1024 characters', () => {
    expect(checkDescription('deploys')).toBeUndefined();
    expect(checkDescription('a\u0000b')).toContain('control characters');
    expect(checkDescription('x'.repeat(1025))).toContain('at most 1024');
  });

  it('treats spellings of the same value as the same', () => {
    expect(sameEvent('Instance.Created', 'instance.created')).toBe(true);
    expect(sameEvent('instance.created', 'instance.destroyed')).toBe(false);
    expect(sameDescription(' deploys ', 'deploys')).toBe(true);
  });
});
