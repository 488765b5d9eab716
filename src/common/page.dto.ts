import { applyDecorators, Type } from '@nestjs/common';
import { ApiProperty, ApiQuery } from '@nestjs/swagger';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination';

/** Schema of `Page<T>` (offset pagination: `page`, `pageSize`, answered with `items` and `total`). */
export interface PageDtoType<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const made = new Map<Type<unknown>, Type<PageDtoType<unknown>>>();

/** A named page schema for an item DTO: `PageDto(CaseSummaryDto)` documents as `CaseSummaryDtoPage`. */
export function PageDto<T>(item: Type<T>): Type<PageDtoType<T>> {
  const known = made.get(item);
  if (known) return known as Type<PageDtoType<T>>;
  class Page implements PageDtoType<T> {
    @ApiProperty({ type: [item] })
    items!: T[];

    @ApiProperty({ type: 'integer', description: 'How many items match, over all pages', example: 42 })
    total!: number;

    @ApiProperty({ type: 'integer', minimum: 1, description: 'The page returned (from the `page` query parameter, 1-based)', example: 1 })
    page!: number;

    @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, description: `Items per page (\`pageSize\`, default ${DEFAULT_PAGE_SIZE})`, example: DEFAULT_PAGE_SIZE })
    pageSize!: number;
  }
  Object.defineProperty(Page, 'name', { value: `${item.name}Page` });
  made.set(item, Page as Type<PageDtoType<unknown>>);
  return Page;
}

/** Documents the `page` and `pageSize` query parameters of an offset-paginated list. */
export const ApiPageQuery = (): MethodDecorator =>
  applyDecorators(
    ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1, default: 1 }, description: 'Pagina, da 1', example: 1 }),
    ApiQuery({
      name: 'pageSize',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
      description: 'Elementi per pagina',
      example: DEFAULT_PAGE_SIZE,
    }),
  );
