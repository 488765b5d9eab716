import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { FieldError } from '../../../common';
import { APP_CONFIG, AppConfig } from '../../../config';
import { CasesService, FilingContext, FilingContribution } from '../../cases';
import { CatalogueService } from '../../catalogue';
import { FormSchema, fileReferences } from '../../forms';
import { acceptAdmits } from '../content-type';
import { DocumentInvalidAttachmentsException } from '../documents.exceptions';
import { DOCUMENTS_MESSAGES as M } from '../documents.messages';
import { AttachmentRow, DocumentsRepository } from '../documents.repository';

/**
 * Contract 1 and 2: at filing, every attachment id in a filepicker value must be an unfiled
 * upload of the applicant for that field (and of a type the field accepts). They are linked to
 * the case in the filing transaction and listed, with their digests, on the inbound protocol
 * entry. Any bad id refuses the whole filing (422 naming the field), nothing stored.
 */
@Injectable()
export class AttachmentsFilingListener implements OnModuleInit {
  constructor(
    private readonly cases: CasesService,
    private readonly catalogue: CatalogueService,
    private readonly repo: DocumentsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.cases.onFiling((ctx) => this.onFiling(ctx));
  }

  async onFiling(ctx: FilingContext): Promise<FilingContribution | void> {
    const procedure = await this.catalogue.get(ctx.procedureKey);
    const references = fileReferences(procedure.startForm.schema as unknown as FormSchema, ctx.data);
    if (references.length === 0) return;
    const rows = new Map((await this.repo.attachmentsForUpdate(references.flatMap((r) => r.ids))).map((r) => [r.id, r]));
    const owner = ctx.applicant.fiscalCode.trim().toUpperCase();
    const errors: FieldError[] = [];
    const linked: AttachmentRow[] = [];
    const used = new Set<string>();
    for (const ref of references) {
      const fail = (message: string) => errors.push({ field: ref.path, message, code: 'attachment' });
      if (ref.ids.length > this.config.DOCUMENTS_MAX_FILES_PER_FIELD) fail(M.tooManyForField(ref.label ?? ref.field, this.config.DOCUMENTS_MAX_FILES_PER_FIELD));
      for (const id of ref.ids) {
        const row = rows.get(id);
        if (!row || row.owner_fiscal_code !== owner) fail(M.attachmentUnknown);
        else if (row.case_id !== null) fail(M.attachmentAlreadyFiled);
        else if (row.field !== ref.field || used.has(id)) fail(M.attachmentOtherField);
        else if (!acceptAdmits(ref.accept, row.name, row.media_type)) fail(M.attachmentNotAccepted(ref.accept!));
        else {
          used.add(id);
          linked.push(row);
        }
      }
    }
    if (errors.length > 0) throw new DocumentInvalidAttachmentsException(errors);
    await this.repo.linkAttachments(linked.map((r) => r.id), ctx.caseId, procedure.office.key, new Date());
    return { documents: linked.map((r) => ({ name: r.name, sha256: r.sha256, mediaType: r.media_type, size: Number(r.size) })) };
  }
}
