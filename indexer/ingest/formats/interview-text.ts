import type { LineError, RawSegment } from '../sources.js';

/**
 * Plain-text interview notation, the way transcribers write it by hand:
 *
 *     [00:00:05] I: Kan du fortelje litt om den første innleggelsen?
 *     R: [00:00:12] Det var hausten 2019.
 *     Eg hugsar lite av dei første dagane.
 *
 * One turn per line, starting with the speaker; a stamp (`[hh:mm:ss]` or `[mm:ss]`) may stand
 * before or right after the prefix. A line without a prefix continues the current turn.
 */

const STAMP = String.raw`\[(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?\]`;
const LEADING_STAMP = new RegExp(`^${STAMP}\\s*`);
const SPEAKER = /^(\p{L}[\p{L} .'’-]{0,39}):(?=\s|$)\s*/u;

export const EXPECTED_NOTATION =
  'interview notation is one turn per line, starting with the speaker: "I: …", "R: …" or "Kari: …", optionally with a stamp ("[00:01:23] R: …")';

/**
 * The speaker named at the start of `text` (`I:`, `INTERVJUER:`, `Kari Nordmann:`) and the rest.
 * A name of several words must have every word capitalised, so that a sentence such as
 * "Det var sånn: …" is read as speech, not as a speaker called "Det var sånn".
 */
export function splitSpeakerPrefix(text: string): { speaker: string; rest: string } | undefined {
  const match = SPEAKER.exec(text);
  if (!match) return undefined;
  const speaker = match[1]!.trim();
  const words = speaker.split(/\s+/);
  if (words.length > 4) return undefined;
  if (words.length > 1 && !words.every((w) => /^\p{Lu}/u.test(w))) return undefined;
  return { speaker, rest: text.slice(match[0].length) };
}

/** Seconds of a `[hh:mm:ss]` / `[mm:ss]` stamp at the start of `text`, and the rest. */
function splitStamp(text: string): { seconds: number; rest: string } | undefined {
  const match = LEADING_STAMP.exec(text);
  if (!match) return undefined;
  const [, h, m, s, frac] = match;
  const seconds = Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + (frac ? Number(`0.${frac}`) : 0);
  return { seconds, rest: text.slice(match[0].length) };
}

interface Turn {
  speaker: string | undefined;
  start: number | undefined;
  line: number;
  text: string;
}

function readTurnStart(line: string): { speaker?: string; start?: number; rest: string } | undefined {
  const stampFirst = splitStamp(line);
  const afterStamp = stampFirst ? stampFirst.rest : line;
  const prefix = splitSpeakerPrefix(afterStamp);
  if (!prefix) return stampFirst ? { start: stampFirst.seconds, rest: stampFirst.rest } : undefined;
  const stampAfter = stampFirst ? undefined : splitStamp(prefix.rest);
  return {
    speaker: prefix.speaker,
    start: stampFirst?.seconds ?? stampAfter?.seconds,
    rest: stampAfter ? stampAfter.rest : prefix.rest,
  };
}

const clock = (seconds: number): string => {
  const whole = Math.floor(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(whole / 3600))}:${pad(Math.floor(whole / 60) % 60)}:${pad(whole % 60)}`;
};

/**
 * Turns → segments. `firstLine` is the file line of `text`'s first line (a body after front
 * matter starts further down), so every error points at the line in the file.
 */
export function parseInterviewText(text: string, firstLine = 1): { segments: RawSegment[]; errors: LineError[] } {
  const turns: Turn[] = [];
  const errors: LineError[] = [];
  let current: Turn | undefined;
  let paragraphBreak = false;
  let reportedPreamble = false;

  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    const lineNo = firstLine + index;
    if (line === '') {
      paragraphBreak = current !== undefined && current.text !== '';
      return;
    }
    const start = readTurnStart(line);
    if (start && (start.speaker !== undefined || current !== undefined)) {
      // A stamp without a speaker marks a new moment in the same speaker's turn.
      current = { speaker: start.speaker ?? current?.speaker, start: start.start, line: lineNo, text: start.rest.trim() };
      turns.push(current);
    } else if (current) {
      const joint = current.text === '' ? '' : paragraphBreak ? '\n\n' : ' ';
      current.text += joint + line;
    } else if (!reportedPreamble) {
      reportedPreamble = true;
      errors.push({ line: lineNo, message: `text before the first turn is not read; ${EXPECTED_NOTATION}` });
    }
    paragraphBreak = false;
  });

  const segments: RawSegment[] = [];
  turns.forEach((turn, i) => {
    const next = turns[i + 1];
    let end: number | undefined;
    if (turn.start !== undefined && next?.start !== undefined) {
      if (next.start >= turn.start) end = next.start;
      else
        errors.push({
          line: next.line,
          message: `the stamp [${clock(next.start)}] is before the previous turn's [${clock(turn.start)}] (line ${turn.line}); stamps must not go backwards`,
        });
    }
    if (turn.text === '') return;
    segments.push({
      ...(turn.speaker !== undefined && { speaker: turn.speaker }),
      ...(turn.start !== undefined && { start: turn.start }),
      ...(end !== undefined && { end }),
      text: turn.text,
    });
  });
  errors.sort((a, b) => a.line - b.line);
  return { segments, errors };
}
