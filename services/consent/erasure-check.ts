import type { Db } from '../../db/db.js';
import { PURGE_STORY } from '../../indexer/jobs/purge-story.job.js';
import type { LexicalEngine } from '../lexical/lexical-engine.js';
import { errorMessage } from '../platform/errors.js';
import type { JobQueue } from '../queue/queue.js';
import { createConsentRepository } from '../repositories/consent.repository.js';
import { createErasureRepository } from '../repositories/erasure.repository.js';
import { createJobRunRepository } from '../repositories/job-run.repository.js';

/**
 * `levd verify-erasure STORY_ID`: looks in every store for anything left of a withdrawn story
 * and names what it finds. The expected remains — the content-free story row, the withdrawal
 * receipt (story id, time, scopes withdrawn), the audit trail and the record of the purge
 * job itself — are listed as kept, not as findings.
 */
export type Store = 'postgresql' | 'pgvector' | 'lexical' | 'collections' | 'queue';

export interface ErasureReport {
  readonly storyId: string;
  /** `erased`: nothing found; `remains`: see findings; `not_withdrawn`: the story is live; `unknown`: no such story. */
  readonly verdict: 'erased' | 'remains' | 'not_withdrawn' | 'unknown';
  readonly findings: readonly { readonly store: Store; readonly what: string }[];
  readonly checked: readonly Store[];
  readonly kept: readonly string[];
}

export async function checkErasure(deps: { db: Db; lexical: LexicalEngine; queue: JobQueue }, storyId: string): Promise<ErasureReport> {
  const remains = await createErasureRepository(deps.db).remains(storyId);
  const checked: Store[] = ['postgresql', 'pgvector', 'collections', 'lexical', 'queue'];
  if (!remains.storyExists) return { storyId, verdict: 'unknown', findings: [], checked: [], kept: [] };
  if (remains.status !== 'withdrawn') return { storyId, verdict: 'not_withdrawn', findings: [], checked: [], kept: [] };

  const findings: { store: Store; what: string }[] = [];
  const found = (store: Store, count: number, what: string) => {
    if (count > 0) findings.push({ store, what: `${count} ${what}` });
  };
  if (remains.storyFieldsWithContent.length > 0) findings.push({ store: 'postgresql', what: `story fields still set: ${remains.storyFieldsWithContent.join(', ')}` });
  found('postgresql', remains.revisions, 'revision(s)');
  found('postgresql', remains.chunks, 'passage(s) (chunks)');
  found('pgvector', remains.embeddings, 'embedding(s)');
  found('postgresql', remains.themes, 'theme link(s)');
  found('postgresql', remains.pseudonyms, 'pseudonym map entr(y/ies)');
  found('collections', remains.collectionItems, 'collection item(s)');
  if (remains.purgePending) findings.push({ store: 'lexical', what: 'purge-story has not finished (lexical engine and vacuum)' });

  const receipts = await createConsentRepository(deps.db).rowsOf(storyId);
  found('postgresql', receipts.filter((r) => r.superseded).length, 'earlier consent receipt(s)');
  found('postgresql', receipts.filter((r) => r.holdsDetails).length, 'receipt(s) still holding consent details');
  found('postgresql', receipts.filter((r) => r.holdsCode).length, 'receipt code hash(es)');
  found('postgresql', (await createJobRunRepository(deps.db).naming(storyId)).filter((r) => r.name !== PURGE_STORY).length, 'job run record(s)');

  try {
    found('lexical', (await deps.lexical.passageIds(storyId)).length, `passage document(s) in ${deps.lexical.kind}`);
  } catch (error) {
    findings.push({ store: 'lexical', what: `could not be checked: ${errorMessage(error)}` });
  }
  try {
    const jobs = (await deps.queue.jobsNaming(storyId)).filter((job) => !(job.name === PURGE_STORY && job.state === 'completed'));
    found('queue', jobs.length, `job(s) (${jobs.map((j) => `${j.name} ${j.state}`).join(', ')})`);
  } catch (error) {
    findings.push({ store: 'queue', what: `could not be checked: ${errorMessage(error)}` });
  }
  return {
    storyId,
    verdict: findings.length === 0 ? 'erased' : 'remains',
    findings,
    checked,
    kept: [
      'the story row as a content-free tombstone (id, kind, language, status withdrawn)',
      'the withdrawal receipt: story id, time, scopes withdrawn',
      'the audit trail (actions and times, no content)',
      'the purge job record (story id only)',
    ],
  };
}
