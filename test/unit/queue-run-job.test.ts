import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../../services/platform/logger.js';
import { createJobRegistry, type AnyJobDefinition } from '../../services/queue/job-registry.js';
import type { JobRunLog } from '../../services/queue/queue.js';
import { runJob, type JobTry } from '../../services/queue/run-job.js';

const STORY = '0b6f6a38-5b7e-4e4c-9a47-2f3c1c3f4d21';
const payload = z.object({ storyId: z.string().uuid() });

/** Records calls; `failOn` makes that method throw, like a database that is down. */
function runLog(failOn?: keyof JobRunLog) {
  const calls: string[] = [];
  const record = (method: keyof JobRunLog) => async (run: object) => {
    const { final } = run as { final?: boolean };
    calls.push(`${method}${final === undefined ? '' : final ? ' final' : ' retry'}`);
    if (method === failOn) throw new Error('database is down');
  };
  const log: JobRunLog = { enqueued: record('enqueued'), started: record('started'), finished: record('finished'), failed: record('failed') };
  return { log, calls };
}

function setup(handle: AnyJobDefinition['handle'], failOn?: keyof JobRunLog, overrides: Partial<JobTry> = {}) {
  const handled: unknown[] = [];
  const registry = createJobRegistry([{ name: 'index-story', payload, handle: async (p, ctx) => (handled.push(p), handle(p, ctx)) }]);
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  const recorder = runLog(failOn);
  const job: JobTry = {
    registry,
    name: 'index-story',
    jobId: `index-story:${STORY}:1`,
    payload: { storyId: STORY },
    attempt: 1,
    maxAttempts: 3,
    runLog: recorder.log,
    log: createLogger('info', sink),
    ...overrides,
  };
  return { job, handled, calls: recorder.calls, logLines: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('runJob', () => {
  it('records started then finished, and gives the handler a child logger with the job, id and attempt', async () => {
    let bindings: unknown;
    const { job, calls } = setup(async (_p, ctx) => {
      bindings = ctx.log.bindings();
      return { status: 'done' };
    });
    expect(await runJob(job)).toEqual({ status: 'completed', outcome: { status: 'done' } });
    expect(calls).toEqual(['started', 'finished']);
    expect(bindings).toMatchObject({ job: 'index-story', jobId: job.jobId, attempt: 1 });
  });

  it('marks a failure final only on the last attempt', async () => {
    const failing = async (): Promise<never> => {
      throw new Error('upstream timeout');
    };
    const first = setup(failing);
    expect(await runJob(first.job)).toEqual({ status: 'failed', reason: 'upstream timeout', final: false });
    expect(first.calls).toEqual(['started', 'failed retry']);
    const last = setup(failing, undefined, { attempt: 3 });
    expect(await runJob(last.job)).toEqual({ status: 'failed', reason: 'upstream timeout', final: true });
    expect(last.calls).toEqual(['started', 'failed final']);
  });

  it('fails a payload that no longer parses for good, without running the handler', async () => {
    const { job, handled, calls } = setup(async () => ({ status: 'done' }), undefined, { payload: { storyId: 'a story about me' } });
    const result = await runJob(job);
    expect(result).toMatchObject({ status: 'failed', final: true, reason: expect.stringMatching(/^invalid payload \(permanent failure, not retried\): storyId: /) });
    expect(JSON.stringify(result)).not.toContain('a story about me');
    expect(handled).toEqual([]);
    expect(calls).toEqual(['failed final']);
  });

  it('fails a job name this worker does not know, retryably', async () => {
    const { job } = setup(async () => ({ status: 'done' }), undefined, { name: 'from-a-newer-release' });
    expect(await runJob(job)).toEqual({ status: 'failed', reason: 'no handler for job "from-a-newer-release" in this worker\'s job registry', final: false });
  });

  it('does not run the handler when the start cannot be recorded, and lets the try be retried', async () => {
    const { job, handled, calls } = setup(async () => ({ status: 'done' }), 'started');
    expect(await runJob(job)).toEqual({ status: 'failed', reason: 'could not record the start in the job run log: database is down', final: false });
    expect(handled).toEqual([]);
    expect(calls).toEqual(['started', 'failed retry']);
  });

  it('keeps a successful job done when the run log cannot record it, and logs that loudly', async () => {
    const { job, calls, logLines } = setup(async () => ({ status: 'skipped', reason: 'already indexed' }), 'finished');
    expect(await runJob(job)).toEqual({ status: 'completed', outcome: { status: 'skipped', reason: 'already indexed' } });
    expect(calls).toEqual(['started', 'finished']);
    expect(logLines()).toContainEqual(expect.objectContaining({ level: 'error', jobId: job.jobId, error: 'database is down' }));
  });

  it('keeps the handler failure when the failure cannot be recorded', async () => {
    const { job } = setup(async () => {
      throw new Error('boom');
    }, 'failed');
    expect(await runJob(job)).toEqual({ status: 'failed', reason: 'boom', final: false });
  });

  it('fails for good a handler that returns no outcome', async () => {
    const { job } = setup(async () => undefined as never);
    expect(await runJob(job)).toMatchObject({ status: 'failed', final: true });
  });

  it('never writes the payload to the log', async () => {
    const { job, logLines } = setup(async (_p, ctx) => {
      ctx.log.info('working');
      throw new Error('boom');
    }, undefined, { jobId: 'index-story:job-without-the-story-id' });
    await runJob(job);
    expect(logLines().length).toBeGreaterThan(0);
    expect(JSON.stringify(logLines())).not.toContain(STORY);
  });
});
