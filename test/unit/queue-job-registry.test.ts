import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createJobRegistry, InvalidJobError, prepareJob, type AnyJobDefinition } from '../../services/queue/job-registry.js';
import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS } from '../../services/queue/queue.js';

const payload = z.object({ storyId: z.string().uuid(), revision: z.number().int().nonnegative() });
const job = (name: string, extra: Partial<AnyJobDefinition> = {}): AnyJobDefinition => ({
  name,
  payload,
  handle: async () => ({ status: 'done' }),
  ...extra,
});
const STORY = '0b6f6a38-5b7e-4e4c-9a47-2f3c1c3f4d21';

describe('createJobRegistry', () => {
  it('maps each name to its definition', () => {
    const index = job('index-story');
    const purge = job('purge-story');
    const registry = createJobRegistry([index, purge]);
    expect([...registry.keys()]).toEqual(['index-story', 'purge-story']);
    expect(registry.get('index-story')).toBe(index);
  });

  it('accepts an empty list', () => {
    expect(createJobRegistry([]).size).toBe(0);
  });

  it('refuses a name registered twice, naming it', () => {
    expect(() => createJobRegistry([job('index-story'), job('purge-story'), job('index-story')])).toThrow(
      /"index-story" is registered 2 times: each job name needs exactly one handler/,
    );
  });

  it.each(['', 'IndexStory', 'index_story', 'index story', '-index', 'index-', 'index--story', '1-index', 'index:story'])(
    'refuses the name %j',
    (name) => {
      expect(() => createJobRegistry([job(name)])).toThrow(/must be non-empty kebab-case/);
    },
  );

  it.each(['index-story', 'reconcile', 'embed-v2', 'a1-b2'])('accepts the name %j', (name) => {
    expect(createJobRegistry([job(name)]).has(name)).toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses attempts = %s', (attempts) => {
    expect(() => createJobRegistry([job('index-story', { attempts })])).toThrow(/attempts must be a whole number ≥ 1/);
  });

  it('refuses a negative backoff and a definition without handler or schema', () => {
    const noHandler = { name: 'no-handler', payload } as unknown as AnyJobDefinition;
    const noSchema = { name: 'no-schema', handle: async () => ({ status: 'done' }) } as unknown as AnyJobDefinition;
    expect(() => createJobRegistry([job('index-story', { backoffMs: -5 })])).toThrow(/backoffMs must be a number ≥ 0/);
    expect(() => createJobRegistry([noHandler])).toThrow(/has no handle\(\) function/);
    expect(() => createJobRegistry([noSchema])).toThrow(/has no zod payload schema/);
  });

  it('lists every problem in one error', () => {
    let message = '';
    try {
      createJobRegistry([job('Bad_Name'), job('index-story', { attempts: 0 }), job('purge-story'), job('purge-story')]);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'The job registry is invalid:',
      expect.stringContaining('job #1 ("Bad_Name"): the name must be non-empty kebab-case'),
      expect.stringContaining('job #2 ("index-story"): attempts must be a whole number ≥ 1 (got 0)'),
      expect.stringContaining('"purge-story" is registered 2 times'),
    ]);
  });
});

describe('prepareJob', () => {
  const registry = createJobRegistry([job('index-story', { attempts: 3, backoffMs: 50 }), job('purge-story')]);

  it('returns the parsed payload with unknown fields stripped, and the retry policy', () => {
    const prepared = prepareJob(registry, 'index-story', { storyId: STORY, revision: 2, text: 'story text' }, `index-story:${STORY}:2`);
    expect(prepared.payload).toEqual({ storyId: STORY, revision: 2 });
    expect(prepared).toMatchObject({ attempts: 3, backoffMs: 50 });
    expect(prepareJob(registry, 'purge-story', { storyId: STORY, revision: 0 }, `purge-story:${STORY}`)).toMatchObject({
      attempts: DEFAULT_ATTEMPTS,
      backoffMs: DEFAULT_BACKOFF_MS,
    });
  });

  it('refuses an unknown name, listing the known ones', () => {
    expect(() => prepareJob(registry, 'nope', {}, 'nope:1')).toThrow(new InvalidJobError('Unknown job "nope": it is not in the job registry (known: index-story, purge-story)'));
  });

  it('refuses a bad payload with the failing paths but without the values', () => {
    const attempt = () => prepareJob(registry, 'index-story', { storyId: 'my secret story', revision: -1 }, 'index-story:x:1');
    expect(attempt).toThrow(InvalidJobError);
    expect(attempt).toThrow(/Invalid payload for job "index-story" \(index-story:x:1\); nothing was queued: storyId: .*; revision: /);
    expect(attempt).not.toThrow(/my secret story/);
  });

  it.each(['', '   ', '42'])('refuses the job id %j', (jobId) => {
    expect(() => prepareJob(registry, 'purge-story', { storyId: STORY, revision: 0 }, jobId)).toThrow(/Invalid id/);
  });
});
