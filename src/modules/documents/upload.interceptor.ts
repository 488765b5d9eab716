import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, PayloadTooLargeException, Type } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../../config';
import { DocumentInvalidUploadException, DocumentTooLargeException } from './documents.exceptions';
import { DOCUMENTS_MESSAGES as M } from './documents.messages';

/**
 * Reads the multipart body (one `file`, a few text fields) into memory, stopping at
 * DOCUMENTS_MAX_FILE_BYTES, and turns multer's refusals into coded errors naming the field.
 */
@Injectable()
export class UploadInterceptor implements NestInterceptor {
  private readonly inner: NestInterceptor;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const Multer = FileInterceptor('file', { limits: { fileSize: config.DOCUMENTS_MAX_FILE_BYTES, files: 1, fields: 10, fieldSize: 64 * 1024 } }) as Type<NestInterceptor>;
    this.inner = new Multer({});
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.inner.intercept(context, next);
    } catch (error: unknown) {
      const body = (context.switchToHttp().getRequest<Request>().body ?? {}) as { field?: unknown };
      const field = typeof body.field === 'string' && body.field ? body.field : 'file';
      if (error instanceof PayloadTooLargeException) throw new DocumentTooLargeException(field, M.tooLarge(field, this.config.DOCUMENTS_MAX_FILE_BYTES));
      if (error instanceof Error && 'getStatus' in error) throw new DocumentInvalidUploadException('file', M.fileRequired);
      throw error;
    }
  }
}
