export interface Mailbox {
  name: string | undefined;
  address: string;
  domain: string;
}

/** Splits `Comune di Esempio <noreply@comune.example.it>` (shape already checked by the config). */
export function parseMailbox(value: string): Mailbox {
  const trimmed = value.trim();
  const angle = /^(.*)<([^<>]+)>$/.exec(trimmed);
  const address = (angle ? angle[2] : trimmed).trim();
  const rawName = angle ? angle[1].trim().replace(/^"(.*)"$/, '$1').trim() : '';
  const at = address.lastIndexOf('@');
  return { name: rawName === '' ? undefined : rawName, address, domain: address.slice(at + 1) };
}

/** The Message-ID of an outbox row: the same on every attempt, so a resent copy is a recognisable duplicate. */
export const outboxMessageId = (outboxId: string, domain: string): string => `<${outboxId}@${domain}>`;
