import { z } from 'zod';
import type { Config } from '../config/config.js';
import { checkErasure, type ErasureReport } from '../consent/erasure-check.js';
import type { Logger } from '../platform/logger.js';
import { openRuntime } from '../runtime.js';

const say = (stream: NodeJS.WritableStream, line: string) => stream.write(`${line}\n`);

/**
 * `levd verify-erasure STORY_ID [--json]`: checks PostgreSQL (rows and pgvector embeddings),
 * collections, the lexical engine and the job queue for anything left of a withdrawn story.
 * Exit 0 when nothing remains; 1 when something does (each finding printed); 2 for an id
 * that is not a withdrawn story.
 */
export async function verifyErasureCommand(config: Config, log: Logger, storyId: string, options: { readonly json: boolean }): Promise<number> {
  if (!z.uuid().safeParse(storyId).success) {
    say(process.stderr, `levd verify-erasure: "${storyId}" is not a story id (a UUID)`);
    return 2;
  }
  const runtime = await openRuntime(config, log, 'cli');
  try {
    const report = await checkErasure(runtime, storyId);
    if (options.json) say(process.stdout, JSON.stringify(report, null, 2));
    else say(process.stdout, formatReport(report));
    return report.verdict === 'erased' ? 0 : report.verdict === 'remains' ? 1 : 2;
  } finally {
    await runtime.close();
  }
}

export function formatReport(report: ErasureReport): string {
  switch (report.verdict) {
    case 'unknown':
      return `No story ${report.storyId} in this archive.`;
    case 'not_withdrawn':
      return `Story ${report.storyId} has not been withdrawn; its content is meant to be here.`;
    case 'erased':
      return [
        `Story ${report.storyId}: nothing remains. Checked ${report.checked.join(', ')}.`,
        'Kept on purpose (no content):',
        ...report.kept.map((k) => `  - ${k}`),
      ].join('\n');
    case 'remains':
      return [`Story ${report.storyId}: ${report.findings.length} finding(s):`, ...report.findings.map((f) => `  - ${f.store}: ${f.what}`)].join('\n');
  }
}
