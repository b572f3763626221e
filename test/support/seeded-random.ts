/** mulberry32: a small seeded generator, so every run of a property test checks the same inputs. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  return { next, int, pick };
}
export type Random = ReturnType<typeof random>;

/** The chunking tests' tokenizer: words × 1.3, rounded up (sub-additive, as the real one is near enough). */
export const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
export const fakeCount = (text: string): number => Math.ceil(words(text) * 1.3);
