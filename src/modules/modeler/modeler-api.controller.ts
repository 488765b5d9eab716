import { Body, Controller, Get, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { analystOf, ModelerAccess } from './modeler-access';
import { PublicationPreview, PublicationResult } from '../catalogue';
import { DryRunState, ModelerContext, ModelerItem, NewProcedureResult } from './modeler-contract';
import { DryRunService } from './dry-run.service';
import { ModelerService } from './modeler.service';

/** The modeler's own API (same origin and same access as its pages): list, open, create, save drafts, validate, publish. */
@ApiExcludeController()
@ModelerAccess()
@Controller('modeler/api')
export class ModelerApiController {
  constructor(
    private readonly modeler: ModelerService,
    private readonly dryRun: DryRunService,
  ) {}

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

  @Post('procedures')
  @HttpCode(201)
  createProcedure(@Body() body: unknown, @Req() req: Request): Promise<NewProcedureResult> {
    return this.modeler.createProcedure(body, analystOf(req));
  }

  /** Imports a shared procedure zip (base64 in `content`) as drafts. */
  @Post('procedures/import')
  @HttpCode(201)
  importProcedure(@Body() body: unknown, @Req() req: Request): Promise<{ key: string; forms: string[] }> {
    return this.modeler.importZip(body, analystOf(req));
  }

  /** The procedure as a zip: BPMN, the forms it uses, the offices it needs. */
  @Get('procedures/:key/export')
  async exportProcedure(@Param('key') key: string, @Res() res: Response): Promise<void> {
    const { fileName, bytes } = await this.modeler.exportZip(key);
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.type('application/zip').send(Buffer.from(bytes));
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

  /** The semantic diff of the saved draft against the version in force, running cases, dropped waiting steps, blocking problems. */
  @Get('procedures/:key/publication')
  publication(@Param('key') key: string): Promise<PublicationPreview> {
    return this.modeler.publicationPreview(key);
  }

  @Post('procedures/:key/publish')
  @HttpCode(201)
  publish(@Param('key') key: string, @Body() body: unknown, @Req() req: Request): Promise<PublicationResult> {
    return this.modeler.publish(key, body, analystOf(req), req.ip ?? null);
  }

  /**
   * A dry run of the draft (or of `xml`, the diagram as it is in the editor): replays `actions` in a
   * sandbox that is always rolled back and answers each step's path and citizen status, and what the
   * run waits on now with data proposed from its forms. Audited.
   */
  @Post('procedures/:key/dry-run')
  @HttpCode(200)
  dryRunProcedure(@Param('key') key: string, @Body() body: unknown, @Req() req: Request): Promise<DryRunState> {
    return this.dryRun.run(key, body, analystOf(req), req.ip ?? null);
  }

  @Post('forms')
  @HttpCode(201)
  createForm(@Body() body: unknown, @Req() req: Request): Promise<{ key: string }> {
    return this.modeler.createForm(body, analystOf(req));
  }

  @Post('forms/:key/duplicate')
  @HttpCode(201)
  duplicateForm(@Param('key') key: string, @Body() body: unknown, @Req() req: Request): Promise<{ key: string }> {
    return this.modeler.duplicateForm(key, body, analystOf(req));
  }

  @Post('forms/:key/rename')
  @HttpCode(200)
  renameForm(@Param('key') key: string, @Body() body: unknown, @Req() req: Request): Promise<{ key: string }> {
    return this.modeler.renameForm(key, body, analystOf(req));
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
