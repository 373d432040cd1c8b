import type { ChatModel } from '../model/state';
import { inputLine } from './render';
import { cell, forScreen, strWidth } from './screen-text';
import type { ViewState } from '../view-state';

/**
 * The input box's label and line: where Enter sends, a question or Ctrl-R's search over
 * the input, or Tab's candidates in the label. Pure: the model and view state in, text out.
 */
export function inputBox(
  model: ChatModel,
  state: ViewState,
  width: number,
): { label: string; content: string } {
  const search = state.search;
  if (state.prompt !== null || search !== null) {
    const question =
      search !== null
        ? `(reverse-i-search)'${forScreen(search.query)}':`
        : forScreen(state.prompt ?? '');
    const shown =
      search !== null
        ? cell(search.match ?? '', Math.max(1, width - strWidth(question) - 1))
        : inputLine(state.input, width - strWidth(question) - 1).slice(2);
    return {
      label: search !== null ? ' Ctrl-R older, Escape cancels ' : ' answer ',
      content: `{yellow-fg}${question}{/yellow-fg} ${shown}`,
    };
  }
  const completions = state.completions;
  return {
    label:
      completions === null
        ? sendsToLabel(model)
        : ` ${cell(completions.join(' '), Math.max(8, width - 4)).trimEnd()} `,
    content: inputLine(state.input, width),
  };
}

function sendsToLabel(model: ChatModel): string {
  const to = model.sendsTo;
  const view = model.conversations.current;
  const room = model.roomOnScreen;
  const number = model.conversations.currentNumber;
  if (room) return ` Enter says to ${room} (view ${number}) `;
  if (!to) return ' /send IP:PORT text, or /to IP:PORT ';
  return ` Enter sends to ${view.peer === null ? to.key : `${to.key} (view ${number})`} `;
}
