export { ProtocolModule } from './protocol.module';
export { ProtocolService } from './protocol.service';
export { PROTOCOL_REGISTRY } from './protocol-registry.port';
export type { ProtocolRegistry } from './protocol-registry.port';
export { Clock, SystemClock } from './protocol.clock';
export {
  ProtocolAlreadyAnnulledException,
  ProtocolEntryNotFoundException,
  ProtocolInvalidAnnulmentException,
  ProtocolInvalidEntryException,
  ProtocolInvalidQueryException,
} from './protocol.exceptions';
export { CHANNELS, DIRECTIONS, IDENTIFICATIONS } from './protocol.types';
export type {
  AnnulmentRequest,
  Correspondent,
  DailyAnnulment,
  DailyRegister,
  DeskIdentification,
  NewProtocolEntry,
  ProtocolAnnulment,
  ProtocolChannel,
  ProtocolDirection,
  ProtocolDocument,
  ProtocolEntry,
  SenderReference,
} from './protocol.types';
