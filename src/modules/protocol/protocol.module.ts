import { Module } from '@nestjs/common';
import { ProtocolRegisterHandler } from './handlers/protocol-register.handler';
import { LocalProtocolRegistry } from './local-protocol-registry.adapter';
import { Clock, SystemClock } from './protocol.clock';
import { PROTOCOL_REGISTRY } from './protocol-registry.port';
import { ProtocolController } from './protocol.controller';
import { ProtocolService } from './protocol.service';

/**
 * The protocol register. Needs the global ConfigModule and DatabaseModule. The port is bound to
 * the local register; a vendor adapter would be chosen here by configuration.
 */
@Module({
  controllers: [ProtocolController],
  providers: [
    { provide: Clock, useClass: SystemClock },
    LocalProtocolRegistry,
    { provide: PROTOCOL_REGISTRY, useExisting: LocalProtocolRegistry },
    ProtocolService,
    ProtocolRegisterHandler,
  ],
  exports: [ProtocolService, PROTOCOL_REGISTRY, Clock],
})
export class ProtocolModule {}
