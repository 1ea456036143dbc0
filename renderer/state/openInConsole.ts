// "Open in console": any screen hands SQL to the console, which opens it in a
// new tab. A window event, so the screens need not know where the console is.
export const OPEN_IN_CONSOLE_EVENT = 'churn-workbench:open-in-console';

export function openInConsole(sql: string): void {
  window.dispatchEvent(new CustomEvent<string>(OPEN_IN_CONSOLE_EVENT, { detail: sql }));
}
