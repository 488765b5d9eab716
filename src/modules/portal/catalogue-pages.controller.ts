import { Controller, Get, Param, Query, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Page } from '../web';
import { CataloguePagesService, CatalogueQuery } from './catalogue-pages.service';

/** Public pages: home, catalogue, scheda servizio. */
@ApiExcludeController()
@Controller()
@Page()
export class CataloguePagesController {
  constructor(private readonly pages: CataloguePagesService) {}

  @Get()
  @Render('portal/home')
  home(): Promise<object> {
    return this.pages.home();
  }

  @Get('servizi')
  @Render('portal/servizi')
  list(@Query() query: CatalogueQuery): Promise<object> {
    return this.pages.list(query);
  }

  @Get('servizi/:key')
  @Render('portal/scheda-servizio')
  scheda(@Param('key') key: string): Promise<object> {
    return this.pages.scheda(key);
  }
}
