import { EngineUnsupportedQueryException } from './engine.exceptions';

/**
 * Translates the few MongoDB-style queries bpmn-server issues into SQL over engine_instance (i)
 * and engine_item (it). All `items.*` keys of one query match the same item row. Anything
 * else is refused, quoting the query, rather than half-understood.
 */
export interface SqlFilter {
  where: string;
  params: unknown[];
  joinsItems: boolean;
}

const ITEM_COLUMNS: Record<string, string> = {
  id: 'it.id',
  elementId: 'it.element_id',
  itemKey: 'it.item_key',
  status: 'it.status',
  messageId: 'it.message_id',
  signalId: 'it.signal_id',
  type: 'it.element_type',
};
const INSTANCE_COLUMNS: Record<string, string> = {
  id: 'i.id',
  name: 'i.name',
  status: 'i.status',
  parentItemId: 'i.parent_item_id',
};
const OPERATORS: Record<string, string> = { $eq: '=', $lt: '<', $lte: '<=', $gt: '>', $gte: '>=' };

export function translateEngineQuery(query: Record<string, unknown>): SqlFilter {
  const params: unknown[] = [];
  let joinsItems = false;
  const dataEquals: Record<string, unknown> = {};

  const column = (key: string): string | undefined => {
    if (key.startsWith('items.')) {
      const col = ITEM_COLUMNS[key.slice(6)];
      if (col) joinsItems = true;
      return col;
    }
    return INSTANCE_COLUMNS[key];
  };

  const condition = (key: string, value: unknown): string => {
    if (key === '$or' && Array.isArray(value)) {
      return `(${value.map((v) => clause(v as Record<string, unknown>)).join(' or ')})`;
    }
    if (key.startsWith('data.')) {
      if (value !== null && typeof value === 'object') throw new EngineUnsupportedQueryException(query);
      setPath(dataEquals, key.slice(5).split('.'), value);
      return '';
    }
    const col = column(key);
    if (!col) throw new EngineUnsupportedQueryException(query);
    if (value === null) return `${col} is null`;
    if (typeof value !== 'object') {
      params.push(value);
      return `${col} = $${params.length}`;
    }
    const parts: string[] = [];
    for (const [op, operand] of Object.entries(value as Record<string, unknown>)) {
      if (op === '$in' && Array.isArray(operand)) {
        params.push(operand);
        parts.push(`${col} = any($${params.length})`);
      } else if (op === '$exists') {
        parts.push(`${col} is ${operand ? 'not ' : ''}null`);
      } else if (OPERATORS[op]) {
        params.push(operand);
        parts.push(`${col} ${OPERATORS[op]} $${params.length}`);
      } else {
        throw new EngineUnsupportedQueryException(query);
      }
    }
    return parts.join(' and ');
  };

  const clause = (q: Record<string, unknown>): string => {
    const parts = Object.entries(q)
      .map(([k, v]) => condition(k, v))
      .filter(Boolean);
    return parts.length ? parts.join(' and ') : 'true';
  };

  let where = clause(query);
  if (Object.keys(dataEquals).length) {
    params.push(JSON.stringify(dataEquals));
    where = `${where} and i.data @> $${params.length}::jsonb`;
  }
  return { where, params, joinsItems };
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  path.slice(0, -1).forEach((k) => {
    node[k] = (node[k] as Record<string, unknown>) ?? {};
    node = node[k] as Record<string, unknown>;
  });
  node[path[path.length - 1]] = value;
}
