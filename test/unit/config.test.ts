import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig } from '../../services/config/config.js';

describe('loadConfig', () => {
  it('selects every embedded counterpart when no server is configured', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: 'embedded', dir: path.resolve('data', 'pg') });
    expect(config.queue.kind).toBe('in-process');
    expect(config.lexical).toEqual({ kind: 'postgres' });
    expect(config.model.source).toEqual({ kind: 'hub', hubUrl: 'https://huggingface.co/', cacheDir: path.resolve('data', 'models') });
    expect(config.model.profile).toMatchObject({ id: 'Xenova/multilingual-e5-small', dimension: 384, maxTokens: 512 });
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3000 });
    expect(config.logLevel).toBe('info');
  });

  it('selects the servers when their URLs are given', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://levd:secret@db:5432/levd',
      REDIS_URL: 'redis://redis:6379',
      MEILI_URL: 'http://meili:7700',
      MEILI_MASTER_KEY: 'key',
      MODEL_DIR: '/models',
      PORT: '8080',
      QUEUE_CONCURRENCY: '4',
      QUEUE_NAME: 'levd-staging',
    });
    expect(config.database).toEqual({ kind: 'server', url: 'postgres://levd:secret@db:5432/levd' });
    expect(config.queue).toEqual({ kind: 'redis', url: 'redis://redis:6379', concurrency: 4, name: 'levd-staging' });
    expect(config.lexical).toEqual({ kind: 'meilisearch', url: 'http://meili:7700', masterKey: 'key', indexUid: 'passages' });
    expect(config.model.source).toEqual({ kind: 'local', dir: '/models' });
    expect(config.http.port).toBe(8080);
  });

  it('reads the indexing settings, with defaults that suit the demo corpus', () => {
    expect(loadConfig({}).indexing).toEqual({ maxStoryChars: 200_000, suggest: { topK: 3, minScore: 1.75 }, demoCorpus: 'auto' });
    expect(
      loadConfig({ IMPORT_MAX_STORY_CHARS: '5000', THEME_SUGGEST_TOP_K: '0', THEME_SUGGEST_MIN_SCORE: '2.5', DEMO_CORPUS: 'off' }).indexing,
    ).toEqual({ maxStoryChars: 5000, suggest: { topK: 0, minScore: 2.5 }, demoCorpus: 'off' });
  });

  it('downloads the model from a mirror when MODEL_HUB_URL names one', () => {
    expect(loadConfig({ MODEL_HUB_URL: 'https://mirror.example/hf' }).model.source).toMatchObject({
      kind: 'hub',
      hubUrl: 'https://mirror.example/hf/',
    });
  });

  it('treats empty values as absent (a blank line in .env does not select a server)', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '  ', MEILI_URL: '' }).database.kind).toBe('embedded');
  });

  it('names every bad variable in one error', () => {
    let caught: unknown;
    try {
      loadConfig({ DATABASE_URL: 'mysql://x', PORT: 'eighty', LOG_LEVEL: 'loud', MEILI_URL: 'http://m:7700', EMBEDDING_MODEL: 'bert' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    for (const name of ['DATABASE_URL', 'PORT', 'LOG_LEVEL', 'MEILI_MASTER_KEY', 'EMBEDDING_MODEL']) {
      expect(problems).toContain(name);
    }
    expect((caught as ConfigError).message).not.toContain('\n');
  });

  it.each([
    ['PORT', '0'],
    ['PORT', '70000'],
    ['REDIS_URL', 'localhost:6379'],
    ['QUEUE_CONCURRENCY', '0'],
    ['MODEL_HUB_URL', 'ftp://mirror.example/'],
    ['QUEUE_NAME', 'levd:prod'],
    ['MEILI_INDEX', 'passages/x'],
    ['IMPORT_MAX_STORY_CHARS', '10'],
    ['THEME_SUGGEST_TOP_K', '19'],
    ['THEME_SUGGEST_MIN_SCORE', 'high'],
    ['DEMO_CORPUS', 'yes'],
  ])('refuses %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });

  it('never shows passwords when describing the configuration', () => {
    const described = describeConfig(loadConfig({ DATABASE_URL: 'postgres://levd:hunter2@db/levd', REDIS_URL: 'redis://:hunter2@r:6379' }));
    expect(JSON.stringify(described)).not.toContain('hunter2');
    expect(described.database).toContain('db');
  });
});
