import { Body, Controller, Get, HttpCode, Param, Post, Query, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CitizenPrincipal, CurrentPrincipal } from '../identity';
import { Page } from '../web';
import { PersonalAreaService } from './personal-area.service';

/** The citizen's personal area, case pages and open citizen tasks. */
@ApiExcludeController()
@Controller('area-personale')
@Page('citizen')
export class PersonalAreaController {
  constructor(private readonly area: PersonalAreaService) {}

  @Get()
  @Render('portal/area-personale')
  home(@CurrentPrincipal() citizen: CitizenPrincipal, @Query('scheda') tab: unknown, @Query('prima') before: unknown): Promise<object> {
    return this.area.area(citizen, tab, before);
  }

  @Get('pratiche/:id')
  @Render('portal/pratica')
  casePage(@CurrentPrincipal() citizen: CitizenPrincipal, @Param('id') id: string, @Query('inviata') filed: unknown, @Query('avviso') notice: unknown, @Query('prima') before: unknown): Promise<object> {
    return this.area.casePage(citizen, id, filed === '1', notice, before);
  }

  @Get('pratiche/:id/attivita/:taskId')
  @Render('portal/attivita')
  task(@CurrentPrincipal() citizen: CitizenPrincipal, @Param('id') id: string, @Param('taskId') taskId: string): Promise<object> {
    return this.area.taskPage(citizen, id, taskId);
  }

  /** The task form's script posts the data as JSON with the CSRF header. */
  @Post('pratiche/:id/attivita/:taskId')
  @HttpCode(200)
  complete(@CurrentPrincipal() citizen: CitizenPrincipal, @Param('id') id: string, @Param('taskId') taskId: string, @Body() body: unknown): Promise<object> {
    return this.area.completeTask(citizen, id, taskId, body);
  }
}
