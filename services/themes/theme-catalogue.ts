import type { Db } from '../../db/db.js';
import { audiencesFor, type Viewer } from '../consent/viewer.js';
import { createStoryReadRepository } from '../repositories/story-read.repository.js';
import { createThemeRepository } from '../repositories/theme.repository.js';
import type { ThemeView } from './theme.schema.js';

/** The taxonomy as readers browse it: every theme, with how many stories this viewer may see in it. */
export interface ThemeCatalogue {
  list(viewer: Viewer): Promise<ThemeView[]>;
}

export function createThemeCatalogue(deps: { db: Db }): ThemeCatalogue {
  const themes = createThemeRepository(deps.db);
  const reads = createStoryReadRepository(deps.db);
  return {
    async list(viewer) {
      const [all, counts] = await Promise.all([themes.list(), reads.themeCounts(audiencesFor(viewer))]);
      return all.map(({ slug, labelNb, labelEn, descriptionNb, descriptionEn }) => ({
        slug,
        labelNb,
        labelEn,
        descriptionNb,
        descriptionEn,
        count: counts.get(slug) ?? 0,
      }));
    },
  };
}
