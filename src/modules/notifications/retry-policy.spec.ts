import { outboxMessageId, parseMailbox } from './mailbox';
import { backoffDelay, MAX_BACKOFF_MS } from './retry-policy';

describe('retry policy and message identity', () => {
  it('given successive failures, when the delay is computed, then it doubles from the base up to one hour', () => {
    // when
    const delays = [1, 2, 3, 4, 12, 200].map((n) => backoffDelay(n, 30_000));
    // then
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000, MAX_BACKOFF_MS, MAX_BACKOFF_MS]);
  });

  it('given a sender with a display name, when parsed, then name, address and domain are split', () => {
    // when / then
    expect(parseMailbox('Comune di Esempio <noreply@comune.example.it>')).toEqual({
      name: 'Comune di Esempio',
      address: 'noreply@comune.example.it',
      domain: 'comune.example.it',
    });
    expect(parseMailbox('"Comune, Ufficio" <a@b.it>').name).toBe('Comune, Ufficio');
    expect(parseMailbox('noreply@comune.example.it')).toEqual({ name: undefined, address: 'noreply@comune.example.it', domain: 'comune.example.it' });
  });

  it('given an outbox id and the sender domain, when the Message-ID is derived, then it is built from the id alone', () => {
    // when / then
    expect(outboxMessageId('7b0c', 'comune.example.it')).toBe('<7b0c@comune.example.it>');
  });
});
