// The webview's one VS Code API object, typed by each panel with its own messages and state.
export interface VsCodeApi<Message, State> {
  postMessage(message: Message): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi(): VsCodeApi<unknown, unknown>;

let api: VsCodeApi<unknown, unknown> | undefined;

/** acquireVsCodeApi may be called only once per page, so every module shares its result. */
export function vscodeApi<Message, State>(): VsCodeApi<Message, State> {
  return (api ??= acquireVsCodeApi()) as VsCodeApi<Message, State>;
}
