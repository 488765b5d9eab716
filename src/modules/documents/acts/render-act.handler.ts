import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ServiceTask, ServiceTaskContext, ServiceTaskProvider, ServiceTaskResult } from '../../engine';
import { DocumentInvalidActException } from '../documents.exceptions';
import { DOCUMENTS_MESSAGES as M } from '../documents.messages';
import { ActRequestsRepository } from './act-requests.repository';
import { actTemplateExists, ACT_TEMPLATE } from './act-templates';

/**
 * `implementation="documents.render"`: issues the outcome act of the case from the Handlebars
 * template `template` (`<procedure>/<name>`, under `src/templates/documents/`) with the title
 * `title`. Inside the engine's transaction it only records the request, with the outbound
 * protocol entry of the step before (`protocolloUscita`), whose number exists once the step
 * commits; ActIssuer renders the PDF/A after that, stamps the number and stores it as an issued
 * document of the case. Re-running the step for the same case and element reuses the request.
 * `anpr="residenza"` makes the issuer ask ANPR's residence check first (the certificato di residenza).
 */
@Injectable()
@ServiceTask('documents.render')
export class RenderActHandler implements ServiceTaskProvider {
  constructor(private readonly requests: ActRequestsRepository) {}

  async handle(ctx: ServiceTaskContext): Promise<ServiceTaskResult> {
    const caseId = ctx.instanceData.caseId;
    if (typeof caseId !== 'string') throw new DocumentInvalidActException([{ field: 'caseId', message: M.actNoCase }]);
    const template = ctx.properties.template ?? '';
    if (!ACT_TEMPLATE.test(template) || !actTemplateExists(template)) throw new DocumentInvalidActException([{ field: 'template', message: M.actTemplate }]);
    const title = (ctx.properties.title || ctx.processProperties.title || template).slice(0, 200);
    const anpr = ctx.properties.anpr ?? '';
    if (anpr !== '' && anpr !== 'residenza') throw new DocumentInvalidActException([{ field: 'anpr', message: M.actAnprCheck }]);
    const outbound = ctx.instanceData.protocolloUscita as { id?: unknown } | undefined;
    const row = await this.requests.insertOnce({
      id: randomUUID(),
      caseId,
      elementId: ctx.elementId,
      template,
      title,
      protocolEntryId: typeof outbound?.id === 'string' ? outbound.id : null,
      model: { ...ctx.instanceData },
      anprCheck: anpr === 'residenza' ? anpr : null,
    });
    return { data: { [ctx.properties.resultVariable || 'atto']: { richiesta: row.id, modello: template } } };
  }
}
