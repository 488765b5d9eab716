import { createTransport } from 'nodemailer';
import { MailDeliveryError, MailTransport, OutgoingEmail, SentEmail } from './mail-transport.port';

/** Kept well under the outbox lease, so a hung relay cannot make two processes send the same row. */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

const prop = (e: unknown, key: string): unknown =>
  typeof e === 'object' && e !== null ? (e as Record<string, unknown>)[key] : undefined;

/** The Comune's SMTP relay through nodemailer; one connection per message (notifications are few). */
export class SmtpMailTransport implements MailTransport {
  private readonly transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transporter = createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS });
  }

  async send(mail: OutgoingEmail): Promise<SentEmail> {
    try {
      const info = await this.transporter.sendMail({
        from: this.from,
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        messageId: mail.messageId,
        ...(mail.attachments?.length ? { attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })) } : {}),
        // RFC 3834: an automatic notice; vacation responders must not answer it.
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
      });
      if (info.rejected.length > 0) throw new MailDeliveryError(`recipient rejected: ${info.response}`, true);
      return { messageId: info.messageId, response: info.response };
    } catch (e: unknown) {
      if (e instanceof MailDeliveryError) throw e;
      const code = prop(e, 'responseCode');
      const detail = [prop(e, 'code'), code, e instanceof Error ? e.message : String(e)].filter((x) => x !== undefined);
      throw new MailDeliveryError(detail.join(' '), prop(e, 'permanent') === true, { cause: e });
    }
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
