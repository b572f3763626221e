import { z } from 'zod';

export const themeViewSchema = z.object({
  slug: z.string(),
  labelNb: z.string(),
  labelEn: z.string(),
  descriptionNb: z.string(),
  descriptionEn: z.string(),
  /** Published stories with this theme (confirmed or suggested) that the caller may see. */
  count: z.number().int().min(0),
});
export type ThemeView = z.infer<typeof themeViewSchema>;

export const themesResponseSchema = z.object({ themes: z.array(themeViewSchema) });
