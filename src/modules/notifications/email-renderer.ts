import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config';
import { EmailTemplates } from './email-templates';
import { parseMailbox } from './mailbox';
import { NOTIFICATIONS_MESSAGES as M } from './notifications.messages';
import {
  ALERT_EVENT,
  CitizenEvent,
  EmailAttachment,
  EmailAttachmentsResolver,
  EmailReference,
  EmailVariablesResolver,
  NoticeDocumentLink,
  NoticeDocumentsResolver,
  RenderedEmail,
} from './notifications.types';
import type { IoContent, IoExtras } from './outbox.repository';
import { validateEmailVariables } from './notifications.validation';

/** Name printed in the e-mail when MAIL_FROM has no display name. */
const FALLBACK_SENDER_NAME = 'Sportello';

/** What the renderer needs of a queued e-mail. */
export interface EmailToRender extends EmailReference {
  procedureKey: string;
  variables: Record<string, unknown>;
}

/**
 * Renders a queued e-mail when it is sent: the fixed variables queued with it, overridden by
 * what the resolver registered by the owning module (cases) says about the case now, so the
 * e-mail carries data assigned after it was queued (the protocol number, given at commit).
 */
@Injectable()
export class EmailRenderer {
  private resolver?: EmailVariablesResolver;
  private readonly attachmentResolvers: EmailAttachmentsResolver[] = [];
  private readonly documentResolvers: NoticeDocumentsResolver[] = [];
  private readonly comune: string;

  constructor(
    private readonly templates: EmailTemplates,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.comune = parseMailbox(config.MAIL_FROM).name ?? FALLBACK_SENDER_NAME;
  }

  resolveVariablesWith(resolver: EmailVariablesResolver): void {
    this.resolver = resolver;
  }

  attachWith(resolver: EmailAttachmentsResolver): void {
    this.attachmentResolvers.push(resolver);
  }

  /** The files every registered resolver attaches to the e-mail, resolved at send time. */
  async attachments(ref: EmailReference): Promise<EmailAttachment[]> {
    if (ref.event === ALERT_EVENT) return [];
    const lists = [];
    for (const resolve of this.attachmentResolvers) lists.push(await resolve({ caseId: ref.caseId, event: ref.event, item: ref.item }));
    return lists.flat();
  }

  /** Throws NOTIFICATIONS_INVALID_EMAIL or a template exception: the e-mail cannot be composed. */
  linkDocumentsWith(resolver: NoticeDocumentsResolver): void {
    this.documentResolvers.push(resolver);
  }

  /**
   * The App IO message of a queued notice: the e-mail's subject, its text part as Markdown (URLs
   * as links) followed by a link to each document the notice refers to, and the extras fixed at
   * enqueue (due date, payment data). Throws like `render`; the caller checks IO's limits.
   */
  async renderIo(e: EmailToRender & { io: IoExtras | null }): Promise<{ template: string; content: IoContent }> {
    const r = await this.render(e);
    const documents: NoticeDocumentLink[] = [];
    if (e.event !== ALERT_EVENT) for (const resolve of this.documentResolvers) documents.push(...(await resolve({ caseId: e.caseId, event: e.event, item: e.item })));
    const links = documents.map((d) => `- [${escapeMarkdown(M.io.document(d.title))}](${d.verificationUrl})`);
    const markdown = [textToMarkdown(r.text), ...(links.length ? [`**${M.io.documentsHeading}**\n\n${links.join('\n')}`] : [])].join('\n\n');
    const extras = e.io ?? {};
    return {
      template: [...new Set(Object.values(r.templates))].join(' + '),
      content: {
        subject: r.subject,
        markdown,
        ...(extras.dueDate !== undefined ? { dueDate: extras.dueDate } : {}),
        ...(extras.paymentData !== undefined ? { paymentData: extras.paymentData } : {}),
      },
    };
  }

  async render(e: EmailToRender): Promise<RenderedEmail> {
    // A topic alert refers to no case: its variables are all fixed when it is queued.
    const resolved = this.resolver && e.event !== ALERT_EVENT ? await this.resolver({ caseId: e.caseId, event: e.event, item: e.item }) : {};
    const variables = validateEmailVariables({ ...e.variables, ...resolved }, e.event);
    return this.templates.render(e.procedureKey, e.event as CitizenEvent, { ...variables, comune: this.comune });
  }
}

const escapeMarkdown = (s: string): string => s.replace(/([\\`*_[\]|<>])/g, '\\$1');

/**
 * An e-mail's text part as Markdown for App IO: characters Markdown would read as markup are
 * escaped, lines inside a paragraph keep their breaks, and http(s) addresses become links.
 */
export function textToMarkdown(text: string): string {
  return text
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) =>
          line
            .split(/(https?:\/\/[^\s<>]+)/)
            .map((part, i) => (i % 2 === 1 ? `<${part}>` : escapeMarkdown(part)))
            .join('')
            // A line of dashes or equals signs would turn the line above into a heading, a leading dash into a list.
            .replace(/^(\s*)([-=#+])/, '$1\\$2'),
        )
        .join('  \n'),
    )
    .join('\n\n');
}
