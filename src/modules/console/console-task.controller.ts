import { Body, Controller, Get, HttpCode, Ip, Param, Post, Query, Redirect, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, OperatorPrincipal } from '../identity';
import { Page } from '../web';
import { ConsoleTaskService, DiagramView, TaskNotice } from './console-task.service';

/** The console task page and its forms; an operator of another office gets 404 (the tasks policy). */
@ApiExcludeController()
@Controller('console')
@Page('operator')
export class ConsoleTaskController {
  constructor(private readonly task: ConsoleTaskService) {}

  @Get('attivita/:taskId')
  @Render('console/attivita')
  page(@CurrentPrincipal() p: OperatorPrincipal, @Param('taskId') id: string, @Query('avviso') notice: unknown, @Ip() ip: string): Promise<object> {
    return this.task.page(p, id, notice, ip);
  }

  /** The diagram script's data: the case's model at its version and the current position. */
  @Get('attivita/:taskId/diagramma')
  diagram(@CurrentPrincipal() p: OperatorPrincipal, @Param('taskId') id: string): Promise<DiagramView> {
    return this.task.diagram(p, id);
  }

  @Post('attivita/:taskId/prendi')
  @Redirect()
  async claim(@CurrentPrincipal() p: OperatorPrincipal, @Param('taskId') id: string, @Ip() ip: string) {
    return back(id, await this.task.claim(p, id, ip));
  }

  @Post('attivita/:taskId/rilascia')
  @Redirect()
  async unclaim(@CurrentPrincipal() p: OperatorPrincipal, @Param('taskId') id: string, @Ip() ip: string) {
    return back(id, await this.task.unclaim(p, id, ip));
  }

  /** The task form's script posts the data as JSON with the CSRF header; errors come back as problem+json. */
  @Post('attivita/:taskId')
  @HttpCode(200)
  complete(@CurrentPrincipal() p: OperatorPrincipal, @Param('taskId') id: string, @Body() body: unknown, @Ip() ip: string): Promise<object> {
    return this.task.complete(p, id, body, ip);
  }

  @Post('attivita/:taskId/note')
  @Redirect()
  async note(@CurrentPrincipal() p: OperatorPrincipal, @Param('taskId') id: string, @Body() body: Record<string, unknown>) {
    return back(id, await this.task.addNote(p, id, body?.testo), 'note');
  }

  @Post('attivita/:taskId/messaggi')
  @Redirect()
  async message(@CurrentPrincipal() p: OperatorPrincipal, @Param('taskId') id: string, @Body() body: Record<string, unknown>) {
    return back(id, await this.task.postMessage(p, id, body?.testo), 'messaggi');
  }

  /** An attachment or issued document, with the documents module's authorization. */
  @Get('documenti/:id')
  async download(@CurrentPrincipal() p: OperatorPrincipal, @Param('id') id: string, @Ip() ip: string, @Res() res: Response): Promise<void> {
    const { document, bytes } = await this.task.read(p, id, ip);
    res.status(200).type(document.mediaType).set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(document.name)}`).send(bytes);
  }
}

function back(id: string, notice: TaskNotice, anchor = 'stato'): { url: string; statusCode: number } {
  return { url: `/console/attivita/${encodeURIComponent(id)}?avviso=${notice}#${anchor}`, statusCode: 303 };
}
