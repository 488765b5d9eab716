import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CatalogueService, Office } from '../catalogue';
import { Page } from './page-auth';

/** The footer's pages every Comune site must have (AgID criteria 15 and 16) and the contacts. */
@ApiExcludeController()
@Controller()
@Page()
export class InfoPagesController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get('privacy')
  @Render('web/privacy')
  privacy(): object {
    return { title: 'Informativa sulla privacy', breadcrumbs: [{ label: 'Informativa sulla privacy' }] };
  }

  @Get('dichiarazione-accessibilita')
  @Render('web/accessibilita')
  accessibility(): object {
    return { title: 'Dichiarazione di accessibilità', breadcrumbs: [{ label: 'Dichiarazione di accessibilità' }] };
  }

  @Get('contatti')
  @Render('web/contatti')
  async contacts(): Promise<{ title: string; breadcrumbs: object[]; offices: Office[] }> {
    return { title: 'Contatti', breadcrumbs: [{ label: 'Contatti' }], offices: await this.catalogue.offices() };
  }
}
