import type { Db, Queryable } from '../../db/db.js';
import { layoutTranscript } from '../../indexer/chunking/transcript-chunker.js';
import { audiencesFor, type Viewer } from '../consent/viewer.js';
import { RefusedError } from '../platform/errors.js';
import { createAuditRepository } from '../repositories/audit.repository.js';
import {
  createCollectionRepository,
  type CollectionRepository,
  type CollectionRow,
  type ItemRow,
  type StorySource,
} from '../repositories/collection.repository.js';
import { createStoryReadRepository } from '../repositories/story-read.repository.js';
import {
  MAX_ITEMS_PER_COLLECTION,
  type CollectionPatch,
  type CollectionSummary,
  type CollectionView,
  type HandoutFile,
  type HandoutFormat,
  type HandoutLanguage,
  type NewCollection,
  type NewItem,
} from './collection.schema.js';
import { handoutFilename, renderHandout, type HandoutItem } from './handout.js';

/**
 * Educators' collections of passages for teaching. A collection is its owner's alone: to
 * anyone else it does not exist (404). A passage may join only while its story allows
 * teaching, and is kept as a character range into the story's text (never a copy); reading
 * and exporting show only items whose story still allows teaching (the filter is in the
 * query). Every change is one transaction; creation, deletion and export are audited (ids only).
 */

/** The signed-in staff member the collections belong to. */
export interface Owner {
  readonly userId: string;
  readonly viewer: Viewer;
}

export interface HandoutRequest {
  readonly format: HandoutFormat;
  readonly lang: HandoutLanguage;
  /** Where a reader of the handout opens a story (the web UI's story page). */
  readonly storyUrl: (storyId: string) => string;
}

const CONTENT_TYPES: Readonly<Record<HandoutFormat, HandoutFile['contentType']>> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

const NOT_FOUND = 'No collection with this id among yours.';
const NO_ITEM = 'No item with this id in this collection.';

/** The story's text as the story page returns it: for interviews, the laid-out turns that offsets point into. */
export function storyText(source: Pick<StorySource, 'body' | 'segments'>): string {
  return source.segments ? layoutTranscript(source.segments).text : (source.body ?? '');
}

export function createCollectionService(deps: { readonly db: Db }) {
  const { db } = deps;
  const collections = createCollectionRepository(db);

  async function view(ownerId: string, id: string, tx: Queryable = db): Promise<CollectionView> {
    const repo = createCollectionRepository(tx);
    const row = await repo.findOwned(ownerId, id);
    if (!row) throw new RefusedError('not_found', NOT_FOUND);
    const items = await repo.visibleItems(id);
    return { ...summary(row), items: items.map(itemView) };
  }

  /** Runs `change` on the caller's own collection, locked, in one transaction; answers with the collection as it then is. */
  async function change(owner: Owner, id: string, fn: (repo: CollectionRepository, tx: Queryable) => Promise<void>): Promise<CollectionView> {
    return db.transaction(async (tx) => {
      const repo = createCollectionRepository(tx);
      if (!(await repo.lockOwned(owner.userId, id))) throw new RefusedError('not_found', NOT_FOUND);
      await fn(repo, tx);
      await repo.touch(id);
      return view(owner.userId, id, tx);
    });
  }

  /** An item the owner can see (its story allows teaching now); hidden ones answer like missing ones. */
  async function requireVisibleItem(repo: CollectionRepository, collectionId: string, itemId: string): Promise<void> {
    if (!(await repo.visibleItemExists(collectionId, itemId))) throw new RefusedError('not_found', NO_ITEM);
  }

  return {
    async list(owner: Owner): Promise<CollectionSummary[]> {
      return (await collections.listOwned(owner.userId)).map(summary);
    },

    get: (owner: Owner, id: string): Promise<CollectionView> => view(owner.userId, id),

    async create(owner: Owner, input: NewCollection): Promise<CollectionView> {
      return db.transaction(async (tx) => {
        const id = await createCollectionRepository(tx).insert(owner.userId, input);
        await audit(tx, owner, 'collection.created', id);
        return view(owner.userId, id, tx);
      });
    },

    update: (owner: Owner, id: string, patch: CollectionPatch): Promise<CollectionView> =>
      change(owner, id, (repo) => repo.update(id, patch)),

    async remove(owner: Owner, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const repo = createCollectionRepository(tx);
        if (!(await repo.lockOwned(owner.userId, id))) throw new RefusedError('not_found', NOT_FOUND);
        const items = await repo.countItems(id);
        await repo.delete(id);
        await audit(tx, owner, 'collection.deleted', id, { items });
      });
    },

    addItem: (owner: Owner, id: string, item: NewItem): Promise<CollectionView> =>
      change(owner, id, async (repo, tx) => {
        if ((await repo.countItems(id)) >= MAX_ITEMS_PER_COLLECTION) {
          throw new RefusedError('conflict', `A collection holds at most ${MAX_ITEMS_PER_COLLECTION} passages; start another one.`);
        }
        const source = await repo.teachingSourceForShare(item.storyId);
        if (!source) {
          // Only a story the caller may read anyway is named as existing; any other is simply not found.
          const [readable] = await createStoryReadRepository(tx).cards([item.storyId], audiencesFor(owner.viewer));
          if (!readable) throw new RefusedError('not_found', 'storyId: no published story with this id.');
          throw new RefusedError('conflict', 'storyId: the teller has not consented to teaching use of this story, so it cannot be added to a collection.');
        }
        const length = storyText(source).length;
        if (item.endChar > length) {
          throw new RefusedError('invalid', `endChar: must be at most ${length}, the length of the story's text as GET /api/stories/{id} returns it`);
        }
        await repo.insertItem({ collectionId: id, ...item, storyRevision: source.revision });
      }),

    updateItem: (owner: Owner, id: string, itemId: string, note: string): Promise<CollectionView> =>
      change(owner, id, async (repo) => {
        await requireVisibleItem(repo, id, itemId);
        await repo.updateNote(id, itemId, note);
      }),

    removeItem: (owner: Owner, id: string, itemId: string): Promise<CollectionView> =>
      change(owner, id, async (repo) => {
        await requireVisibleItem(repo, id, itemId);
        await repo.deleteItem(id, itemId);
      }),

    /**
     * A new order for the items the owner sees (exactly those, each once). Items hidden because
     * their story no longer allows teaching keep their order after them, and so come back at
     * the end if the teller widens consent again; naming them is not required, which would
     * tell the educator which teller narrowed.
     */
    reorder: (owner: Owner, id: string, itemIds: readonly string[]): Promise<CollectionView> =>
      change(owner, id, async (repo) => {
        const visible = await repo.visibleItemIds(id);
        const given = new Set(itemIds);
        const missing = visible.filter((itemId) => !given.has(itemId));
        const unknown = itemIds.filter((itemId) => !visible.includes(itemId));
        if (missing.length > 0 || unknown.length > 0) {
          const problems = [
            ...(missing.length > 0 ? [`leaves out ${missing.length} of the collection's items`] : []),
            ...(unknown.length > 0 ? [`names ${unknown.length} id(s) that are not items of this collection`] : []),
          ];
          throw new RefusedError('invalid', `itemIds: must list exactly the collection's ${visible.length} items, each once; it ${problems.join(' and ')}`);
        }
        const hidden = (await repo.allItemIds(id)).filter((itemId) => !given.has(itemId));
        await repo.setOrder(id, [...itemIds, ...hidden]);
      }),

    /** The handout file; its export is audited in the same transaction that reads it. */
    async handout(owner: Owner, id: string, request: HandoutRequest): Promise<HandoutFile> {
      return db.transaction(async (tx) => {
        const repo = createCollectionRepository(tx);
        const row = await repo.findOwned(owner.userId, id);
        if (!row) throw new RefusedError('not_found', NOT_FOUND);
        const items = await repo.visibleItems(id);
        const content = renderHandout(
          { title: row.title, description: row.description, items: items.map((item) => handoutItem(item, request)), madeAt: new Date() },
          request.format,
          request.lang,
        );
        await audit(tx, owner, 'collection.exported', id, { format: request.format, lang: request.lang, items: items.length });
        return { filename: handoutFilename(row.title, request.format, request.lang), contentType: CONTENT_TYPES[request.format], content };
      });
    },
  };
}

export type CollectionService = ReturnType<typeof createCollectionService>;

function audit(tx: Queryable, owner: Owner, action: string, collectionId: string, details: Record<string, string | number> = {}): Promise<void> {
  return createAuditRepository(tx).record({ actor: `staff:${owner.userId}`, action, subjectType: 'collection', subjectId: collectionId, details }, tx);
}

function summary(row: CollectionRow): CollectionSummary {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    itemCount: Number(row.itemCount),
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** Revised: the story changed after the range was chosen (unknown for items older than the record of it). */
const revisedSince = (item: ItemRow) => item.storyRevision !== null && item.storyRevision !== Number(item.revision);

function itemView(item: ItemRow): CollectionView['items'][number] {
  return {
    id: item.id,
    storyId: item.storyId,
    storyTitle: item.storyTitle,
    displayName: item.displayName,
    themes: [...item.themes],
    startChar: Number(item.startChar),
    endChar: Number(item.endChar),
    text: storyText(item).slice(Number(item.startChar), Number(item.endChar)),
    quoteAllowed: item.quoteAllowed,
    storyRevised: revisedSince(item),
    note: item.note,
    position: Number(item.position),
  };
}

function handoutItem(item: ItemRow, request: HandoutRequest): HandoutItem {
  const base = { storyTitle: item.storyTitle, displayName: item.displayName, storyUrl: request.storyUrl(item.storyId), note: item.note };
  if (!item.quoteAllowed) return { ...base, passage: { kind: 'no_quote' } };
  if (revisedSince(item)) return { ...base, passage: { kind: 'revised' } };
  return { ...base, passage: { kind: 'quote', text: storyText(item).slice(Number(item.startChar), Number(item.endChar)) } };
}
