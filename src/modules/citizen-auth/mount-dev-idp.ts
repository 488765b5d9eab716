import type { INestApplication } from '@nestjs/common';
import { DEV_IDP_PATH } from './citizen-providers';
import { DevIdpService } from './dev-idp/dev-idp.service';

/** Mounts the development identity provider's protocol endpoints under /dev-idp (no-op unless AUTH_DEV_IDP). */
export function mountDevIdp(app: INestApplication): void {
  let idp: DevIdpService;
  try {
    idp = app.get(DevIdpService, { strict: false });
  } catch {
    return;
  }
  if (idp.enabled) app.use(DEV_IDP_PATH, idp.middleware());
}
