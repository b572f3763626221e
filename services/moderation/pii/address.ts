/**
 * Street addresses and postcodes.
 *
 * An address is a street name with a house number («Storgata 12B», «Kirkeveien 64 A», «Thorvald
 * Meyers gate 5», «Gamle Drammensvei 10-12») or a post-office box («postboks 123»). A street
 * named without a number is not marked: «Karl Johans gate» is a landmark, not a home.
 *
 * A postcode mark is the four digits and the place after them («0557 Oslo»). Address spans never
 * include the postcode, so «Storgata 12B, 0557 Oslo» is an address mark and a postcode mark — the
 * editor can keep the town and hide the street, or the other way round.
 */
import { NOT_NAMES } from './capitalised-words.js';
import type { Confidence, PiiMark } from './pii.js';
import { isKnownPlace } from './places.js';

const SUFFIX = String.raw`(?:gata|gate|gaten|gata|veien|vegen|vei|veg|allé|alléen|alle|alleen|plass|plassen|torg|torget|bakken|bakke|stien|sti|stredet|smuget|svingen|lia|haugen|kroken|brygge|bryggen|terrasse|terrassen|ringen|tunet|løkka|jordet|tråkket|grenda|kaia|kaien|åsen|lunden|hagen|parken|tangen|sletta|engen|hogda|vollen|myra|vegen|stubben|ringvei|ringveg)`;
const NUMBER = String.raw`\d{1,4}(?:\s?[A-Za-zÆØÅæøå](?![\p{L}\d]))?(?:\s?-\s?\d{1,4})?(?![\d\p{L}])`;
const LEAD = String.raw`(?:(?:Gamle|Nye|Øvre|Nedre|Store|Lille|Sankt|St\.|Kong|Dronning|Prins|Søndre|Nordre|Vestre|Østre|Ytre|Indre)\s)?`;
const ONE_WORD = String.raw`${LEAD}\p{Lu}[\p{L}-]*${SUFFIX}`;
// «Thorvald Meyers gate», «Olav Kyrres gate», «Peder Claussøns vei», «Sankt Hans haugen» …
const SEPARATE = String.raw`(?:\p{Lu}[\p{L}.-]*\s){1,3}(?:gate|gata|vei|veg|allé|plass|torg|bakke|terrasse|brygge|sti|stræde|street|road|avenue|lane)`;
const STREET = new RegExp(String.raw`(?<![\p{L}\d])(?:${SEPARATE}|${ONE_WORD})\s?${NUMBER}`, 'gu');
const ENGLISH = /(?<![\p{L}\d])\d{1,4}\s(?:\p{Lu}\p{L}+\s){1,2}(?:Street|Road|Avenue|Lane|Drive|Close|Way)(?![\p{L}])/gu;
const BOX = /(?<![\p{L}\d])(?:[Pp]ostboks|[Pp]ost office box|PO Box|P\.O\. Box|[Pp]b\.)\s?\d{1,5}(?:\s(?:Sentrum|[A-ZÆØÅ][a-zæøå]+\s?sentrum))?(?![\d])/gu;

const POSTCODE = /(?<![\p{L}\d.,:-])(\d{4})[ \u00a0]+(\p{Lu}[\p{L}-]*(?: i \p{Lu}\p{L}+)?)(?![\p{L}\d])/gu;
const POSTCODE_WORD = /(?:postnummer|postnr|post nr|postkode|postcode|zip)\.?:?\s*$/iu;
const isYearLike = (digits: string) => /^(?:19|20)\d\d$/.test(digits);

export function detectAddresses(text: string): PiiMark[] {
  const marks: PiiMark[] = [];
  for (const pattern of [STREET, ENGLISH]) {
    for (const m of text.matchAll(pattern)) {
      marks.push({ start: m.index, end: m.index + m[0].length, category: 'address', confidence: 'high', reason: 'street name with a house number' });
    }
  }
  for (const m of text.matchAll(BOX)) {
    marks.push({ start: m.index, end: m.index + m[0].length, category: 'address', confidence: 'high', reason: 'post-office box' });
  }
  return marks;
}

export function detectPostcodes(text: string): PiiMark[] {
  const marks: PiiMark[] = [];
  const streets = detectAddresses(text);
  for (const m of text.matchAll(POSTCODE)) {
    const [whole, digits, place] = m as unknown as [string, string, string];
    const placeKey = place.normalize('NFC').toLowerCase();
    if (NOT_NAMES.has(placeKey)) continue;
    const afterAddress = streets.some((s) => /^,?\s*$/.test(text.slice(s.end, m.index)) && s.end <= m.index);
    const labelled = POSTCODE_WORD.test(text.slice(Math.max(0, m.index - 16), m.index));
    const known = isKnownPlace(placeKey.split(' ')[0]!) || isKnownPlace(placeKey);
    if (isYearLike(digits) && !afterAddress && !labelled) continue;
    let confidence: Confidence = 'medium';
    if (afterAddress || labelled || known) confidence = 'high';
    marks.push({ start: m.index, end: m.index + whole.length, category: 'postcode', confidence, reason: 'four-digit postcode and place' });
  }
  return marks;
}
