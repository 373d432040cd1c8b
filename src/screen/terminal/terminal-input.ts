import { StringDecoder } from 'node:string_decoder';
import type blessed from 'blessed';
import { BRACKETED_PASTE_OFF, BRACKETED_PASTE_ON, PasteFilter } from './paste';

type Program = blessed.BlessedProgram;

interface MouseModes {
  vt200Mouse?: boolean;
  sgrMouse?: boolean;
  cellMotion?: boolean;
}

/**
 * The mouse reports clicks, wheel and drags with a button held (button-event tracking,
 * `ESC[?1002h`, with SGR coordinates), never bare motion: blessed asks for any-event
 * tracking (`ESC[?1003h`), which makes terminals hand every move to the program.
 */
export function useButtonEventMouse(program: Program): void {
  const settable = program as unknown as {
    setMouse(modes: MouseModes, enable: boolean): void;
    enableMouse(): void;
  };
  settable.enableMouse = () =>
    settable.setMouse({ vt200Mouse: true, sgrMouse: true, cellMotion: true }, true);
}

/**
 * Puts a paste filter (screen/terminal/paste.ts) in front of blessed: every chunk the terminal sends
 * passes through it, keys go on to blessed's parser, pastes to `onPaste`. Asks the
 * terminal for bracketed paste; terminals that do not know it ignore the request.
 */
export function filterInput(program: Program, onPaste: (text: string) => void): void {
  const input = program.input as NodeJS.ReadableStream & {
    emit(event: string, ...args: unknown[]): boolean;
  };
  const emit = input.emit.bind(input);
  const decoder = new StringDecoder('utf8');
  const filter = new PasteFilter();
  input.emit = (event: string, ...args: unknown[]): boolean => {
    if (event !== 'data') return emit(event, ...args);
    const chunk = args[0];
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    for (const part of filter.push(text)) {
      if (part.kind === 'keys') emit('data', Buffer.from(part.data, 'utf8'));
      else onPaste(part.text);
    }
    return true;
  };
  program.output.write(BRACKETED_PASTE_ON);
}

/** Gives the terminal its ordinary paste back (before blessed restores the rest). */
export function endInput(program: Program): void {
  program.output.write(BRACKETED_PASTE_OFF);
}
