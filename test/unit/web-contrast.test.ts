import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The web UI's palette (web/src/styles/base.css) meets WCAG AA: every text/background pair used is ≥ 4.5:1. */

const css = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/src/styles/base.css'), 'utf8');
const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
const colour = (name: string): string => {
  const value = new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`).exec(root)?.[1];
  if (!value) throw new Error(`base.css has no colour --${name}`);
  return value;
};

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** [text, background] as the stylesheets combine them. */
const PAIRS: [string, string][] = [
  ['text', 'bg'],
  ['text', 'surface'],
  ['muted', 'bg'],
  ['muted', 'surface'],
  ['accent', 'bg'],
  ['accent', 'surface'],
  ['accent', 'accent-soft'],
  ['accent-text', 'accent'],
  ['text', 'accent-soft'],
  ['text', 'mark'],
  ['text', 'focus-bg'],
  ['accent', 'focus-bg'],
  ['muted', 'focus-bg'],
  ['text', 'warning-bg'],
  ['muted', 'warning-bg'],
  ['text', 'error-bg'],
  ['muted', 'error-bg'],
];

describe('web palette contrast', () => {
  it('knows the formula (black on white is 21:1)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });

  it.each(PAIRS)('--%s on --%s is at least 4.5:1', (text, background) => {
    expect(contrast(colour(text), colour(background))).toBeGreaterThanOrEqual(4.5);
  });

  it('has a focus ring and control borders that stand out from the page (≥ 3:1, WCAG 1.4.11)', () => {
    expect(contrast(colour('focus-ring'), colour('bg'))).toBeGreaterThanOrEqual(3);
    expect(contrast(colour('border'), colour('surface'))).toBeGreaterThanOrEqual(3);
  });
});
