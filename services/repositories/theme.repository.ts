import type { Queryable } from '../../db/db.js';

export interface Theme {
  readonly slug: string;
  readonly labelNb: string;
  readonly labelEn: string;
  readonly descriptionNb: string;
  readonly descriptionEn: string;
  readonly termsNb: readonly string[];
  readonly termsEn: readonly string[];
}

export function createThemeRepository(db: Queryable) {
  return {
    async list(): Promise<Theme[]> {
      const result = await db.query<Theme>(
        `SELECT slug, label_nb AS "labelNb", label_en AS "labelEn", description_nb AS "descriptionNb",
                description_en AS "descriptionEn", terms_nb AS "termsNb", terms_en AS "termsEn"
         FROM themes ORDER BY sort_order`,
      );
      return result.rows;
    },
  };
}

export type ThemeRepository = ReturnType<typeof createThemeRepository>;
