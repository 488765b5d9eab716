import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common';
import { AUTH_PROBLEMS, CurrentPrincipal, IdentityForbiddenException, Principal, Roles } from '../identity';
import { EventPageDto } from './dto/event.response.dto';
import { DEFAULT_EVENT_LIMIT, EventFeedService, MAX_EVENT_LIMIT, parseEventLimit, parseEventTypes } from './event-feed.service';
import { INTEGRATION_MESSAGES as M } from './integration.messages';
import { EVENT_TYPES, EventPage, EventReader } from './integration.types';

/** The event feed of the integration API: a vertical that was down reads on from its last cursor. */
@ApiTags('integrazione')
@ApiBearerAuth()
@Controller('api/v1/events')
export class EventFeedController {
  constructor(private readonly feed: EventFeedService) {}

  @Get()
  @Roles('admin', 'operator', 'service')
  @ApiOperation({
    summary: 'Eventi in ordine di commit',
    description:
      'Events after the cursor, in the order their transactions committed, each exactly once. Start without `after`, then pass `next` back; ' +
      'an empty page keeps `next` unchanged (poll again later). Operators see the events of their offices, service accounts (scope `events:read`) those of their offices and procedures.',
  })
  @ApiQuery({ name: 'after', required: false, description: 'Opaque cursor (`next` of an earlier page); omitted: from the first event', example: 'ZTEuMTI4' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: MAX_EVENT_LIMIT, default: DEFAULT_EVENT_LIMIT } })
  @ApiQuery({ name: 'types', required: false, description: `Comma-separated: ${EVENT_TYPES.join(', ')}`, example: 'case.filed,case.status-changed' })
  @ApiOkResponse({ type: EventPageDto })
  @ApiProblems({ 400: { INTEGRATION_BAD_QUERY: M.badQuery } }, AUTH_PROBLEMS)
  list(@CurrentPrincipal() p: Principal, @Query() q: Record<string, string>): Promise<EventPage> {
    return this.feed.read(readerOf(p), { after: q.after, limit: parseEventLimit(q.limit), types: parseEventTypes(q.types) });
  }
}

function readerOf(p: Principal): EventReader {
  switch (p.kind) {
    case 'admin':
      return { kind: 'all' };
    case 'operator':
      return { kind: 'scoped', offices: p.offices, procedures: [] };
    case 'service':
      if (!p.scopes.includes('events:read')) throw new IdentityForbiddenException();
      return { kind: 'scoped', offices: p.offices, procedures: p.procedures };
    default:
      throw new IdentityForbiddenException();
  }
}
