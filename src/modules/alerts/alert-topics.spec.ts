import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAlertTopics } from './alert-topics';

const dir = mkdtempSync(join(tmpdir(), 'topics-'));
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('alert topics file', () => {
  it('given the shipped file, when loaded, then the topics are there', () => {
    expect(loadAlertTopics(join(__dirname, '..', '..', '..', 'processes', 'alert-topics.json')).map((t) => t.key)).toEqual(['allerta-meteo', 'scuola', 'viabilita']);
  });

  it('given no file, when loaded, then there are no topics', () => {
    expect(loadAlertTopics(join(dir, 'missing.json'))).toEqual([]);
  });

  it('given a bad key, a duplicate or a missing title, when loaded, then boot stops naming the entry', () => {
    expect(() => loadAlertTopics(file('a.json', '[{"key":"Allerta Meteo","title":"x y"}]'))).toThrow(/\[0\]\.key/);
    expect(() => loadAlertTopics(file('b.json', '[{"key":"a","title":"Aa"},{"key":"a","title":"Bb"}]'))).toThrow(/\[1\]\.key: "a" twice/);
    expect(() => loadAlertTopics(file('c.json', '[{"key":"a"}]'))).toThrow(/\[0\]\.title/);
    expect(() => loadAlertTopics(file('d.json', '{"key":"a"}'))).toThrow(/must be a list/);
  });
});
