import { Body, Controller, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { analystOf, ModelerAccess } from './modeler-access';
import { ModelerContext, ModelerItem, ModelerService } from './modeler.service';

/** The modeler's own API (same origin and same access as its pages): list, open, save drafts, validate. */
@ApiExcludeController()
@ModelerAccess()
@Controller('modeler/api')
export class ModelerApiController {
  constructor(private readonly modeler: ModelerService) {}

  @Get('catalogue')
  list(): Promise<{ procedures: ModelerItem[]; forms: ModelerItem[] }> {
    return this.modeler.list();
  }

  /** Offices, forms, registered services and the status vocabulary: the drop-downs and the lint context. */
  @Get('context')
  context(): Promise<ModelerContext> {
    return this.modeler.context();
  }

  @Get('services')
  async services(): Promise<{ serviceNames: string[] }> {
    return { serviceNames: (await this.modeler.context()).serviceNames };
  }

  @Get('procedures/:key')
  procedure(@Param('key') key: string): Promise<{ key: string; xml: string; draft: boolean }> {
    return this.modeler.procedure(key);
  }

  @Put('procedures/:key/draft')
  saveProcedure(@Param('key') key: string, @Body() body: unknown, @Req() req: Request): Promise<{ key: string; updatedAt: string; problems: string[] }> {
    return this.modeler.saveProcedure(key, body, analystOf(req));
  }

  @Post('procedures/:key/validate')
  @HttpCode(200)
  validate(@Param('key') key: string, @Body() body: unknown): Promise<{ key: string; problems: string[] }> {
    return this.modeler.validateProcedure(key, body);
  }

  @Get('forms/:key')
  form(@Param('key') key: string): Promise<{ key: string; schema: Record<string, unknown>; draft: boolean }> {
    return this.modeler.form(key);
  }

  @Put('forms/:key/draft')
  saveForm(@Param('key') key: string, @Body() body: unknown, @Req() req: Request): Promise<{ key: string; updatedAt: string }> {
    return this.modeler.saveForm(key, body, analystOf(req));
  }
}
