// Commands the native menu (Electron) sends to the renderer. The preload
// re-dispatches them as a DOM event on window, so the bridge itself exposes
// nothing but `invoke`.
export const MENU_COMMANDS = ['open-files', 'open-sample', 'open-workspace', 'save-workspace-as', 'new-scratch'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
export const MENU_EVENT = 'churn-workbench:menu';
export const MENU_CHANNEL = 'cw:menu';

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
