/** The transcript files the API accepts (services/contributions/transcript-upload.ts decides in the end). */
export const ACCEPTED_EXTENSIONS = ['.txt', '.vtt', '.srt'] as const;

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

export const isAcceptedFile = (name: string) => (ACCEPTED_EXTENSIONS as readonly string[]).includes(extensionOf(name));

/** 1536 → "1,5 kB" in the reader's language. */
export function formatSize(bytes: number, locale: string): string {
  const units = [
    [1024 * 1024, 'megabyte'],
    [1024, 'kilobyte'],
  ] as const;
  for (const [size, unit] of units) {
    if (bytes >= size) return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(bytes / size);
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(bytes);
}
