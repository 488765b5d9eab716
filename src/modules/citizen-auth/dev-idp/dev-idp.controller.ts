import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DEMO_CITIZENS } from '../../identity';
import { Page } from '../../web';
import { CITIZEN_AUTH_MESSAGES as M } from '../citizen-auth.messages';
import { CitizenLoginInvalidInputException } from '../citizen-auth.exceptions';
import { levelOfAcr, parseLevel } from '../citizen-levels';
import { DEV_IDP_STAFF, DEV_IDP_STAFF_CLIENT, DevIdpService } from './dev-idp.service';

/** The development provider's chooser: a test citizen and a level, as a SPID/CIE login page would ask. */
@ApiExcludeController()
@Controller('dev-idp/interaction/:uid')
@Page()
export class DevIdpController {
  constructor(private readonly idp: DevIdpService) {}

  @Get()
  async show(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.idp.enabled) return void res.status(404).end();
    const details = await this.idp.provider().interactionDetails(req, res).catch(() => null);
    if (!details) throw new CitizenLoginInvalidInputException(M.devIdpExpired, [{ field: 'uid', message: M.devIdpExpired }]);
    if (details.params.client_id === DEV_IDP_STAFF_CLIENT) {
      return res.render('dev-idp/staff-chooser', { title: M.devIdpStaffTitle, uid: details.uid, staff: DEV_IDP_STAFF.map((u, i) => ({ ...u, checked: i === 0 })) });
    }
    const requested = levelOfAcr(String(details.params.acr_values ?? '').split(' ')[0]) ?? 2;
    const cie = details.params.client_id === 'sportello-cie';
    res.render('dev-idp/chooser', {
      title: cie ? 'Entra con CIE (sviluppo)' : 'Entra con SPID (sviluppo)',
      cie,
      uid: details.uid,
      citizens: DEMO_CITIZENS.map((c, i) => ({ ...c, checked: i === 0 })),
      levels: [1, 2, 3].map((l) => ({ level: l, checked: l === requested })),
      requested,
    });
  }

  @Post()
  async choose(@Param('uid') _uid: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!this.idp.enabled) return void res.status(404).end();
    if (body.annulla !== undefined) return this.idp.cancel(req, res);
    const details = await this.idp.provider().interactionDetails(req, res).catch(() => null);
    if (!details) throw new CitizenLoginInvalidInputException(M.devIdpExpired, [{ field: 'uid', message: M.devIdpExpired }]);
    if (details.params.client_id === DEV_IDP_STAFF_CLIENT) {
      const user = DEV_IDP_STAFF.find((u) => u.id === body.utente);
      if (!user) throw new CitizenLoginInvalidInputException(M.devIdpUnknownStaff, [{ field: 'utente', message: M.devIdpUnknownStaff }]);
      return this.idp.finishStaff(req, res, user.id, body.mfa === 'si');
    }
    const citizen = DEMO_CITIZENS.find((c) => c.fiscalCode === body.cittadino);
    if (!citizen) throw new CitizenLoginInvalidInputException(M.devIdpUnknownCitizen, [{ field: 'cittadino', message: M.devIdpUnknownCitizen }]);
    const level = parseLevel(body.livello);
    if (!level) throw new CitizenLoginInvalidInputException(M.devIdpBadLevel, [{ field: 'livello', message: M.devIdpBadLevel }]);
    await this.idp.finish(req, res, citizen.fiscalCode, level);
  }
}
