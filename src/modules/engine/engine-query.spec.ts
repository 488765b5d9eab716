import { translateEngineQuery } from './engine-query';
import { EngineUnsupportedQueryException } from './engine.exceptions';

describe('translateEngineQuery', () => {
  it('given an item query with instance data, when translated, then item keys bind one item and data uses containment', () => {
    // when
    const sql = translateEngineQuery({ 'items.messageId': 'm', 'items.status': 'wait', 'data.caseId': 'c1' });
    // then
    expect(sql.joinsItems).toBe(true);
    expect(sql.where).toBe('it.message_id = $1 and it.status = $2 and i.data @> $3::jsonb');
    expect(sql.params).toEqual(['m', 'wait', '{"caseId":"c1"}']);
  });

  it('given comparison operators, when translated, then each becomes a parameterised comparison', () => {
    // when
    const sql = translateEngineQuery({ 'items.status': { $in: ['wait', 'start'] }, 'items.id': { $exists: true } });
    // then
    expect(sql.where).toBe('it.status = any($1) and it.id is not null');
    expect(sql.params).toEqual([['wait', 'start']]);
  });

  it('given an unsupported key, when translated, then it is refused quoting the query', () => {
    // when / then
    expect(() => translateEngineQuery({ 'items.vars.x': 1 })).toThrow(EngineUnsupportedQueryException);
    expect(() => translateEngineQuery({ 'items.vars.x': 1 })).toThrow(/items\.vars\.x/);
  });

  it('given $or with $in, when translated, then both branches are parameterised', () => {
    // when
    const sql = translateEngineQuery({ $or: [{ id: 'a' }, { id: { $in: ['b', 'c'] } }] });
    // then
    expect(sql.where).toBe('(i.id = $1 or i.id = any($2))');
    expect(sql.params).toEqual(['a', ['b', 'c']]);
  });
});
