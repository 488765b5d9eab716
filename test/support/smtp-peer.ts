import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelopeTo: string[];
  from: string;
  messageId: string;
  subject: string;
  html: string;
  text: string;
  autoSubmitted: string | undefined;
  /** Attached files as received (decoded bytes). */
  attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
}

/**
 * A real SMTP server on loopback that keeps what it receives, parsed. It can be stopped and
 * started again on the same port (a relay that goes down and comes back), refuse recipients
 * for good (550) and take its time over each message.
 */
export class SmtpPeer {
  readonly received: ReceivedMail[] = [];
  readonly refusedRecipients = new Set<string>();
  delayMs = 0;
  port = 0;
  private server?: SMTPServer;

  get running(): boolean {
    return this.server !== undefined;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      closeTimeout: 1000,
      onRcptTo: (address, _session, callback) => {
        if (!this.refusedRecipients.has(address.address)) return callback();
        callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then(async (mail) => {
            if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
            this.received.push({
              envelopeTo: session.envelope.rcptTo.map((a) => a.address),
              from: mail.from?.text ?? '',
              messageId: mail.messageId ?? '',
              subject: mail.subject ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              text: mail.text ?? '',
              autoSubmitted: mail.headers.get('auto-submitted') as string | undefined,
              attachments: mail.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, content: a.content })),
            });
            callback();
          })
          .catch((e: Error) => callback(e));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async waitFor(count: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} e-mails, received ${this.received.length}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
