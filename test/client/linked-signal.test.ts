import { getEventListeners } from 'node:events';
import { linkSignals } from '../../src/client/linked-signal';

describe('linkSignals', () => {
  it('aborts when any source aborts', () => {
    const first = new AbortController();
    const second = new AbortController();
    const link = linkSignals([first.signal, undefined, second.signal]);
    expect(link.signal.aborted).toBe(false);
    second.abort();
    expect(link.signal.aborted).toBe(true);
  });

  it('starts aborted when a source already is, holding no listeners', () => {
    const live = new AbortController();
    const link = linkSignals([live.signal, AbortSignal.abort()]);
    expect(link.signal.aborted).toBe(true);
    expect(getEventListeners(live.signal, 'abort')).toHaveLength(0);
  });

  it('aborts itself without touching the sources', () => {
    const source = new AbortController();
    const link = linkSignals([source.signal]);
    link.abort();
    expect(link.signal.aborted).toBe(true);
    expect(source.signal.aborted).toBe(false);
  });

  it('leaves nothing behind on a long-lived source once disposed', () => {
    const longLived = new AbortController();
    for (let index = 0; index < 100; index++) linkSignals([longLived.signal]).dispose();
    expect(getEventListeners(longLived.signal, 'abort')).toHaveLength(0);
    const disposed = linkSignals([longLived.signal]);
    disposed.dispose();
    longLived.abort();
    expect(disposed.signal.aborted).toBe(false);
  });
});
