import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config';
import { EmailTemplates } from './email-templates';
import { parseMailbox } from './mailbox';
import { CitizenEvent, EmailAttachment, EmailAttachmentsResolver, EmailReference, EmailVariablesResolver, RenderedEmail } from './notifications.types';
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
    const lists = [];
    for (const resolve of this.attachmentResolvers) lists.push(await resolve({ caseId: ref.caseId, event: ref.event, item: ref.item }));
    return lists.flat();
  }

  /** Throws NOTIFICATIONS_INVALID_EMAIL or a template exception: the e-mail cannot be composed. */
  async render(e: EmailToRender): Promise<RenderedEmail> {
    const resolved = this.resolver ? await this.resolver({ caseId: e.caseId, event: e.event, item: e.item }) : {};
    const variables = validateEmailVariables({ ...e.variables, ...resolved });
    return this.templates.render(e.procedureKey, e.event as CitizenEvent, { ...variables, comune: this.comune });
  }
}
