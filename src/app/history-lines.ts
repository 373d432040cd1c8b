import type { HistoryRecord } from '../store/history';
import { chatLine, joinedText, leftText, SYSTEM } from './lines';
import { sanitize } from './sanitize';
import { stamp } from './time';

export interface HistoryLine {
  at: number;
  text: string;
}

/**
 * History records as lines for people, each own message with the last state its delivery
 * reached. Peer strings are sanitised.
 */
export function historyLines(
  records: HistoryRecord[],
  states: Map<string, string> = deliveryStates(records),
): HistoryLine[] {
  return records.flatMap((record): HistoryLine[] => {
    switch (record.type) {
      case 'in':
        return [
          {
            at: record.t,
            text: `${record.room === undefined ? '' : `${sanitize(record.room)} `}${chatLine(record.peer, record.name, record.text)}`,
          },
        ];
      case 'out': {
        // A room message waits in our log for members: it was never "unsent".
        const state = states.get(record.id) ?? (record.room === undefined ? 'unsent' : 'kept');
        return [{ at: record.t, text: `me -> ${record.peer} ${sanitize(record.text)} (${state})` }];
      }
      case 'join':
        return [{ at: record.t, text: `${SYSTEM} ${joinedText(record.peer, record.name)}` }];
      case 'leave':
        return [{ at: record.t, text: `${SYSTEM} ${leftText(record.peer, record.name)}` }];
      case 'delivery':
        return [];
    }
  });
}

/** The last state each own message reached, by id (a search's hits hold no delivery). */
export function deliveryStates(records: HistoryRecord[]): Map<string, string> {
  const states = new Map<string, string>();
  for (const record of records) if (record.type === 'delivery') states.set(record.id, record.state);
  return states;
}

/** A history line as the line modes and /search print it: date, time, text. */
export function stamped(line: HistoryLine): string {
  return `${stamp(line.at)} ${line.text}`;
}
